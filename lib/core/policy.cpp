#include "core/policy.hpp"

#include <string>

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
  return rules;
}

}  // namespace openlock
