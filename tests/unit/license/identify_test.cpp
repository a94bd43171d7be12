// Identification over a small knowledge base of licenses written for this test (never real
// license texts), then checks of the embedded knowledge base itself.
#include "license/identify.hpp"

#include <gtest/gtest.h>

#include <set>

#include "openlock/license.hpp"

using namespace openlock;

namespace {

// Two versions of an invented model license that differ the way real versions do: a renamed
// model, one clause rewritten, one clause added.
const char* kHarborV1 =
    "Harbor Model License, version 1\n"
    "1. Grant. The Harbor Foundation grants you a worldwide, royalty-free right to run, copy,\n"
    "study and adapt the Harbor model weights and the documentation that comes with them.\n"
    "2. Sharing. You may give copies of the weights or of your adapted weights to others, as long\n"
    "as every copy travels with this license and a notice naming the Harbor Foundation.\n"
    "3. Limits. If the services you build on the weights reach more than five hundred thousand\n"
    "people in one calendar month, you must first agree separate terms with the Foundation.\n"
    "4. Conduct. You will not use the weights to deceive people about who they are talking to,\n"
    "and you will follow the conduct guide the Foundation publishes on its website.\n"
    "5. No warranty. The weights are provided as they are, without promises of any kind, and the\n"
    "Foundation is not liable for any loss that comes from using them.\n";

const char* kHarborV2 =
    "Harbor Model License, version 2\n"
    "1. Grant. The Harbor Foundation grants you a worldwide, royalty-free right to run, copy,\n"
    "study and adapt the Harbor Two model weights and the documentation that comes with them.\n"
    "2. Sharing. You may give copies of the weights or of your adapted weights to others, as long\n"
    "as every copy travels with this license and a notice naming the Harbor Foundation.\n"
    "3. Limits. If the products you sell on top of the weights reach more than two million paying\n"
    "customers in any quarter, you must first agree separate terms with the Foundation.\n"
    "4. Conduct. You will not use the weights to deceive people about who they are talking to,\n"
    "and you will follow the conduct guide the Foundation publishes on its website.\n"
    "5. Names. A model you adapt from the weights must carry the word Harbor in its name.\n"
    "6. No warranty. The weights are provided as they are, without promises of any kind, and the\n"
    "Foundation is not liable for any loss that comes from using them.\n";

const char* kMeadow =
    "Meadow Data Terms\n"
    "Anyone may read, copy and republish the Meadow collection of field recordings for any purpose.\n"
    "When you republish recordings, say where they came from and link back to the collection page.\n"
    "You may not suggest that the people who made the recordings endorse you or your use of them.\n"
    "These terms cannot be withdrawn once you have received a copy of the collection.\n"
    "EXAMPLE NOTICE: to mark a recording, write the words Meadow collection and its page address.\n";

KnownText known(std::string id, const char* text, const char* optional_from = "") {
  KnownLicense info;
  info.id = id;
  info.name = id;
  info.expression = "LicenseRef-" + id;
  auto fp = fingerprint_text(text, optional_from);
  EXPECT_TRUE(fp);
  return {info, *fp};
}

const std::vector<KnownText>& base() {
  static const std::vector<KnownText> kb = {known("harbor-1", kHarborV1), known("harbor-2", kHarborV2),
                                            known("meadow", kMeadow, "EXAMPLE NOTICE")};
  return kb;
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
  auto at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return at == std::string::npos ? s : s.replace(at, from.size(), to);
}

}  // namespace

TEST(Identify, ExactTextsAreIdentifiedVersionExact) {
  auto v1 = identify_among(kHarborV1, base());
  EXPECT_EQ(v1.status, "identified");
  ASSERT_TRUE(v1.license);
  EXPECT_EQ(v1.license->id, "harbor-1");
  EXPECT_DOUBLE_EQ(v1.similarity, 1.0);
  auto v2 = identify_among(kHarborV2, base());
  ASSERT_TRUE(v2.license);
  EXPECT_EQ(v2.license->id, "harbor-2");
  EXPECT_EQ(v2.status, "identified");
}

TEST(Identify, ReflowMarkdownAndCopyrightHeaderStillIdentify) {
  std::string text = "# LICENSE\n\nCopyright (c) 2031 Some Lab\n\n";
  for (const char* p = kHarborV1; *p; ++p) text.push_back(*p == '\n' ? ' ' : *p);  // one long line
  text = replace(text, "5. No warranty.", "\n\n**5. No warranty.**");
  auto id = identify_among(text, base());
  EXPECT_EQ(id.status, "identified") << id.note;
  ASSERT_TRUE(id.license);
  EXPECT_EQ(id.license->id, "harbor-1");
}

TEST(Identify, ATitleOrNoteBeforeTheLicenseIsAHeaderNotAChange) {
  auto id = identify_among(std::string("The Meadow terms, reproduced below, cover every recording here.\n\n") + kMeadow, base());
  EXPECT_EQ(id.status, "identified");
  EXPECT_TRUE(id.added.empty());
}

TEST(Identify, SmallEditsStillIdentify) {
  std::string text = replace(kHarborV1, "royalty-free", "royalty free");
  text = replace(text, "calendar month", "calender month");
  auto id = identify_among(text, base());
  EXPECT_EQ(id.status, "identified");
  ASSERT_TRUE(id.license);
  EXPECT_EQ(id.license->id, "harbor-1");
  EXPECT_LT(id.similarity, 1.0);
}

