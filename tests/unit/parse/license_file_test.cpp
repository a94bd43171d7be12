#include "parse/license_file.hpp"

#include <gtest/gtest.h>

#include "unit/parse/parse_helpers.hpp"

using namespace openlock;
using openlock::testing::of_kind;
using openlock::testing::run;

TEST(LicenseFile, AcceptsLicenseNames) {
  for (const char* name : {"LICENSE", "LICENSE.txt", "license.md", "LICENCE", "COPYING", "MODEL_LICENSE",
                           "LICENSE-MODEL", "sub/USE_POLICY.md", "NOTICE"})
    EXPECT_TRUE(license_file_accepts(name)) << name;
  for (const char* name : {"LICENSES.json", "license_check.py", "README.md", "NOTICES_extra.py"})
    EXPECT_FALSE(license_file_accepts(name)) << name;
}

TEST(LicenseFile, RecordsALicenseTextFact) {
  ParseOutput out = run(parse_license_file, "\n\n  ACME LICENSE 1.0  \nbody\n", "m/LICENSE");
  auto facts = of_kind(out, "license_text");
  ASSERT_EQ(facts.size(), 1u);
  EXPECT_EQ(facts[0]->location.line, 3u);
  EXPECT_EQ(facts[0]->evidence, "ACME LICENSE 1.0");
  EXPECT_EQ(facts[0]->get("file"), "LICENSE");
  EXPECT_EQ(facts[0]->get("role"), "license");
  EXPECT_EQ(facts[0]->get("lines"), "4");
  EXPECT_EQ(of_kind(run(parse_license_file, "x", "USE_POLICY.md"), "license_text")[0]->get("role"), "use_policy");
}

TEST(LicenseFile, EmptyFileIsADiagnostic) {
  ParseOutput out = run(parse_license_file, " \n\r\n", "LICENSE");
  EXPECT_TRUE(out.facts.empty());
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_EQ(out.diagnostics[0].location.path, "LICENSE");
}

TEST(LicenseFile, LongFirstLineIsCapped) {
  ParseOutput out = run(parse_license_file, std::string(5000, 'x'), "LICENSE");
  EXPECT_EQ(out.facts[0].evidence.size(), 200u);
}
