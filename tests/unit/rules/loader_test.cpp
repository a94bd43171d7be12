#include "rules/loader.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "unit/discover/temp_tree.hpp"

using namespace openlock;
using openlock::testing::TempTree;

namespace {

const char* kRule = R"(id: test.rule
title: A test rule
category: lockin.hardware
vendor: acme
severity: high
within: repo
effect: mitigates
confidence: low
match:
  any:
    - dependency: {name: ["a-*", b]}
    - all:
        - image: {}
        - not: {resource: {name: x}}
message: "{evidence}"
remediation: fix it
references: [https://example.org]
)";

RuleError load_error(const std::string& text) {
  Rule rule;
  RuleError error;
  EXPECT_FALSE(load_rule("pack/test.rule.yaml", text, rule, error));
  return error;
}

}  // namespace

TEST(RuleLoader, LoadsEveryKey) {
  Rule rule;
  RuleError error;
  ASSERT_TRUE(load_rule("pack/test.rule.yaml", kRule, rule, error)) << error.to_string();
  EXPECT_EQ(rule.id, "test.rule");
  EXPECT_EQ(rule.severity, Severity::high);
  EXPECT_EQ(rule.scope, "repo");
  EXPECT_EQ(rule.effect, "mitigates");
  EXPECT_EQ(rule.confidence, "low");
  EXPECT_EQ(rule.references.size(), 1u);
  ASSERT_EQ(rule.match.op, Condition::Op::any);
  ASSERT_EQ(rule.match.children.size(), 2u);
  const Condition& leaf = rule.match.children[0];
  EXPECT_EQ(leaf.fact_kind, "dependency");
  ASSERT_EQ(leaf.tests.size(), 1u);
  EXPECT_EQ(leaf.tests[0].patterns, (std::vector<std::string>{"a-*", "b"}));
  EXPECT_EQ(rule.match.children[1].op, Condition::Op::all);
  EXPECT_EQ(rule.match.children[1].children[1].op, Condition::Op::none_of);
}

TEST(RuleLoader, ErrorsNameLineAndKey) {
  std::string text = kRule;
  RuleError unknown = load_error(text + "severty: high\n");
  EXPECT_EQ(unknown.line, 18);
  EXPECT_NE(unknown.message.find("unknown key 'severty'"), std::string::npos);
  EXPECT_EQ(unknown.to_string().rfind("pack/test.rule.yaml:18: ", 0), 0u);

  std::string bad_severity = text;
  bad_severity.replace(bad_severity.find("severity: high"), 14, "severity: huge");
  RuleError sev = load_error(bad_severity);
  EXPECT_EQ(sev.line, 5);
  EXPECT_NE(sev.message.find("severity"), std::string::npos);

  std::string bad_category = text;
  bad_category.replace(bad_category.find("lockin.hardware"), 15, "lockin.gpu");
  EXPECT_EQ(load_error(bad_category).line, 3);

  RuleError yaml = load_error("id: x\ntitle: [unclosed\n");
  EXPECT_GE(yaml.line, 2);
  EXPECT_NE(yaml.message.find("invalid YAML"), std::string::npos);

  EXPECT_NE(load_error("title: t\n").message.find("missing required key 'id'"), std::string::npos);
  EXPECT_NE(load_error("id: other.id\ntitle: t\ncategory: hygiene\nseverity: low\nmatch: {x: {}}\nmessage: m\n")
                .message.find("file name stem"),
            std::string::npos);
  std::string empty_any = "id: test.rule\ntitle: t\ncategory: hygiene\nseverity: low\nmatch: {any: []}\nmessage: m\n";
  EXPECT_EQ(load_error(empty_any).line, 5);
  std::string two_keys = "id: test.rule\ntitle: t\ncategory: hygiene\nseverity: low\nmatch: {a: {}, b: {}}\nmessage: m\n";
  EXPECT_NE(load_error(two_keys).message.find("one key"), std::string::npos);
}

