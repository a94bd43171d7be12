#include "rules/lite_yaml.hpp"

#include <gtest/gtest.h>
#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include "rules/embedded.hpp"
#include "rules/loader.hpp"

using namespace openlock;

namespace {

// A node as text with the line of every key and scalar, so that two readings compare whole.
std::string dump(const YAML::Node& n) {
  std::string line = std::to_string(n.Mark().line + 1);
  if (n.IsNull()) return "~";
  if (n.IsScalar()) return line + "'" + n.Scalar() + "'";
  std::string out = n.IsMap() ? "{" : "[";
  for (const auto& e : n) out += n.IsMap() ? dump(e.first) + ": " + dump(e.second) + ", " : dump(e) + ", ";
  return out + (n.IsMap() ? "}" : "]");
}

std::string dump(const LiteNode& n) {
  std::string line = std::to_string(n.line);
  if (n.IsNull()) return "~";
  if (n.IsScalar()) return line + "'" + n.Scalar() + "'";
  std::string out = n.IsMap() ? "{" : "[";
  if (n.IsMap())
    for (const auto& [k, v] : n.entries) out += dump(k) + ": " + dump(v) + ", ";
  else
    for (const auto& item : n.items) out += dump(item) + ", ";
  return out + (n.IsMap() ? "}" : "]");
}

void expect_same(const Condition& a, const Condition& b, const std::string& where) {
  EXPECT_EQ(a.op, b.op) << where;
  EXPECT_EQ(a.fact_kind, b.fact_kind) << where;
  ASSERT_EQ(a.tests.size(), b.tests.size()) << where;
  for (std::size_t i = 0; i < a.tests.size(); ++i) {
    const auto &x = a.tests[i], &y = b.tests[i];
    std::string at = where + " attr " + x.attr;
    EXPECT_EQ(x.attr, y.attr) << at;
    EXPECT_EQ(x.patterns, y.patterns) << at;
    EXPECT_EQ(x.equals, y.equals) << at;
    ASSERT_EQ(x.regex == nullptr, y.regex == nullptr) << at;
    if (x.regex) {
      EXPECT_EQ(x.regex->pattern(), y.regex->pattern()) << at;
    }
    EXPECT_EQ(x.gt, y.gt) << at;
    EXPECT_EQ(x.ge, y.ge) << at;
    EXPECT_EQ(x.lt, y.lt) << at;
    EXPECT_EQ(x.le, y.le) << at;
    EXPECT_EQ(x.exists, y.exists) << at;
    EXPECT_EQ(x.line, y.line) << at;
  }
  ASSERT_EQ(a.children.size(), b.children.size()) << where;
  for (std::size_t i = 0; i < a.children.size(); ++i) expect_same(a.children[i], b.children[i], where);
}

void expect_same(const Rule& a, const Rule& b) {
  const std::string& where = b.origin;
  EXPECT_EQ(a.id, b.id) << where;
  EXPECT_EQ(a.title, b.title) << where;
  EXPECT_EQ(a.category, b.category) << where;
  EXPECT_EQ(a.vendor, b.vendor) << where;
  EXPECT_EQ(a.severity, b.severity) << where;
  EXPECT_EQ(a.scope, b.scope) << where;
  EXPECT_EQ(a.effect, b.effect) << where;
  EXPECT_EQ(a.confidence, b.confidence) << where;
  EXPECT_EQ(a.at, b.at) << where;
  EXPECT_EQ(a.include_paths, b.include_paths) << where;
  EXPECT_EQ(a.exclude_paths, b.exclude_paths) << where;
  EXPECT_EQ(a.contexts, b.contexts) << where;
  EXPECT_EQ(a.message, b.message) << where;
  EXPECT_EQ(a.remediation, b.remediation) << where;
  EXPECT_EQ(a.references, b.references) << where;
  EXPECT_EQ(a.origin, b.origin) << where;
  EXPECT_EQ(a.source, b.source) << where;
  expect_same(a.match, b.match, where);
}

}  // namespace

