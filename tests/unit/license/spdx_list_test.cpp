#include "license/spdx_list.hpp"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "rules/embedded.hpp"

using namespace openlock;

namespace {

// What yaml-cpp reads in a spdx.yaml text: the reference the line reader must agree with.
SpdxLists yaml_reading(const std::string& text) {
  SpdxLists out;
  YAML::Node doc = YAML::Load(text);
  for (const auto& e : doc["licenses"]) out.licenses.push_back({e[0].as<std::string>(), e[1].as<bool>(), e[2].as<bool>()});
  for (const auto& e : doc["exceptions"]) out.exceptions.push_back(e.as<std::string>());
  return out;
}

void expect_same(const SpdxLists& a, const SpdxLists& b, const std::string& what) {
  ASSERT_EQ(a.licenses.size(), b.licenses.size()) << what;
  for (std::size_t i = 0; i < a.licenses.size(); ++i) {
    EXPECT_EQ(a.licenses[i].id, b.licenses[i].id) << what;
    EXPECT_EQ(a.licenses[i].osi_approved, b.licenses[i].osi_approved) << what << " " << a.licenses[i].id;
    EXPECT_EQ(a.licenses[i].deprecated, b.licenses[i].deprecated) << what << " " << a.licenses[i].id;
  }
  EXPECT_EQ(a.exceptions, b.exceptions) << what;
}

}  // namespace

TEST(SpdxList, TheEmbeddedListReadsAsYamlSays) {
  std::string text;
  for (const auto& file : embedded_rule_files())
    if (file.path == "licenses/spdx.yaml") text = std::string(file.text);
  ASSERT_FALSE(text.empty());
  SpdxLists read = read_spdx_lists(text);
  EXPECT_GT(read.licenses.size(), 600u);
  EXPECT_GT(read.exceptions.size(), 40u);
  expect_same(read, yaml_reading(text), "rules/licenses/spdx.yaml");
  const SpdxLicense* mit = find_spdx_license("mit");
  ASSERT_NE(mit, nullptr);
  EXPECT_EQ(mit->id, "MIT");
  EXPECT_TRUE(mit->osi_approved);
  const SpdxLicense* gpl = find_spdx_license("GPL-2.0");
  ASSERT_NE(gpl, nullptr);
  EXPECT_TRUE(gpl->deprecated);
  EXPECT_EQ(find_spdx_exception("classpath-exception-2.0"), "Classpath-exception-2.0");
  EXPECT_EQ(find_spdx_license("No-Such-License-1.0"), nullptr);
}

// Other shapes of the same data go to yaml-cpp and read the same.
TEST(SpdxList, AnyShapeReadsAsYaml) {
  const std::vector<std::string> texts = {
      "# list\nlicenses:\n  - [\"MIT\", true, false]\n  - [\"GPL-2.0\", true, true]\nexceptions:\n  - \"LLVM-exception\"\n",
      "licenses:\r\n  - [\"MIT\", true, false]\r\n  - [\"GPL-2.0\", true, true]\r\nexceptions:\r\n  - \"LLVM-exception\"\r\n",
      "licenses: [[MIT, true, false], [GPL-2.0, true, true]]\nexceptions: [LLVM-exception]\n",
      "licenses:\n  - [\"MIT\", true, false]  # the usual one\n  - [\"GPL-2.0\", true, true]\nexceptions:\n  - LLVM-exception\n",
      "exceptions:\n  - \"LLVM-exception\"\nlicenses:\n  - ['MIT', true, false]\n  - [\"GPL-2.0\",   true, true]\n",
      "licenses:\n- [\"MIT\", true, false]\n- [\"GPL-2.0\", true, true]\nexceptions:\n- \"LLVM-exception\"\n",
  };
  for (const auto& text : texts) {
    SpdxLists read = read_spdx_lists(text);
    expect_same(read, yaml_reading(text), text);
    ASSERT_EQ(read.licenses.size(), 2u) << text;
    EXPECT_EQ(read.licenses[1].id, "GPL-2.0");
    EXPECT_TRUE(read.licenses[1].deprecated);
    EXPECT_EQ(read.exceptions, std::vector<std::string>{"LLVM-exception"});
  }
  // Broken text is an exception for the caller to report, never a crash.
  EXPECT_THROW(read_spdx_lists("licenses:\n  - [\"MIT\", maybe, false]\n"), std::exception);
  EXPECT_THROW(read_spdx_lists("licenses: [unclosed\n"), std::exception);
  EXPECT_NO_THROW(read_spdx_lists(""));
}