TEST(RuleLoader, MoreErrorsNameTheirLine) {
  const std::string head = "id: test.rule\ntitle: t\ncategory: hygiene\nseverity: low\nmessage: m\n";

  RuleError yaml = load_error("id: test.rule\ntitle: t\nmatch: {any: [\n");
  EXPECT_EQ(yaml.line, 4);
  EXPECT_NE(yaml.message.find("invalid YAML"), std::string::npos);

  RuleError no_match = load_error(head);
  EXPECT_NE(no_match.message.find("missing required key 'match'"), std::string::npos);

  RuleError null_match = load_error(head + "match:\n");
  EXPECT_NE(null_match.message.find("one key"), std::string::npos);

  RuleError empty_map = load_error(head + "match: {}\n");
  EXPECT_EQ(empty_map.line, 6);

  RuleError twice = load_error(head + "severity: high\nmatch: {image: {}}\n");
  EXPECT_EQ(twice.line, 6);
  EXPECT_NE(twice.message.find("key 'severity' is given twice"), std::string::npos);

  RuleError not_a_kind = load_error(head + "match:\n  any:\n    - image: {}\n    - \"dependency name\": {}\n");
  EXPECT_EQ(not_a_kind.line, 9);
  EXPECT_NE(not_a_kind.message.find("'dependency name' is not a fact kind"), std::string::npos);

  RuleError empty_patterns = load_error(head + "match:\n  dependency:\n    name: []\n");
  EXPECT_EQ(empty_patterns.line, 8);
  EXPECT_NE(empty_patterns.message.find("'name'"), std::string::npos);

  RuleError bad_within = load_error(head + "within: everywhere\nmatch: {image: {}}\n");
  EXPECT_EQ(bad_within.line, 6);
  EXPECT_NE(bad_within.message.find("'within'"), std::string::npos);

  RuleError not_a_list = load_error(head + "match: {all: {image: {}}}\n");
  EXPECT_NE(not_a_list.message.find("'all' needs a non-empty list"), std::string::npos);

  EXPECT_NE(load_error("").message.find("YAML map"), std::string::npos);
  EXPECT_NE(load_error("- a\n- b\n").message.find("YAML map"), std::string::npos);
}

TEST(RuleLoader, DefaultsAndShortForms) {
  Rule rule;
  RuleError error;
  std::string text = "id: test.rule\ntitle: t\ncategory: openness\nseverity: info\nmessage: m\n"
                     "match: {not: {model_ref: {name: 'gpt-*'}}}\n";
  ASSERT_TRUE(load_rule("test.rule.yml", text, rule, error)) << error.to_string();
  EXPECT_EQ(rule.scope, "file");
  EXPECT_EQ(rule.effect, "finding");
  EXPECT_EQ(rule.confidence, "");
  EXPECT_EQ(rule.origin, "test.rule.yml");
  ASSERT_EQ(rule.match.op, Condition::Op::none_of);
  const Condition& leaf = rule.match.children.at(0);
  EXPECT_EQ(leaf.fact_kind, "model_ref");
  ASSERT_EQ(leaf.tests.size(), 1u);
  EXPECT_EQ(leaf.tests[0].patterns, std::vector<std::string>{"gpt-*"}) << "a single pattern needs no list";
}

TEST(RuleLoader, EveryBuiltinRuleLoads) {
  std::vector<Rule> rules;
  std::vector<RuleError> errors;
  load_builtin_rules(rules, errors);
  for (const auto& e : errors) ADD_FAILURE() << e.to_string();
  EXPECT_FALSE(rules.empty());
  for (const auto& rule : rules) {
    EXPECT_EQ(rule.origin.rfind("rules/", 0), 0u) << rule.origin;
    EXPECT_EQ(rule.origin.find("rules/licenses/"), std::string::npos) << "knowledge files are not rules";
  }
}

TEST(RuleLoader, DirectoryRuleIdMustMatchItsFileName) {
  TempTree t;
  t.write("pack/good.rule.yaml", "id: good.rule\ntitle: t\ncategory: hygiene\nseverity: low\n"
                                 "match: {image: {}}\nmessage: m\n");
  t.write("pack/renamed.yaml", "id: old.name\ntitle: t\ncategory: hygiene\nseverity: low\n"
                               "match: {image: {}}\nmessage: m\n");
  std::vector<Rule> rules;
  std::vector<RuleError> errors;
  load_rule_dir(t.root(), rules, errors);
  ASSERT_EQ(rules.size(), 1u);
  EXPECT_EQ(rules[0].id, "good.rule");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].path.find("renamed.yaml"), std::string::npos);
  EXPECT_NE(errors[0].message.find("'old.name' must equal the file name stem 'renamed'"), std::string::npos);
}

TEST(RuleLoader, MissingDirectoryIsOneError) {
  std::vector<Rule> rules;
  std::vector<RuleError> errors;
  load_rule_dir("/nonexistent/openlock-rules", rules, errors);
  EXPECT_TRUE(rules.empty());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message.find("cannot read rules directory"), std::string::npos);
}

