#include "score/lockin.hpp"

#include <gtest/gtest.h>

using namespace openlock;

namespace {
Finding finding(std::string category, Severity severity, std::string vendor, std::string fp,
                std::string confidence = "high", std::string context = "product", bool mitigates = false) {
  Finding f;
  f.category = std::move(category);
  f.severity = severity;
  f.vendor = std::move(vendor);
  f.fingerprint = std::move(fp);
  f.confidence = std::move(confidence);
  f.context = std::move(context);
  f.mitigates = mitigates;
  return f;
}
}  // namespace

TEST(LockinScore, NothingIsNone) {
  Lockin l = score_lockin({});
  EXPECT_EQ(l.hardware.score, 0);
  EXPECT_EQ(l.hardware.level, "none");
  EXPECT_TRUE(l.hardware.vendors.empty());
}

TEST(LockinScore, SeverityConfidenceAndContextWeigh) {
  Lockin l = score_lockin({finding("lockin.hardware", Severity::high, "nvidia", "1"),
                           finding("lockin.hardware", Severity::high, "nvidia", "1"),  // same evidence once
                           finding("lockin.model_provider", Severity::medium, "openai", "2", "medium"),
                           finding("lockin.cloud", Severity::high, "aws", "3", "high", "test")});
  EXPECT_EQ(l.hardware.score, 30);
  EXPECT_EQ(l.hardware.level, "medium");
  EXPECT_EQ(l.hardware.vendors, (std::vector<std::string>{"nvidia"}));
  EXPECT_EQ(l.model_provider.score, 9);
  EXPECT_EQ(l.model_provider.level, "low");
  EXPECT_EQ(l.cloud.score, 9);
}

TEST(LockinScore, ClampedAndMitigated) {
  std::vector<Finding> many;
  for (int i = 0; i < 10; ++i) many.push_back(finding("lockin.hardware", Severity::critical, "nvidia", std::to_string(i)));
  EXPECT_EQ(score_lockin(many).hardware.score, 100);
  EXPECT_EQ(score_lockin(many).hardware.level, "high");
  std::vector<Finding> mitigated = {finding("lockin.hardware", Severity::medium, "nvidia", "a"),
                                    finding("lockin.hardware", Severity::medium, "amd", "b", "high", "product", true)};
  Lockin l = score_lockin(mitigated);
  EXPECT_EQ(l.hardware.score, 0);
  EXPECT_EQ(l.hardware.vendors, (std::vector<std::string>{"nvidia"}));
}
