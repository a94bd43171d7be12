// Loads rule YAML into Rule values; every error names the file and line.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "rules/rule.hpp"

namespace openlock {

struct RuleError {
  std::string path;
  int line = 0;
  std::string message;
  [[nodiscard]] std::string to_string() const;  ///< "path:line: message"
};

/// Parses one rule file's text. Returns false and fills `error` on any problem
/// (bad YAML, missing or unknown key, bad severity, empty condition).
bool load_rule(std::string_view origin, std::string_view yaml_text, Rule& rule, RuleError& error);

/// load_rule for text in the YAML subset the built-in rules are written in (see read_lite_yaml),
/// read without yaml-cpp, which is several times faster. Returns false (and `rule` is then
/// unspecified) when the text is outside the subset or the rule has an error: load_rule then
/// gives the full-YAML reading or the error with its line.
bool load_rule_lite(std::string_view origin, std::string_view yaml_text, Rule& rule);

/// Loads every rule of the embedded packs (files under rules/ except rules/licenses/).
void load_builtin_rules(std::vector<Rule>& rules, std::vector<RuleError>& errors);

/// Loads every *.yaml / *.yml under `dir`, recursively. A rule whose id is already in `rules`
/// replaces it (so --rules DIR overrides built-ins).
void load_rule_dir(const std::filesystem::path& dir, std::vector<Rule>& rules,
                   std::vector<RuleError>& errors);

/// The public description of a loaded rule.
RuleInfo describe(const Rule& rule);

}  // namespace openlock
