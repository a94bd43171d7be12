#include "license/license_texts.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <map>

#include "rules/embedded.hpp"

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

// The built-in entries' fingerprint blocks are read without yaml-cpp (license_texts.cpp): every
// entry must come out as a whole-YAML reading of it gives.
TEST(LicenseTexts, BuiltInEntriesAreWhatTheirYamlSays) {
  std::map<std::string, const KnownText*> by_id;
  for (const auto& k : known_texts()) by_id[k.info.id] = &k;
  std::size_t files = 0;
  for (const auto& file : embedded_rule_files()) {
    if (!file.path.starts_with("licenses/texts/")) continue;
    ++files;
    YAML::Node doc = YAML::Load(std::string(file.text));
    auto it = by_id.find(doc["id"].as<std::string>());
    ASSERT_NE(it, by_id.end()) << file.path;
    const KnownText& k = *it->second;
    EXPECT_EQ(k.info.name, doc["name"].as<std::string>());
    EXPECT_EQ(k.info.expression, doc["expression"].as<std::string>());
    EXPECT_EQ(k.info.kind, doc["kind"].as<std::string>());
    EXPECT_EQ(k.info.osi_approved, doc["osi_approved"].as<bool>());
    EXPECT_EQ(k.info.clauses, doc["clauses"].as<std::vector<std::string>>());
    auto required = decode_gram_set(doc["fingerprint"]["required"].as<std::string>());
    ASSERT_TRUE(required) << file.path;
    EXPECT_EQ(k.fingerprint.required, *required) << file.path;
    std::vector<std::uint32_t> optional;
    if (doc["fingerprint"]["optional"]) optional = *decode_gram_set(doc["fingerprint"]["optional"].as<std::string>());
    EXPECT_EQ(k.fingerprint.optional, optional) << file.path;
  }
  EXPECT_EQ(files, known_texts().size());
}

// Shapes of the fingerprint block other than the generated one still read as YAML says.
TEST(LicenseTexts, AnyFingerprintShapeReadsAsYaml) {
  std::vector<std::uint32_t> grams;
  for (std::uint32_t i = 1; i <= 40; ++i) grams.push_back(i * 7919);
  std::string b64 = encode_gram_set(grams);
  std::string half = b64.substr(0, b64.size() / 2), rest = b64.substr(b64.size() / 2);
  std::string head = std::string(kEntry) + "clauses: []\n";
  const std::vector<std::string> entries = {
      head + "fingerprint:  # generated\n  trigrams: 40\n  required: >-\n    " + half + "\n    " + rest + "\n",
      head + "fingerprint:\r\n  trigrams: 40\r\n  required: >-\r\n    " + half + "\r\n\r\n    " + rest + "\r\n",
      head + "fingerprint: {required: \"" + b64 + "\"}\n",
      head + "fingerprint:\n  required: \"" + b64 + "\"\n",
      head + "fingerprint:\n  required: >-\n    " + b64 + "\n  # a comment\n",
      head + "fingerprint:\n  required: >-\n    " + b64 + "\nrole: use_policy\n",
      "fingerprint:\n  required: >-\n    " + b64 + "\n" + head,
      head + "fingerprint:\n    required: >-\n        " + b64 + "\n",
  };
  for (const auto& text : entries) {
    KnownText e = read_embedded_entry(text);
    EXPECT_EQ(e.info.id, "kestrel") << text;
    EXPECT_EQ(e.fingerprint.required, grams) << text;
    EXPECT_TRUE(e.fingerprint.optional.empty()) << text;
  }
  EXPECT_EQ(read_embedded_entry(entries[5]).info.role, "use_policy");
  // Broken ones are errors, never a crash: a bad gram set, a bad character, no required set.
  EXPECT_THROW(read_embedded_entry(head + "fingerprint:\n  required: >-\n    A\n"), std::exception);
  EXPECT_THROW(read_embedded_entry(head + "fingerprint:\n  required: >-\n    " + half + "!\n"), std::exception);
  EXPECT_THROW(read_embedded_entry(head + "fingerprint:\n  trigrams: 40\n"), std::exception);
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
