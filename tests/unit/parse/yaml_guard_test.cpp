#include "parse/yaml_guard.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace openlock;

namespace {

std::string repeat(const std::string& piece, int times) {
  std::string s;
  for (int i = 0; i < times; ++i) s += piece;
  return s;
}

bool refused(const std::string& yaml, int max_nesting) {
  return yaml_hazard(yaml, 1000, max_nesting).find("nests deeper than " + std::to_string(max_nesting)) !=
         std::string::npos;
}

}  // namespace

TEST(YamlGuard, CompactBlockCollectionsCountAsLevels) {
  EXPECT_TRUE(refused(repeat("- ", 400) + "x\n", 64)) << "the report's reproducer";
  EXPECT_FALSE(refused(repeat("- ", 64) + "x\n", 64));
  EXPECT_TRUE(refused(repeat("- ", 65) + "x\n", 64));
  EXPECT_TRUE(refused("a:\n  " + repeat("- ", 64) + "x\n", 64)) << "after indentation";
  EXPECT_TRUE(refused("? " + repeat("- ", 10) + "x\n", 10)) << "a complex key";
  EXPECT_TRUE(refused("? a\n: " + repeat("- ", 10) + "x\n", 10)) << "an explicit value";
  EXPECT_FALSE(refused("-x\n---\n- -1\n- a: b\n  c: d\n", 2)) << "no blank after it: not an indicator";
  EXPECT_FALSE(refused("a: [" + repeat("- ", 100) + "]\n", 64)) << "inside [ ] a '- ' is text";
  EXPECT_FALSE(refused("a: \"" + repeat("- ", 100) + "\"\n", 64));
}

TEST(YamlGuard, BracketsAddToTheIndentationTheyOpenAt) {
  std::string indented = repeat(" ", 100) + "a: " + repeat("[", 20) + repeat("]", 20) + "\n";
  EXPECT_TRUE(refused("x:\n" + indented, 64)) << "50 block levels and 20 of [";
  EXPECT_FALSE(refused("x:\n" + indented, 70));
  std::string json = "{\n" + repeat("  ", 30) + "\"a\": [1,\n" + repeat("  ", 30) + "2]\n}\n";
  EXPECT_FALSE(refused(json, 3)) << "a line inside [ { adds no indentation levels";
  EXPECT_FALSE(refused("a: 1\n" + repeat(" ", 300) + "\n", 64)) << "a line of spaces only";
}

TEST(YamlGuard, TheMessageNamesTheLimitAndTheOption) {
  std::string deep = repeat("- ", 10) + "x\n";
  EXPECT_EQ(yaml_hazard(deep, 10, 4), "nests deeper than 4 levels; refused (raise with --max-nesting)");
  EXPECT_EQ(yaml_hazard(deep, 10, 4, ""), "nests deeper than 4 levels; refused");
  EXPECT_NE(yaml_reader_depth_message().find("500"), std::string::npos);
}

TEST(YamlGuard, YamlCppsOwnLimitSaysSoNotBadFile) {
  ParseInput in{"k8s/a.yaml", ""};
  in.max_nesting = 256;  // the guard lets 256 levels of [ through; unclosed, yaml-cpp stops at 250
  std::string flow = "a: " + repeat("[", 255) + "\n";
  in.text = flow;
  std::vector<YamlDocument> docs;
  Diagnostics diagnostics;
  EXPECT_TRUE(load_yaml_documents(in, 10, docs, diagnostics));
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].message, "YAML " + yaml_reader_depth_message());
  EXPECT_EQ(diagnostics[0].message.find("bad file"), std::string::npos);
}

TEST(YamlGuard, UniqueEntriesResolveRepeatedKeysAndSayEachOnce) {
  const YAML::Node map = YAML::Load("a: 1\nb: 2\na: 3\na: 4\n[x]: 5\nb: 6\n");
  std::vector<std::string> repeats;
  auto record = [&](const YAML::Node& key) {
    repeats.push_back(key.Scalar() + "@" + std::to_string(key.Mark().line + 1));
  };
  auto last = unique_entries(map, RepeatedKey::last, record);
  ASSERT_EQ(last.size(), 3u);
  EXPECT_EQ(last[0].key.Scalar() + last[0].value.Scalar(), "a4");
  EXPECT_TRUE(last[1].key.IsSequence()) << "a key that is not a scalar is kept as it is";
  EXPECT_EQ(last[2].key.Scalar() + last[2].value.Scalar(), "b6");
  EXPECT_EQ(repeats, (std::vector<std::string>{"a@3", "b@6"})) << "at the second appearance, once per key";

  repeats.clear();
  auto first = unique_entries(map, RepeatedKey::first, record);
  ASSERT_EQ(first.size(), 3u);
  EXPECT_EQ(first[0].key.Scalar() + first[0].value.Scalar(), "a1");
  EXPECT_EQ(first[1].key.Scalar() + first[1].value.Scalar(), "b2");
  EXPECT_EQ(repeats.size(), 2u);

  // The document is left as it was: yaml-cpp's Node::operator= would have rewritten it.
  std::vector<std::string> all;
  for (const auto& kv : map) all.push_back(kv.second.Scalar());
  EXPECT_EQ(all, (std::vector<std::string>{"1", "2", "3", "4", "5", "6"}));
}

TEST(YamlGuard, ValueOfResolvesARepeatedKey) {
  const YAML::Node map = YAML::Load("tag: a\nrepository: r\ntag: b\n");
  EXPECT_EQ(value_of(map, "tag", RepeatedKey::last).Scalar(), "b");
  EXPECT_EQ(value_of(map, "tag", RepeatedKey::first).Scalar(), "a");
  EXPECT_FALSE(value_of(map, "registry", RepeatedKey::last)) << "absent: undefined";
  EXPECT_FALSE(value_of(YAML::Load("[1, 2]"), "tag", RepeatedKey::last)) << "not a map";
  EXPECT_EQ(map["tag"].Scalar(), "a") << "unchanged";
}
