#include "license/license_texts.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

using namespace openlock;
namespace fs = std::filesystem;

namespace {

struct Pack {
  fs::path dir = fs::temp_directory_path() / ("openlock-pack-" + std::to_string(::getpid()));
  Pack() { fs::create_directories(dir / "licenses" / "texts"); }
  ~Pack() { fs::remove_all(dir); }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(dir / "licenses" / "texts" / name) << text;
  }
};

const char* kEntry =
    "id: kestrel\nname: Kestrel License\nexpression: LicenseRef-kestrel\nfamily: kestrel\nkind: open-weight\n"
    "osi_approved: false\n";

}  // namespace

TEST(LicenseTexts, BuiltInKnowledgeLoads) {
  EXPECT_GE(known_texts().size(), 40u);
  for (const auto& k : known_texts()) EXPECT_GE(k.fingerprint.required.size(), kMinLicenseGrams) << k.info.id;
}

TEST(LicenseTexts, APackEntryMayCarryItsOwnText) {
  Pack pack;
  pack.write("kestrel.yaml", std::string(kEntry) + "text: kestrel.txt\n");
  pack.write("kestrel.txt", "The Kestrel weights may be used by anyone for anything, provided this sentence travels with them.\n");
  std::vector<KnownText> out;
  std::vector<std::string> errors;
  load_license_pack(pack.dir, out, errors);
  EXPECT_TRUE(errors.empty()) << errors.front();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].info.expression, "LicenseRef-kestrel");
  EXPECT_EQ(out[0].info.role, "license");
  EXPECT_EQ(out[0].fingerprint.required.size(), 14u);  // 16 words
}

TEST(LicenseTexts, BadEntriesAreErrorsNamingTheFile) {
  Pack pack;
  pack.write("a-unknown-key.yaml", std::string(kEntry) + "text: t.txt\ncolour: red\n");
  pack.write("b-no-text.yaml", std::string(kEntry) + "text: missing.txt\n");
  pack.write("c-short.yaml", std::string(kEntry) + "text: short.txt\n");
  pack.write("short.txt", "too short\n");
  pack.write("d-bad-yaml.yaml", "id: [unclosed\n");
  pack.write("e-neither.yaml", kEntry);
  std::vector<KnownText> out;
  std::vector<std::string> errors;
  load_license_pack(pack.dir, out, errors);
  EXPECT_TRUE(out.empty());
  ASSERT_EQ(errors.size(), 5u);
  EXPECT_NE(errors[0].find("a-unknown-key.yaml: unknown key 'colour'"), std::string::npos) << errors[0];
  EXPECT_NE(errors[1].find("cannot read the text file"), std::string::npos) << errors[1];
  EXPECT_NE(errors[2].find("too short"), std::string::npos) << errors[2];
  EXPECT_NE(errors[3].find("d-bad-yaml.yaml:"), std::string::npos) << errors[3];
  EXPECT_NE(errors[4].find("needs `fingerprint:` or `text: FILE`"), std::string::npos) << errors[4];
}

TEST(LicenseTexts, AFolderWithoutLicensesIsFine) {
  std::vector<KnownText> out;
  std::vector<std::string> errors;
  load_license_pack("/no/such/dir", out, errors);
  EXPECT_TRUE(out.empty());
  EXPECT_TRUE(errors.empty());
}