// The guarantee the fast start-up rests on: every built-in rule is in the subset, and reads into
// exactly the Rule that yaml-cpp's reading gives.
TEST(LiteYaml, EveryBuiltinRuleReadsAsYamlCppReadsIt) {
  std::size_t checked = 0;
  for (const auto& file : embedded_rule_files()) {
    std::string path(file.path);
    if (!(path.ends_with(".yaml") || path.ends_with(".yml")) || path.starts_with("licenses/") ||
        path.starts_with("knowledge/") || path.starts_with("schema/"))
      continue;
    std::string text(file.text);
    auto lite = read_lite_yaml(text);
    ASSERT_TRUE(lite) << path << " is outside the subset read_lite_yaml reads: it would load through yaml-cpp, slowly";
    EXPECT_EQ(dump(*lite), dump(YAML::Load(text))) << path;
    Rule fast, full;
    RuleError error;
    ASSERT_TRUE(load_rule("rules/" + path, text, full, error)) << error.to_string();
    ASSERT_TRUE(load_rule_lite("rules/" + path, text, fast)) << path;
    expect_same(fast, full);
    ++checked;
  }
  EXPECT_GT(checked, 70u);

  // And the whole list: the same rules in the same order as yaml-cpp alone gives.
  std::vector<Rule> rules;
  std::vector<RuleError> errors;
  load_builtin_rules(rules, errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(rules.size(), checked);
}

// Texts in the subset read as yaml-cpp reads them, keys' and scalars' lines included.
TEST(LiteYaml, TheSubsetReadsAsYamlCppReadsIt) {
  const std::vector<std::string> texts = {
      "a: b\n",
      "a: b\nc:\n  d: e\n  f: [g, \"h i\", 'j''k']\n",
      "# head\n\na: plain text, with a comma  # and a comment\nb: \"say \\\"hi\\\" \\\\ there\"\n",
      "a:\n  - x\n  - {y: z}\n  - [1, 2]\n  -\n  - k: v\n    l: w\n",
      "a:\n- x\n- y\nb: c\n",
      "a: {b: [c,\n       d], e: {}}\nf: []\n",
      "a:\n  - b:\n      c: d\n  - e: [f]\n",
      "a: null\nb: ~\nc:\nd: 'null'\ne: Null\n",
      "a: b   \n   \n  # indented comment\nc: d\n",
      "a: C#\nb: x:y\nc: it's\nd: '#'\n",
      "a: {b: c}   # comment\n",
      "a: [\"x\", 'y',\n    z]\n",
      "list:\n  - \"a\"        # why\n  - \"b\"\n",
      "a: b",
  };
  for (const auto& text : texts) {
    auto lite = read_lite_yaml(text);
    ASSERT_TRUE(lite) << text;
    EXPECT_EQ(dump(*lite), dump(YAML::Load(text))) << text;
  }
}

// Everything else is refused (and goes to yaml-cpp), whether it is valid YAML or not.
TEST(LiteYaml, RefusesWhatItDoesNotRead) {
  const std::vector<std::string> texts = {
      "",
      "# only a comment\n",
      "a: &x b\nc: *x\n",
      "a: !!str b\n",
      "a: |\n  text\n",
      "a: >\n  text\n",
      "a: one\n  two\n",               // a plain scalar over two lines
      "a: \"one\n  two\"\n",           // a quoted one
      "a: \"\\n\"\n",                  // an escape other than the two it reads
      "a: b\r\nc: d\r\n",
      "a:\tb\n",
      "a: caf\xc3\xa9\n",
      "---\na: b\n",
      "a: b\n---\nc: d\n",
      "a: b\n...\n",
      "- a\n- b\n",
      "just text\n",
      "  a: b\n",
      "\"a\": b\n",
      "{a: b}\n",
      "a: [b, c\n",                     // unclosed
      "a: [b, c,]\n",
      "a: {b}\n",
      "a: {b: }\n",
      "a: [b: c]\n",
      "a: [http://x]\n",
      "a: [b # c\n  ]\n",
      "a: [b,\nc]\n",                  // a flow line not indented
      "a: b\n  c: d\n",
      "a:\n  b: c\n d: e\n",
      "a: - b\n",
      "a:\n  - - b\n",
      "a: b: c\n",
      "a: [b] c\n",
      "a: \"b\" c\n",
      "null: b\n",
      "a: *b\n",
      "a: @b\n",
      "a: `b`\n",
      "a: -b\n",
      "a: {b: [c]\n",
      "? a\n: b\n",
      "%YAML 1.2\n---\na: b\n",
  };
  for (const auto& text : texts) EXPECT_FALSE(read_lite_yaml(text)) << text;
  EXPECT_FALSE(read_lite_yaml("a: " + std::string(100000, '[') + std::string(100000, ']') + "\n")) << "too deep";
  EXPECT_TRUE(read_lite_yaml("a: " + std::string(20, '[') + std::string(20, ']') + "\n"));
}

// A rule with an error in the subset is not read fast: load_rule gives its error and line.
TEST(LiteYaml, RuleErrorsAreLeftToYamlCpp) {
  const std::string head = "id: test.rule\ntitle: t\ncategory: hygiene\nseverity: low\nmessage: m\n";
  Rule rule;
  EXPECT_TRUE(load_rule_lite("test.rule.yaml", head + "match: {image: {}}\n", rule));
  EXPECT_EQ(rule.match.fact_kind, "image");
  for (const std::string& bad : {head + "match: {image: {}}\nsevrity: low\n", head + "match: {any: []}\n",
                                 head + "match: {dependency: {name: '[a'}}\n", head,
                                 head + "match: {image: {}}\nvendor: null\n"}) {
    EXPECT_FALSE(load_rule_lite("test.rule.yaml", bad, rule)) << bad;
    RuleError error;
    EXPECT_FALSE(load_rule("test.rule.yaml", bad, rule, error)) << bad;
  }
  EXPECT_FALSE(load_rule_lite("other.yaml", head + "match: {image: {}}\n", rule)) << "the id must be the file's stem";
}
