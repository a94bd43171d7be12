#include "parse/license_file.hpp"

#include <gtest/gtest.h>

#include "unit/parse/parse_helpers.hpp"

using namespace openlock;
using openlock::testing::of_kind;
using openlock::testing::run;

namespace {

const Fact& text_fact(const ParseOutput& out) {
  auto facts = of_kind(out, "license_text");
  EXPECT_EQ(facts.size(), 1u);
  return *facts.at(0);
}

}  // namespace

TEST(LicenseFile, AcceptsLicenseNames) {
  for (const char* name : {"LICENSE", "LICENSE.txt", "license.md", "LICENCE", "Licence.rst", "COPYING",
                           "COPYING.LESSER", "MODEL_LICENSE", "model_license.txt", "LICENSE-MODEL", "LICENSE-CODE",
                           "license-mit", "LICENSE.APACHE", "sub/USE_POLICY.md", "use_policy.md", "NOTICE", "a/b/notice"})
    EXPECT_TRUE(license_file_accepts(name)) << name;
  for (const char* name : {"LICENSES.json", "license_check.py", "README.md", "NOTICES_extra.py", "MY_LICENSE",
                           "src/license.py", "cmd/license.go", "LICENSE-checker.js", "license.json", "LICENSEE"})
    EXPECT_FALSE(license_file_accepts(name)) << name;
}

TEST(LicenseFile, RecordsALicenseTextFact) {
  ParseOutput out = run(parse_license_file, "\n\n  ACME LICENSE 1.0  \nbody\n", "m/LICENSE");
  EXPECT_TRUE(out.diagnostics.empty());
  const Fact& f = text_fact(out);
  EXPECT_EQ(f.location.path, "m/LICENSE");
  EXPECT_EQ(f.location.line, 3u);
  EXPECT_EQ(f.evidence, "ACME LICENSE 1.0");
  EXPECT_EQ(f.get("file"), "LICENSE");
  EXPECT_EQ(f.get("role"), "license");
  EXPECT_EQ(f.get("bytes"), "28");
  EXPECT_EQ(f.get("lines"), "4");
}

TEST(LicenseFile, FirstLineFactAtLineOne) {
  ParseOutput out = run(parse_license_file, "MIT License\n\nCopyright (c) Someone", "LICENSE.txt");
  const Fact& f = text_fact(out);
  EXPECT_EQ(f.location.line, 1u);
  EXPECT_EQ(f.get("file"), "LICENSE.txt");
  EXPECT_EQ(f.get("lines"), "3");
}

TEST(LicenseFile, Roles) {
  EXPECT_EQ(text_fact(run(parse_license_file, "x", "USE_POLICY.md")).get("role"), "use_policy");
  EXPECT_EQ(text_fact(run(parse_license_file, "x", "sub/NOTICE")).get("role"), "notice");
  EXPECT_EQ(text_fact(run(parse_license_file, "x", "COPYING")).get("role"), "license");
  EXPECT_EQ(text_fact(run(parse_license_file, "x", "LICENSE-MODEL")).get("role"), "license");
}

TEST(LicenseFile, CrlfAndBom) {
  ParseOutput out = run(parse_license_file, "\xEF\xBB\xBF\r\nApache License\r\nVersion 2.0\r\n", "LICENSE");
  const Fact& f = text_fact(out);
  EXPECT_EQ(f.location.line, 2u);
  EXPECT_EQ(f.evidence, "Apache License");
  EXPECT_EQ(f.get("lines"), "3");
}

TEST(LicenseFile, EmptyFileIsADiagnostic) {
  for (const char* text : {"", " \n\r\n", "\xEF\xBB\xBF"}) {
    ParseOutput out = run(parse_license_file, text, "LICENSE");
    EXPECT_TRUE(out.facts.empty());
    ASSERT_EQ(out.diagnostics.size(), 1u);
    EXPECT_EQ(out.diagnostics[0].location.path, "LICENSE");
    EXPECT_EQ(out.diagnostics[0].location.line, 1u);
    EXPECT_EQ(out.diagnostics[0].message, "empty license file");
  }
}

TEST(LicenseFile, LongFirstLineIsCapped) {
  ParseOutput out = run(parse_license_file, std::string(5000, 'x'), "LICENSE");
  EXPECT_EQ(text_fact(out).evidence.size(), 200u);
  EXPECT_EQ(text_fact(out).get("bytes"), "5000");
}

TEST(LicenseFile, CapNeverSplitsACharacter) {
  ParseOutput out = run(parse_license_file, std::string(199, 'x') + "\xc3\xa9" + "tail", "LICENSE");
  EXPECT_EQ(text_fact(out).evidence, std::string(199, 'x'));
}

TEST(LicenseFile, InvalidUtf8AndNulBytesDoNotCrash) {
  std::string text("\xff\xfe license\0 text\n\xc3\x28\n", 19);
  ParseOutput out = run(parse_license_file, text, "LICENSE");
  EXPECT_EQ(text_fact(out).location.line, 1u);
  EXPECT_EQ(text_fact(out).get("bytes"), "19");
}
