#include <gtest/gtest.h>

#include "openlock/openness.hpp"

using openlock::evaluate_mof;
using openlock::mof_class_name;

namespace {

std::string record(const std::string& global, const std::string& components) {
  return "framework: {name: Model Openness Framework, version: '1.0'}\nrelease:\n  name: test\n  license: " + global +
         "\n  components:\n" + components;
}

std::string component(const std::string& name, const std::string& license = "") {
  return "    - name: '" + name + "'\n" + (license.empty() ? "" : "      license: '" + license + "'\n");
}

const std::string kClassThree = component("Model architecture") + component("Model parameters (Final)") +
                                component("Model card") + component("Data card") + component("Evaluation results") +
                                component("Technical report");

}  // namespace

TEST(Mof, ClassThreeFromGlobalLicenses) {
  auto r = evaluate_mof(record("{code: {name: Apache-2.0}, data: {name: CDLA-Permissive-2.0}, document: {name: CC-BY-4.0}}",
                               kClassThree));
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.name, "test");
  EXPECT_EQ(r.model_class, 3);
  EXPECT_EQ(mof_class_name(r.model_class), "III");
  EXPECT_DOUBLE_EQ(r.progress_class3, 100.0);
  EXPECT_DOUBLE_EQ(r.progress_class2, 60.0) << "6 of the 10 components class II needs";
  EXPECT_DOUBLE_EQ(r.progress_class1, 0.0) << "class I progress counts only once class II is complete";
  ASSERT_EQ(r.components.size(), 17u);
  EXPECT_EQ(r.components[2].name, "Model architecture");
  EXPECT_EQ(r.components[2].status, "open");
  EXPECT_EQ(r.components[2].license, "Apache-2.0");
}

TEST(Mof, ComponentLicenseWinsAndRestrictiveLicensesAreNotOpen) {
  std::string comps = kClassThree;
  comps.replace(comps.find("'Model parameters (Final)'\n"), 27,
                "'Model parameters (Final)'\n      license: 'Llama 3 Community License'\n");
  auto r = evaluate_mof(record("{distribution: {name: MIT}}", comps));
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.model_class, 0);
  EXPECT_NEAR(r.progress_class3, 83.33, 0.001);
  EXPECT_DOUBLE_EQ(r.progress_class2, 0.0);
  EXPECT_EQ(r.components[4].status, "not_open");
}

TEST(Mof, UnlicensedAndAbsent) {
  auto r = evaluate_mof(record("{}", component("Model architecture", "unlicensed") + component("Model card")));
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.components[2].status, "unlicensed");
  EXPECT_EQ(r.components[3].status, "unlicensed") << "no license anywhere";
  EXPECT_EQ(r.components[0].status, "absent");
  EXPECT_DOUBLE_EQ(r.progress_class3, 0.0);
}

TEST(Mof, ResearchPaperStandsInForTechnicalReport) {
  std::string comps = kClassThree;
  comps.replace(comps.find("'Technical report'"), 18, "'Research paper'");
  auto r = evaluate_mof(record("{distribution: {name: Apache-2.0}}", comps));
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.model_class, 3);
  EXPECT_DOUBLE_EQ(r.progress_class3, 100.0);
}

TEST(Mof, MalformedRecords) {
  EXPECT_FALSE(evaluate_mof("release: [unclosed").ok);
  EXPECT_NE(evaluate_mof("release: [unclosed").error.find("line"), std::string::npos);
  EXPECT_FALSE(evaluate_mof("just text").ok);
  EXPECT_FALSE(evaluate_mof("").ok);
  auto r = evaluate_mof("release:\n  components: 7\n  license: 3\n");
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.model_class, 0);
}