TEST(Identify, AnAddedClauseMakesAModifiedVariantWithTheLinesAsEvidence) {
  std::string text = replace(kHarborV1, "5. No warranty.",
                             "5. Display. Any product built on the weights must show the words Powered by Harbor\n"
                             "on its start screen in letters at least as large as its own name.\n6. No warranty.");
  auto id = identify_among(text, base());
  EXPECT_EQ(id.status, "modified");
  ASSERT_TRUE(id.license);
  EXPECT_EQ(id.license->id, "harbor-1") << "the nearest license, reported as modified, not as the original";
  ASSERT_GE(id.added.size(), 2u);
  EXPECT_EQ(id.added[0].line, 10u);
  EXPECT_NE(id.added[0].text.find("Powered by Harbor"), std::string::npos);
}

TEST(Identify, ARemovedClauseMakesAModifiedVariant) {
  std::string text = replace(kHarborV1,
                             "4. Conduct. You will not use the weights to deceive people about who they are talking to,\n"
                             "and you will follow the conduct guide the Foundation publishes on its website.\n",
                             "");
  auto id = identify_among(text, base());
  EXPECT_EQ(id.status, "modified");
  ASSERT_TRUE(id.license);
  EXPECT_EQ(id.license->id, "harbor-1");
  EXPECT_TRUE(id.added.empty());
  EXPECT_GT(id.missing, 0.1);
}

TEST(Identify, OptionalPartMayBeLeftOutOrKept) {
  std::string without = kMeadow;
  without.resize(without.find("EXAMPLE NOTICE"));
  for (const std::string& text : {std::string(kMeadow), without}) {
    auto id = identify_among(text, base());
    EXPECT_EQ(id.status, "identified");
    ASSERT_TRUE(id.license);
    EXPECT_EQ(id.license->id, "meadow");
  }
}

TEST(Identify, AnUnknownTextIsUnknownWithNoGuess) {
  auto id = identify_among(
      "Lantern Source Terms. You may build, run and change this program. Changes you publish must be offered "
      "under these same terms, and the notice in each file must stay where it is. There is no warranty at all.",
      base());
  EXPECT_EQ(id.status, "unknown");
  EXPECT_FALSE(id.license);
}

TEST(Identify, AVersionOutsideTheKnowledgeIsNotCalledTheNearestVersion) {
  // Only version 1 known: version 2 is near it, yet it must not be called version 1.
  std::vector<KnownText> only_v1 = {base()[0], base()[2]};
  auto id = identify_among(kHarborV2, only_v1);
  EXPECT_NE(id.status, "identified");
  if (id.license) {
    EXPECT_EQ(id.status, "modified");
  }
}

TEST(Identify, TwoLicensesInOneFileAreBothNamed) {
  std::string text = std::string(kHarborV2) + "\nThe field recordings are under other terms:\n\n" + kMeadow;
  auto id = identify_among(text, base());
  ASSERT_TRUE(id.license);
  EXPECT_EQ(id.license->id, "harbor-2");
  ASSERT_EQ(id.also.size(), 1u);
  EXPECT_EQ(id.also[0].license.id, "meadow");
}

TEST(Identify, AReadmeThatQuotesALicenseIsNotThatLicense) {
  std::string text;
  for (int i = 0; i < 30; ++i)
    text += "Section " + std::to_string(i) + " explains how to install and run the tool on your own laptop quickly.\n";
  text += kMeadow;
  auto id = identify_among(text, base());
  EXPECT_EQ(id.status, "unknown");
  ASSERT_FALSE(id.candidates.empty());
  EXPECT_EQ(id.candidates[0].license.id, "meadow");
}

TEST(Identify, TinyEmptyAndBinaryInputsAreUnknown) {
  EXPECT_EQ(identify_among("", base()).status, "unknown");
  EXPECT_EQ(identify_among("MIT", base()).status, "unknown");
  std::string binary(4096, '\0');
  for (std::size_t i = 0; i < binary.size(); ++i) binary[i] = static_cast<char>(i * 131 % 256);
  EXPECT_EQ(identify_among(binary, base()).status, "unknown");
}

TEST(KnowledgeBase, EveryEntryLoadsWithValidFacts) {
  auto all = known_licenses();
  EXPECT_GE(all.size(), 40u);
  std::set<std::string> ids;
  const std::set<std::string> kinds = {"osi", "permissive", "open-data", "open-weight", "rail", "non-commercial",
                                       "no-derivatives", "proprietary"};
  const std::set<std::string> clauses = {"mau_cap", "acceptable_use", "no_training_other_models", "attribution",
                                         "naming", "non_commercial", "revocable", "field_of_use", "region",
                                         "share_alike", "gated", "no_redistribution"};
  for (const auto& k : all) {
    EXPECT_TRUE(ids.insert(k.id).second) << "duplicate id " << k.id;
    EXPECT_TRUE(kinds.count(k.kind)) << k.id << ": kind " << k.kind;
    EXPECT_TRUE(k.role == "license" || k.role == "use_policy") << k.id;
    auto e = parse_license_expression(k.expression);
    EXPECT_TRUE(e.valid) << k.id << ": " << k.expression;
    EXPECT_EQ(e.osi_approved, k.osi_approved) << k.id;
    for (const auto& c : k.clauses) EXPECT_TRUE(clauses.count(c)) << k.id << ": clause " << c;
  }
}
