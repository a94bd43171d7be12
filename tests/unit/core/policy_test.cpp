#include "core/policy.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>

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

namespace {
Finding lockin(std::string path, std::uint32_t line, std::string category, std::string vendor, bool mitigates = false) {
  Finding f;
  f.rule_id = category + ".some-rule";
  f.category = std::move(category);
  f.vendor = std::move(vendor);
  f.location = {std::move(path), line, 1};
  f.evidence = "evidence at " + std::to_string(line);
  f.mitigates = mitigates;
  f.context = "product";
  f.confidence = "medium";
  return f;
}

std::vector<std::string> policy_ids(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings)
    if (f.rule_id.starts_with("policy."))
      out.push_back(f.rule_id + " " + f.vendor + " " + f.location.path + ":" + std::to_string(f.location.line) + " " +
                    std::string(to_string(f.severity)));
  return out;
}
}  // namespace

TEST(Policy, VendorsOutsideTheAllowListsOncePerFileAndVendor) {
  Config config;
  config.allow_providers = std::vector<std::string>{"local", "OPEN*"};
  config.allow_hardware = std::vector<std::string>{};  // nothing allowed
  std::vector<RuleError> errors;
  auto rules = policy_rules(config, "p.yaml", errors);
  ASSERT_TRUE(errors.empty());
  std::vector<Finding> findings = {
      lockin("a.py", 3, "lockin.model_provider", "openai"),        // allowed by glob, any case
      lockin("a.py", 5, "lockin.model_provider", "anthropic"),
      lockin("a.py", 9, "lockin.model_provider", "anthropic"),     // same file and vendor: no second finding
      lockin("a.py", 12, "lockin.model_provider", ""),             // no vendor
      lockin("b.py", 1, "lockin.model_provider", "anthropic"),
      lockin("b.py", 2, "lockin.hardware", "nvidia"),
      lockin("b.py", 4, "lockin.hardware", "amd", true),           // a counter-signal
      lockin("c.tf", 1, "lockin.cloud", "aws"),                    // no cloud allow-list
      lockin("d.py", 1, "lockin.model_provider", "anthropic"),     // a bare mention, below
  };
  findings.back().confidence = "low";
  std::sort(findings.begin(), findings.end(), [](const Finding& x, const Finding& y) {
    return std::tie(x.location.path, x.location.line) < std::tie(y.location.path, y.location.line);
  });
  add_policy_findings(config, "p.yaml", rules, {}, findings);
  EXPECT_EQ(policy_ids(findings), (std::vector<std::string>{"policy.provider.not-allowed anthropic a.py:5 high",
                                                            "policy.provider.not-allowed anthropic b.py:1 high",
                                                            "policy.hardware.not-allowed nvidia b.py:2 high"}));
  EXPECT_EQ(findings.size(), 12u);
  EXPECT_TRUE(std::is_sorted(findings.begin(), findings.end(), [](const Finding& x, const Finding& y) {
    return std::tie(x.location.path, x.location.line, x.rule_id) < std::tie(y.location.path, y.location.line, y.rule_id);
  }));
  auto it = std::find_if(findings.begin(), findings.end(), [](const Finding& f) { return f.rule_id == "policy.provider.not-allowed"; });
  EXPECT_EQ(it->category, "lockin.model_provider");
  EXPECT_EQ(it->message, "evidence at 5: anthropic is not on the providers.allow list of p.yaml (local, OPEN*).");
  EXPECT_EQ(it->evidence, "evidence at 5");
  EXPECT_EQ(it->confidence, "medium") << "the confidence of the finding it stands on";
  EXPECT_FALSE(it->remediation.empty());
  EXPECT_EQ(it->fingerprint, fingerprint("policy.provider.not-allowed", "a.py", "anthropic")) << "stable when the first line moves";
}

TEST(Policy, StepRulesAreRulesTheEngineNeverFires) {
  Config config;
  config.allow_cloud = std::vector<std::string>{"aws"};
  config.deployment = Deployment{};
  std::vector<RuleError> errors;
  auto rules = policy_rules(config, "p.yaml", errors);
  std::vector<std::string> ids;
  for (const auto& r : rules) ids.push_back(r.id + " " + std::string(to_string(r.severity)) + " " + r.category);
  EXPECT_EQ(ids, (std::vector<std::string>{"policy.cloud.not-allowed high lockin.cloud", "policy.deployment.denied high license",
                                           "policy.deployment.required low license"}));
  std::vector<Fact> facts = {license("README.md", {{"id", "x"}}), Fact{"endpoint", {"a.py", 1, 1}, "x", {}}};
  EXPECT_TRUE(evaluate_rules(rules, facts).empty());
}

