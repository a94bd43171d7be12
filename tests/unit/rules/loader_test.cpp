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
