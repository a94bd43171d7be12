#include "core/policy.hpp"

#include <gtest/gtest.h>

#include "rules/engine.hpp"

using namespace openlock;

namespace {
Fact license(std::string path, std::vector<std::pair<std::string, std::string>> attrs) {
  return Fact{"license", {std::move(path), 2, 1}, "license: x", std::move(attrs)};
}
}  // namespace

TEST(Policy, NoListsNoRules) {
  std::vector<RuleError> errors;
  EXPECT_TRUE(policy_rules(Config{}, ".openlock.yaml", errors).empty());
  EXPECT_TRUE(errors.empty());
}

TEST(Policy, DenyByIdGlobOrKindAllowByExpression) {
  Config config;
  config.deny_licenses = {"LicenseRef-llama*", "non-commercial", "weird \"quoted\\ value"};
  config.allow_licenses = {"Apache-2.0", "MIT"};
  std::vector<RuleError> errors;
  auto rules = policy_rules(config, "policy.yaml", errors);
  ASSERT_TRUE(errors.empty()) << errors.front().to_string();
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0].origin, "policy.yaml");
  std::vector<Fact> facts = {
      license("a/README.md", {{"id", "llama3.1"}, {"expression", "LicenseRef-llama3.1"}, {"source", "card"}}),
      license("b/README.md", {{"id", "cc-by-nc-4.0"}, {"expression", "CC-BY-NC-4.0"}, {"kind", "non-commercial"}}),
      license("c/README.md", {{"id", "apache-2.0"}, {"expression", "Apache-2.0"}, {"kind", "permissive"}}),
      license("d/package.json", {{"value", "MIT"}, {"expression", "MIT"}}),
  };
  std::vector<std::string> got;
  for (const auto& f : evaluate_rules(rules, facts)) got.push_back(f.rule_id + " " + f.location.path);
  EXPECT_EQ(got, (std::vector<std::string>{"policy.license.denied a/README.md", "policy.license.not-allowed a/README.md",
                                           "policy.license.denied b/README.md", "policy.license.not-allowed b/README.md"}));
}