TEST(RuleLoader, DirectoryOverridesBuiltinsById) {
  std::vector<Rule> rules;
  std::vector<RuleError> errors;
  load_builtin_rules(rules, errors);
  ASSERT_TRUE(errors.empty()) << errors[0].to_string();
  std::size_t builtin = rules.size();
  ASSERT_GT(builtin, 0u);

  TempTree t;
  t.write("lockin/lockin.model_provider.openai-sdk.yaml",
          "id: lockin.model_provider.openai-sdk\ntitle: Replaced\ncategory: hygiene\nseverity: info\n"
          "match: {dependency: {name: openai}}\nmessage: m\n");
  t.write("extra/custom.one.yml", "id: custom.one\ntitle: One\ncategory: hygiene\nseverity: info\n"
                                 "match: {dependency: {}}\nmessage: m\n");
  t.write("notes.txt", "not a rule");
  t.write("extra/custom.one/compose.yml", "services: {a: {image: x}}\n");  // its fixture, not a rule
  load_rule_dir(t.root(), rules, errors);
  ASSERT_TRUE(errors.empty()) << errors[0].to_string();
  EXPECT_EQ(rules.size(), builtin + 1);
  auto replaced = std::find_if(rules.begin(), rules.end(), [](const Rule& r) { return r.id == "lockin.model_provider.openai-sdk"; });
  EXPECT_EQ(replaced->title, "Replaced");

  t.write("dup/custom.one.yaml", "id: custom.one\ntitle: Two\ncategory: hygiene\nseverity: info\n"
                                "match: {dependency: {}}\nmessage: m\n");
  load_rule_dir(t.root(), rules, errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message.find("duplicate"), std::string::npos);
}

TEST(RuleLoader, AttributeOperatorsAndScopeKeys) {
  Rule rule;
  RuleError error;
  const std::string text =
      "id: test.rule\ntitle: t\ncategory: license\nseverity: low\nmessage: m\n"
      "paths: {include: 'models/**', exclude: [README.md]}\ncontext: [product, deploy]\n"
      "match:\n  license_clause:\n    kind: {equals: mau_cap}\n    detail: {ge: 1e6, lt: 1000000000}\n"
      "    evidence: {regex: '(?i)monthly active'}\n    file: {exists: true}\n";
  ASSERT_TRUE(load_rule("test.rule.yaml", text, rule, error)) << error.to_string();
  EXPECT_EQ(rule.include_paths, (std::vector<std::string>{"models/**"}));
  EXPECT_EQ(rule.exclude_paths, (std::vector<std::string>{"README.md"}));
  EXPECT_EQ(rule.contexts, (std::vector<std::string>{"product", "deploy"}));
  const auto& tests = rule.match.tests;
  ASSERT_EQ(tests.size(), 4u);
  EXPECT_EQ(tests[0].equals, (std::vector<std::string>{"mau_cap"}));
  EXPECT_EQ(*tests[1].ge, 1e6);
  EXPECT_EQ(*tests[1].lt, 1e9);
  EXPECT_FALSE(tests[1].gt.has_value());
  EXPECT_TRUE(tests[2].regex != nullptr);
  EXPECT_EQ(tests[3].exists, true);
}

TEST(RuleLoader, BadOperatorsGlobsAndScopesNameTheirLine) {
  const std::string head = "id: test.rule\ntitle: t\ncategory: hygiene\nseverity: low\nmessage: m\n";
  auto expect_error = [&](const std::string& body, int line, const std::string& words) {
    RuleError e = load_error(head + body);
    EXPECT_EQ(e.line, line) << body << " -> " << e.to_string();
    EXPECT_NE(e.message.find(words), std::string::npos) << body << " -> " << e.to_string();
  };
  expect_error("match:\n  dependency:\n    name: {regex: 'cuda(['}\n", 8, "bad regex 'cuda(['");
  expect_error("match:\n  dependency:\n    name: 'nvidia-[0-9'\n", 8, "bad glob 'nvidia-[0-9'");
  expect_error("match:\n  dependency:\n    name: ['ok', '']\n", 8, "empty pattern");
  expect_error("match:\n  dependency:\n    name: {like: x}\n", 8, "unknown test 'like'");
  expect_error("match:\n  license_clause:\n    detail: {gt: lots}\n", 8, "must be a number, not 'lots'");
  expect_error("match:\n  dependency:\n    name: {exists: maybe}\n", 8, "true or false");
  expect_error("match:\n  dependency:\n    name: {exists: false, glob: x}\n", 8, "cannot be combined");
  expect_error("match:\n  dependency:\n    name: {}\n", 8, "empty map");
  expect_error("paths: {include: 'a/[b'}\nmatch: {image: {}}\n", 6, "bad glob");
  expect_error("paths: {only: a}\nmatch: {image: {}}\n", 6, "unknown key 'paths.only'");
  expect_error("paths: a/b\nmatch: {image: {}}\n", 6, "'paths' must be a map");
  expect_error("context: [product, tests]\nmatch: {image: {}}\n", 6, "'context' has 'tests'");
}
