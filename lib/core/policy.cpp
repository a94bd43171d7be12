#include "core/policy.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "discover/discover.hpp"
#include "rules/engine.hpp"
#include "rules/glob.hpp"

namespace openlock {

namespace {

// The values escaped for a YAML double-quoted string, joined by `separator`.
std::string escaped(const std::vector<std::string>& values, const std::string& separator) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += separator;
    for (char c : v) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
  }
  return out;
}

// A YAML flow list of double-quoted strings.
std::string quoted_list(const std::vector<std::string>& values) { return "[\"" + escaped(values, "\", \"") + "\"]"; }

// A license fact matches a policy entry by its SPDX expression, its id as written or its kind.
std::string any_license(const std::string& list) {
  return "  any:\n    - license: {expression: " + list + "}\n    - license: {id: " + list + "}\n    - license: {value: " + list +
         "}\n    - license: {kind: " + list + "}\n";
}

// Loads the generated rule as "<id>.yaml" (the loader wants the id as the file name), then
// names the config as where it comes from.
void add(const std::string& id, const std::string& config_path, const std::string& text, std::vector<Rule>& rules,
         std::vector<RuleError>& errors) {
  Rule rule;
  RuleError error;
  if (!load_rule(id + ".yaml", "id: " + id + "\n" + text, rule, error)) {
    error.path = config_path + " (licenses)";
    errors.push_back(error);
    return;
  }
  rule.origin = config_path;
  rules.push_back(std::move(rule));
}

// The allow-lists: config key, the lock-in category it governs, and the rule for it.
struct AllowList {
  const char* key;
  const char* category;
  const char* rule_id;
  const char* what;  // for the title
  const std::optional<std::vector<std::string>> Config::*list;
};

const AllowList kAllowLists[] = {
    {"providers", "lockin.model_provider", "policy.provider.not-allowed", "Model provider", &Config::allow_providers},
    {"hardware", "lockin.hardware", "policy.hardware.not-allowed", "Hardware vendor", &Config::allow_hardware},
    {"cloud", "lockin.cloud", "policy.cloud.not-allowed", "Cloud vendor", &Config::allow_cloud},
};

// A rule without a condition: the engine never fires it; add_policy_findings() makes its findings.
Rule step_rule(std::string id, std::string title, std::string category, Severity severity, std::string message,
               std::string remediation, const std::string& config_path) {
  Rule r;
  r.id = std::move(id);
  r.title = std::move(title);
  r.category = std::move(category);
  r.severity = severity;
  r.confidence = "high";
  r.match.op = Condition::Op::any;  // no children: never holds
  r.message = std::move(message);
  r.remediation = std::move(remediation);
  r.origin = config_path;
  return r;
}

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

const Rule* find_rule(const std::vector<Rule>& rules, std::string_view id) {
  auto it = std::find_if(rules.begin(), rules.end(), [&](const Rule& r) { return r.id == id; });
  return it == rules.end() ? nullptr : &*it;
}

// `fingerprint_key` instead of the evidence keeps the id stable when the evidence moves.
Finding policy_finding(const Rule& rule, const Location& at, std::string evidence, std::string message,
                       std::string_view fingerprint_key) {
  Finding f;
  f.rule_id = rule.id;
  f.title = rule.title;
  f.category = rule.category;
  f.severity = rule.severity;
  f.message = std::move(message);
  f.remediation = rule.remediation;
  f.location = at;
  f.evidence = std::move(evidence);
  f.confidence = rule.confidence;
  f.context = context_of(at.path);
  f.fingerprint = fingerprint(rule.id, at.path, fingerprint_key);
  return f;
}

}  // namespace

std::vector<Rule> policy_rules(const Config& config, const std::string& config_path, std::vector<RuleError>& errors) {
  std::vector<Rule> rules;
  if (!config.deny_licenses.empty())
    add("policy.license.denied", config_path,
        "title: License denied by the project's policy\ncategory: license\nseverity: high\n"
        "match:\n" + any_license(quoted_list(config.deny_licenses)) +
        "message: \"{evidence}: this license is on the deny list of " + config_path + ".\"\n"
        "remediation: \"Use a component under an allowed license, or record an exception in the policy.\"\n",
        rules, errors);
  if (!config.allow_licenses.empty()) {
    std::string allowed = quoted_list(config.allow_licenses);
    add("policy.license.not-allowed", config_path,
        "title: License not on the project's allowed list\ncategory: license\nseverity: high\n"
        "match:\n  all:\n    - any:\n        - license: {expression: \"*\"}\n        - license: {id: \"*\"}\n        - license: {value: \"*\"}\n"
        "    - not:\n        any:\n          - license: {expression: " + allowed + "}\n          - license: {id: " + allowed +
        "}\n          - license: {value: " + allowed + "}\n          - license: {kind: " + allowed + "}\n"
        "message: \"{evidence}: this license is not on the allowed list of " + config_path + " (" + escaped(config.allow_licenses, ", ") + ").\"\n"
        "remediation: \"Use a component under an allowed license, or add this one to licenses.allow after review.\"\n",
        rules, errors);
  }
  for (const auto& a : kAllowLists)
    if (config.*a.list)
      rules.push_back(step_rule(a.rule_id, std::string(a.what) + " not on the project's allow-list", a.category, Severity::high,
                                "A vendor outside " + std::string(a.key) + ".allow of " + config_path + ".",
                                "Use an allowed vendor, or add this one to " + std::string(a.key) + ".allow after review.",
                                config_path));
  if (config.deployment) {
    rules.push_back(step_rule("policy.deployment.denied", "A license clause forbids the declared deployment", "license",
                              Severity::high, "The clause forbids what the deployment section of " + config_path + " declares.",
                              "Change the deployment, or get a separate license from the licensor.", config_path));
    rules.push_back(step_rule("policy.deployment.required", "A license clause asks something of the declared deployment",
                              "license", Severity::low, "The clause asks for an action, or for a deployment fact that is not declared.",
                              "Do what the reason says, or declare the missing fact in the deployment section of " + config_path + ".",
                              config_path));
  }
  return rules;
}

