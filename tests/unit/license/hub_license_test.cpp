#include "license/hub_license.hpp"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "license/spdx_list.hpp"
#include "rules/embedded.hpp"

using namespace openlock;

namespace {

const std::set<std::string> kKinds = {"osi",         "permissive", "open-data",   "open-weight", "rail",
                                      "non-commercial", "no-derivatives", "proprietary", "unknown"};

// The Hub ids as the embedded knowledge file lists them.
std::vector<std::string> hub_ids_in_knowledge() {
  std::vector<std::string> ids;
  for (const auto& entry : load_embedded_yaml("licenses/hub-licenses.yaml")["licenses"])
    ids.push_back(entry["hub_id"].as<std::string>());
  return ids;
}

}  // namespace

TEST(HubLicense, KnownIds) {
  const HubLicense* apache = find_hub_license("apache-2.0");
  ASSERT_NE(apache, nullptr);
  EXPECT_EQ(apache->expression, "Apache-2.0");
  EXPECT_EQ(apache->kind, "osi");
  EXPECT_TRUE(apache->osi_approved);
  EXPECT_TRUE(apache->valid_spdx);

  const HubLicense* llama = find_hub_license("LLAMA3.1");
  ASSERT_NE(llama, nullptr) << "lookup ignores case";
  EXPECT_EQ(llama->hub_id, "llama3.1");
  EXPECT_EQ(llama->expression, "LicenseRef-llama3.1");
  EXPECT_EQ(llama->kind, "open-weight");
  EXPECT_FALSE(llama->osi_approved);
  EXPECT_FALSE(llama->valid_spdx);

  EXPECT_EQ(find_hub_license("cc-by-nc-4.0")->kind, "non-commercial");
  EXPECT_EQ(find_hub_license("openrail")->kind, "rail");
  EXPECT_EQ(find_hub_license("cc-by-4.0")->kind, "open-data");
  EXPECT_EQ(find_hub_license("other")->kind, "unknown");
  EXPECT_EQ(find_hub_license("unknown")->kind, "unknown");
  EXPECT_EQ(find_hub_license("no-such-license"), nullptr);
  EXPECT_EQ(find_hub_license(""), nullptr);
}

TEST(HubLicense, LookupByExpressionIgnoresCase) {
  const HubLicense* mit = find_hub_license_by_expression("mit");
  ASSERT_NE(mit, nullptr);
  EXPECT_EQ(mit->hub_id, "mit");
  const HubLicense* gemma = find_hub_license_by_expression("licenseref-GEMMA");
  ASSERT_NE(gemma, nullptr);
  EXPECT_EQ(gemma->kind, "open-weight");
  EXPECT_EQ(find_hub_license_by_expression("LicenseRef-nothing-like-it"), nullptr);
}

TEST(HubLicense, EveryEntryIsConsistentWithTheSpdxList) {
  std::vector<std::string> ids = hub_ids_in_knowledge();
  EXPECT_EQ(ids.size(), 83u);
  std::set<std::string> seen;
  for (const auto& id : ids) {
    SCOPED_TRACE(id);
    EXPECT_TRUE(seen.insert(id).second) << "listed twice";
    const HubLicense* lic = find_hub_license(id);
    ASSERT_NE(lic, nullptr);
    EXPECT_TRUE(kKinds.count(lic->kind)) << lic->kind;
    // Every expression is one id; valid_spdx and the OSI flag follow the embedded SPDX list.
    const SpdxLicense* spdx = find_spdx_license(lic->expression);
    EXPECT_EQ(lic->valid_spdx, spdx != nullptr) << lic->expression;
    EXPECT_EQ(lic->osi_approved, spdx != nullptr && spdx->osi_approved) << lic->expression;
    EXPECT_EQ(lic->kind == "osi", lic->osi_approved);
    if (lic->expression.starts_with("LicenseRef-")) {
      EXPECT_FALSE(lic->valid_spdx);
    }
  }
}

TEST(HubLicense, CoversEveryHubIdOfTheCorpus) {
  // The ids of the Hub, read from the shared corpus when it is beside the project.
  std::filesystem::path csv = std::filesystem::path(OPENLOCK_SOURCE_DIR) / "../shared/corpus/hf/hub_license_ids.csv";
  if (!std::filesystem::exists(csv)) GTEST_SKIP() << "no corpus at " << csv;
  std::ifstream in(csv);
  std::string line;
  std::getline(in, line);  // header
  std::set<std::string> corpus_ids;
  while (std::getline(in, line))
    if (!line.empty()) corpus_ids.insert(line.substr(0, line.find(',')));
  std::vector<std::string> ids = hub_ids_in_knowledge();
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()), corpus_ids);
}
