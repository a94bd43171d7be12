#include "parse/toml_guard.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "parse/toml_doc.hpp"

using openlock::toml_too_deep;
constexpr auto npos = std::string_view::npos;

namespace {

std::string dotted(int parts) {
  std::string key = "a";
  for (int i = 1; i < parts; ++i) key += ".a";
  return key;
}

}  // namespace

TEST(TomlGuard, CountsThePartsOfHeadersAndDottedKeys) {
  EXPECT_EQ(toml_too_deep("[" + dotted(4) + "]\nx = 1\n", 5), npos);
  EXPECT_NE(toml_too_deep("[" + dotted(5) + "]\nx = 1\n", 5), npos) << "the key adds a level to its header";
  EXPECT_EQ(toml_too_deep("[[" + dotted(5) + "]]\n", 5), npos) << "an array of tables is a header too";
  EXPECT_NE(toml_too_deep("[[" + dotted(6) + "]]\n", 5), npos);
  EXPECT_EQ(toml_too_deep(dotted(5) + " = 1\n", 5), npos);
  EXPECT_NE(toml_too_deep(dotted(6) + " = 1\n", 5), npos);
  EXPECT_NE(toml_too_deep(dotted(6) + "\n", 5), npos) << "no '=' needed: toml++ recurses while reading the key";
  EXPECT_NE(toml_too_deep("[a . \"b\" . 'c' . d]\n", 3), npos) << "spaces and quoted parts";
  EXPECT_EQ(toml_too_deep("[a.b]\n[c.d]\n", 2), npos) << "a header replaces the one before";
}

TEST(TomlGuard, SaysWhereTheLimitIsPassed) {
  std::string text = "[ok]\nx = 1\n" + dotted(10) + " = 2\n";
  std::size_t at = toml_too_deep(text, 4);
  ASSERT_NE(at, npos);
  EXPECT_EQ(text.rfind('\n', at), std::string("[ok]\nx = 1").size()) << "on the third line";
}

TEST(TomlGuard, ArraysAndInlineTablesAddToTheirKey) {
  EXPECT_EQ(toml_too_deep("a = [[[1]]]\n", 3), npos) << "the array is a itself";
  EXPECT_NE(toml_too_deep("a = [[[[1]]]]\n", 3), npos);
  EXPECT_NE(toml_too_deep("a.b = [[[1]]]\n", 3), npos);
  EXPECT_NE(toml_too_deep("a = {b.c.d = 1}\n", 3), npos) << "a key inside an inline table";
  EXPECT_EQ(toml_too_deep("a = {b = 1, c = [1, 2], d.e = 2}\n", 3), npos);
  EXPECT_EQ(toml_too_deep("a = [{b = [1]}, {c = [2]}, [3]]\n", 3), npos) << "siblings do not add up";
  EXPECT_EQ(toml_too_deep("a = [\n  [1],\n  [2],\n]\n[t]\nb = 1\n", 2), npos) << "a line starting with [ inside an array";
  EXPECT_EQ(toml_too_deep("x = ]]]\n" + dotted(3) + " = 1\n", 3), npos) << "stray closers do not go below zero";
}

TEST(TomlGuard, StringsAndCommentsAreNotCounted) {
  std::string dots(1000, '.'), brackets(1000, '[');
  EXPECT_EQ(toml_too_deep("a = \"" + dots + brackets + "\"\n", 2), npos);
  EXPECT_EQ(toml_too_deep("a = '" + dots + "\\'\n", 2), npos) << "no escapes in a literal string";
  EXPECT_EQ(toml_too_deep("a = \"\\\"" + dots + "\"\n", 2), npos) << "an escaped quote does not end it";
  EXPECT_EQ(toml_too_deep("a = \"\"\"\n" + dots + "\n[" + dots + "]\n\"\"\"\n", 2), npos) << "multi-line basic";
  EXPECT_EQ(toml_too_deep("a = '''\n[" + dots + "]\n'''\n", 2), npos) << "multi-line literal";
  EXPECT_EQ(toml_too_deep("# [" + dots + "]\na = 1 # " + brackets + "\n", 2), npos);
  EXPECT_EQ(toml_too_deep("[\"" + dots + "\"]\n", 1), npos) << "a quoted header part is one part";
  EXPECT_EQ(toml_too_deep("v = 1.5\nd = 1979-05-27T07:32:00.999\n", 1), npos) << "dots in values are not keys";
  EXPECT_NE(toml_too_deep("a = \"x\"\n" + dotted(3) + " = 1\n", 2), npos) << "a string ends, the next line is read";
}

TEST(TomlGuard, LinearOnAHostileHeader) {
  std::string header = "[" + dotted(400000) + "]\n";  // 800 KB
  auto start = std::chrono::steady_clock::now();
  EXPECT_NE(toml_too_deep(header, 64), npos);
  EXPECT_EQ(toml_too_deep("a = \"" + std::string(800000, '.') + "\"\n", 64), npos);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST(TomlGuard, ParseTomlDocumentRefusesWithTheLimitAndLine) {
  std::string text = "[package]\nname = \"x\"\n[" + dotted(40000) + "]\n";
  openlock::ParseInput in{"Cargo.toml", text};
  toml::table doc;
  openlock::Diagnostics diagnostics;
  EXPECT_FALSE(openlock::parse_toml_document(in, doc, diagnostics));
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].location.line, 3u);
  EXPECT_NE(diagnostics[0].message.find("deeper than 64 levels"), std::string::npos) << diagnostics[0].message;
  EXPECT_NE(diagnostics[0].message.find("--max-nesting"), std::string::npos);

  in.max_nesting = 2;
  std::string shallow = "[a.b]\nc = 1\n";
  in.text = shallow;
  diagnostics = {};
  EXPECT_FALSE(openlock::parse_toml_document(in, doc, diagnostics)) << "c sits three tables deep";
  in.max_nesting = 3;
  diagnostics = {};
  EXPECT_TRUE(openlock::parse_toml_document(in, doc, diagnostics));
  EXPECT_TRUE(diagnostics.empty());
}