void add_policy_findings(const Config& config, const std::string& config_path, const std::vector<Rule>& rules,
                         const std::vector<Model>& models, std::vector<Finding>& findings) {
  std::vector<Finding> added;
  for (const auto& a : kAllowLists) {
    const Rule* rule = find_rule(rules, a.rule_id);
    if (!(config.*a.list) || !rule) continue;
    const auto& allowed = *(config.*a.list);
    std::set<std::pair<std::string, std::string>> seen;  // (path, vendor): the first finding speaks for the file
    for (const auto& f : findings) {  // sorted by place, so the first is the earliest
      // A bare mention (low confidence) is never a blocking finding (DESIGN.md, ground rules).
      if (f.category != a.category || f.mitigates || f.vendor.empty() || f.confidence == "low") continue;
      if (std::any_of(allowed.begin(), allowed.end(), [&](const std::string& g) { return glob_match(g, f.vendor); })) continue;
      if (!seen.insert({f.location.path, f.vendor}).second) continue;
      Finding p = policy_finding(*rule, f.location, f.evidence,
                                 f.evidence + ": " + f.vendor + " is not on the " + a.key + ".allow list of " + config_path + " (" +
                                     (allowed.empty() ? std::string("empty") : joined(allowed)) + ").",
                                 f.vendor);
      p.vendor = f.vendor;
      p.confidence = f.confidence;
      p.context = f.context;
      added.push_back(std::move(p));
    }
  }
  const Rule* denied = find_rule(rules, "policy.deployment.denied");
  const Rule* required = find_rule(rules, "policy.deployment.required");
  std::set<std::tuple<std::string, std::uint32_t, std::string, std::string>> seen;  // models in one folder share a LICENSE
  for (const auto& m : models)
    for (const auto& d : m.policy) {
      const Rule* rule = d.decision == "deny" ? denied : d.decision == "require" ? required : nullptr;
      if (!rule || !seen.insert({d.location.path, d.location.line, d.clause + " " + d.evidence, d.reason}).second) continue;
      added.push_back(policy_finding(*rule, d.location, d.evidence, d.reason, d.clause + " " + d.evidence));
    }
  if (added.empty()) return;
  findings.insert(findings.end(), std::make_move_iterator(added.begin()), std::make_move_iterator(added.end()));
  sort_findings(findings);
}

namespace {

// Whether a leaf of `rule` tests the attribute `kind` against `clause`; '-' and '_' count as the
// same, so a rule on the license kind `non-commercial` is about the clause `non_commercial`.
bool about_clause(const Rule& rule, std::string_view clause) {
  auto same = [&](std::string_view value) {
    return value.size() == clause.size() && std::equal(value.begin(), value.end(), clause.begin(), [](char a, char b) {
             return a == b || ((a == '-' || a == '_') && (b == '-' || b == '_'));
           });
  };
  bool about = false;
  for_each_leaf(rule.match, [&](const Condition& leaf) {
    for (const auto& test : leaf.tests)
      if (test.attr == "kind" && (std::any_of(test.patterns.begin(), test.patterns.end(), same) ||
                                  std::any_of(test.equals.begin(), test.equals.end(), same)))
        about = true;
  });
  return about;
}

}  // namespace

void settle_allowed_clauses(const std::vector<Rule>& rules, const std::vector<Model>& models, std::vector<Finding>& findings) {
  // The `allow` decisions by place, in model then decision order: one lookup per finding rather
  // than a pass over every model (a hub mirror has thousands, each with license findings).
  std::map<std::tuple<std::string_view, std::uint32_t, std::uint32_t>, std::vector<const PolicyDecision*>> allowed_at;
  for (const auto& m : models)
    for (const auto& d : m.policy)
      if (d.decision == "allow") allowed_at[{d.location.path, d.location.line, d.location.column}].push_back(&d);
  if (allowed_at.empty()) return;
  for (auto& f : findings) {
    if (f.severity == Severity::info || f.category != "license") continue;
    auto here = allowed_at.find({f.location.path, f.location.line, f.location.column});
    if (here == allowed_at.end()) continue;
    const Rule* rule = find_rule(rules, f.rule_id);
    if (!rule) continue;
    auto allowed = std::find_if(here->second.begin(), here->second.end(),
                                [&](const PolicyDecision* d) { return about_clause(*rule, d->clause); });
    if (allowed == here->second.end()) continue;
    f.severity = Severity::info;
    f.message += " Allowed for the declared deployment: " + (*allowed)->reason + ".";
  }
}

}  // namespace openlock
