#include "license/hub_license.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "rules/embedded.hpp"

using namespace openlock;

TEST(HubLicense, KnownIds) {
  const HubLicense* apache = find_hub_license("apache-2.0");
  ASSERT_NE(apache, nullptr);
  EXPECT_EQ(apache->expression, "Apache-2.0");
  EXPECT_EQ(apache->kind, "osi");
  EXPECT_TRUE(apache->osi_approved);
  EXPECT_TRUE(apache->valid_spdx);

  const HubLicense* llama = find_hub_license("LLAMA3.1");
  ASSERT_NE(llama, nullptr) << "lookup ignores case";
  EXPECT_EQ(llama->expression, "LicenseRef-llama3.1");
  EXPECT_EQ(llama->kind, "open-weight");
  EXPECT_FALSE(llama->osi_approved);
  EXPECT_FALSE(llama->valid_spdx);

  EXPECT_EQ(find_hub_license("cc-by-nc-4.0")->kind, "non-commercial");
  EXPECT_EQ(find_hub_license("openrail")->kind, "rail");
  EXPECT_EQ(find_hub_license("cc-by-4.0")->kind, "open-data");
  EXPECT_EQ(find_hub_license("other")->kind, "unknown");
  EXPECT_EQ(find_hub_license("no-such-license"), nullptr);
}

TEST(HubLicense, EveryHubIdIsMappedWithAKnownKind) {
  const std::set<std::string> kinds = {"osi",    "permissive",     "open-data",      "open-weight", "rail",
                                       "non-commercial", "no-derivatives", "proprietary", "unknown"};
  // The ids of the Hub, read from the shared corpus when it is beside the project.
  std::filesystem::path csv = std::filesystem::path(OPENLOCK_SOURCE_DIR) / "../shared/corpus/hf/hub_license_ids.csv";
  if (!std::filesystem::exists(csv)) GTEST_SKIP() << "no corpus at " << csv;
  std::ifstream in(csv);
  std::string line;
  std::getline(in, line);  // header
  int count = 0;
  while (std::getline(in, line)) {
    std::string id = line.substr(0, line.find(','));
    const HubLicense* lic = find_hub_license(id);
    ASSERT_NE(lic, nullptr) << id;
    EXPECT_TRUE(kinds.count(lic->kind)) << id << ": " << lic->kind;
    EXPECT_FALSE(lic->osi_approved && lic->kind != "osi") << id;
    ++count;
  }
  EXPECT_EQ(count, 83);
}
