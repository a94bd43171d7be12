#include "parse/license_file.hpp"

#include "license/fingerprint.hpp"
#include "license/identify.hpp"

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

namespace {

// An invented license and the knowledge base that knows it (real texts may not be copied here).
const char* kLantern =
    "Lantern Weights License\n"
    "You may run, copy and change the Lantern weights for any purpose you like, including selling\n"
    "products built on them, as long as each copy you give away keeps this license with it.\n"
    "You may not use the weights to pretend that a machine is a person in a conversation.\n"
    "The weights come as they are; the authors owe you nothing if they fail you.\n";

std::vector<KnownText> lantern_base() {
  KnownText k;
  k.info.id = "lantern";
  k.info.name = "Lantern Weights License";
  k.info.expression = "LicenseRef-lantern";
  k.info.kind = "open-weight";
  k.fingerprint = *fingerprint_text(kLantern);
  return {k};
}

ParseOutput run_with(const std::vector<KnownText>& known, const std::string& text) {
  ParseOutput out;
  parse_license_file(ParseInput{"m/LICENSE", text, &known}, out);
  return out;
}

}  // namespace

TEST(LicenseFile, NamesAKnownLicense) {
  auto known = lantern_base();
  ParseOutput out = run_with(known, kLantern);
  const Fact& f = text_fact(out);
  EXPECT_EQ(f.get("status"), "identified");
  EXPECT_EQ(f.get("expression"), "LicenseRef-lantern");
  EXPECT_EQ(f.get("known_kind"), "open-weight");
  EXPECT_EQ(f.get("similarity"), "100");
  EXPECT_TRUE(of_kind(out, "license_variant").empty());
}

TEST(LicenseFile, AModifiedVariantPointsAtItsFirstAddedLine) {
  auto known = lantern_base();
  std::string text = std::string(kLantern) +
                     "Any service with more than ten thousand daily users must pay the authors a yearly fee first.\n";
  ParseOutput out = run_with(known, text);
  EXPECT_EQ(text_fact(out).get("status"), "modified");
  auto variants = of_kind(out, "license_variant");
  ASSERT_EQ(variants.size(), 1u);
  EXPECT_EQ(variants[0]->location.line, 6u);
  EXPECT_EQ(variants[0]->get("added_lines"), "1");
  EXPECT_NE(variants[0]->evidence.find("daily users"), std::string::npos);
}

TEST(LicenseFile, AnUnknownTextHasNoExpression) {
  auto known = lantern_base();
  ParseOutput out = run_with(known, "These notes may be shared with friends and family, and with nobody else at all.\n");
  const Fact& f = text_fact(out);
  EXPECT_EQ(f.get("status"), "unknown");
  EXPECT_FALSE(f.has("expression"));
}