TEST(Policy, DeploymentDecisionsBecomeFindingsThroughTheRulesThatRemain) {
  Config config;
  config.deployment = Deployment{};
  std::vector<RuleError> errors;
  auto rules = policy_rules(config, "p.yaml", errors);
  Model a, b;
  a.path = "m/README.md";
  b.path = "m/CARD.md";
  PolicyDecision deny{"deny", "mau_cap", "too many users", "over 10 users", {"m/LICENSE", 4, 0}};
  PolicyDecision require{"require", "gated", "accept the terms", "gated", {"m/README.md", 2, 0}};
  PolicyDecision allow{"allow", "non_commercial", "fine", "nc", {"m/LICENSE", 9, 0}};
  a.policy = {deny, require, allow};
  b.policy = {deny};  // the same LICENSE beside two cards: one finding
  std::vector<Finding> findings;
  add_policy_findings(config, "p.yaml", rules, {a, b}, findings);
  EXPECT_EQ(policy_ids(findings), (std::vector<std::string>{"policy.deployment.denied  m/LICENSE:4 high",
                                                            "policy.deployment.required  m/README.md:2 low"}));
  EXPECT_EQ(findings[0].message, "too many users");
  EXPECT_EQ(findings[0].evidence, "over 10 users");
  EXPECT_EQ(findings[0].category, "license");

  // rules.disable and rules.severity act on these rules like on any other.
  std::erase_if(rules, [](const Rule& r) { return r.id == "policy.deployment.required"; });
  for (auto& r : rules) r.severity = Severity::critical;
  findings.clear();
  add_policy_findings(config, "p.yaml", rules, {a}, findings);
  EXPECT_EQ(policy_ids(findings), (std::vector<std::string>{"policy.deployment.denied  m/LICENSE:4 critical"}));
}

namespace {
Rule kind_rule(std::string id, std::string fact_kind, std::string kind) {
  Rule r;
  r.id = std::move(id);
  r.category = "license";
  r.severity = Severity::high;
  r.match.fact_kind = std::move(fact_kind);
  Condition::AttrTest test;
  test.attr = "kind";
  test.patterns = {std::move(kind)};
  r.match.tests = {test};
  return r;
}

Finding at(const std::string& rule_id, Location where) {
  Finding f;
  f.rule_id = rule_id;
  f.category = "license";
  f.severity = Severity::high;
  f.message = "Limits use.";
  f.location = std::move(where);
  return f;
}
}  // namespace

TEST(Policy, AClauseTheDeploymentAllowsNoLongerBlocks) {
  std::vector<Rule> rules = {kind_rule("license.clause.non-commercial", "license_clause", "non_commercial"),
                             kind_rule("license.card.non-commercial", "license", "non-commercial"),
                             kind_rule("license.card.restricted", "license", "open-weight"),
                             kind_rule("license.clause.user-cap", "license_clause", "mau_cap")};
  Model m;
  m.policy = {{"allow", "non_commercial", "this deployment is not commercial", "nc", {"m/LICENSE", 9, 1}},
              {"allow", "non_commercial", "this deployment is not commercial", "nc", {"m/README.md", 2, 10}},
              {"require", "mau_cap", "declare monthly_active_users", "cap", {"m/LICENSE", 4, 1}}};
  std::vector<Finding> findings = {at("license.clause.non-commercial", {"m/LICENSE", 9, 1}),
                                   at("license.card.non-commercial", {"m/README.md", 2, 10}),
                                   at("license.card.restricted", {"m/README.md", 2, 10}),
                                   at("license.clause.user-cap", {"m/LICENSE", 4, 1}),
                                   at("license.clause.non-commercial", {"other/LICENSE", 9, 1})};
  settle_allowed_clauses(rules, {m}, findings);
  EXPECT_EQ(findings[0].severity, Severity::info);
  EXPECT_EQ(findings[0].message, "Limits use. Allowed for the declared deployment: this deployment is not commercial.");
  EXPECT_EQ(findings[1].severity, Severity::info) << "the license kind of the same name";
  EXPECT_EQ(findings[2].severity, Severity::high) << "same place, another subject";
  EXPECT_EQ(findings[3].severity, Severity::high) << "required, not allowed";
  EXPECT_EQ(findings[4].severity, Severity::high) << "another license file";
  EXPECT_EQ(findings[4].message, "Limits use.");
}
