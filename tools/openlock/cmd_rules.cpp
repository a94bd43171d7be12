// `openlock rules list | show ID | test DIR`: the rule packs, for people who write their own.
#include <iomanip>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "openlock/rules.hpp"

namespace openlock::cli {

namespace {

struct RulesFlags {
  std::vector<std::string> rule_dirs;
  std::string id;
  std::string fixtures;
};

bool load(const RulesFlags& f, std::vector<RuleInfo>& rules) {
  std::string error;
  if (list_rules(f.rule_dirs, rules, error)) return true;
  std::cerr << "openlock: error: " << error << "\n";
  return false;
}

int list(const RulesFlags& f) {
  std::vector<RuleInfo> rules;
  if (!load(f, rules)) return usage;
  for (const auto& r : rules)
    std::cout << std::left << std::setw(48) << r.id << std::setw(9) << (r.effect == "mitigates" ? "counter" : to_string(r.severity))
              << r.title << "\n";
  std::cout << rules.size() << " rules\n";
  return ok;
}

int show(const RulesFlags& f) {
  std::vector<RuleInfo> rules;
  if (!load(f, rules)) return usage;
  for (const auto& r : rules) {
    if (r.id != f.id) continue;
    std::cout << r.id << "\n  title:       " << r.title << "\n  category:    " << r.category
              << "\n  severity:    " << to_string(r.severity) << "\n  effect:      " << r.effect
              << "\n  within:      " << r.within << "\n";
    if (!r.vendor.empty()) std::cout << "  vendor:      " << r.vendor << "\n";
    std::cout << "  message:     " << r.message << "\n";
    if (!r.remediation.empty()) std::cout << "  remediation: " << r.remediation << "\n";
    for (const auto& ref : r.references) std::cout << "  reference:   " << ref << "\n";
    std::cout << "  defined in:  " << r.origin << "\n";
    return ok;
  }
  std::cerr << "openlock: error: no rule with id '" << f.id << "' (see `openlock rules list`)\n";
  return usage;
}

int test(const RulesFlags& f) {
  std::size_t checked = 0;
  auto problems = test_rules(f.fixtures, f.rule_dirs, checked);
  for (const auto& p : problems) std::cout << "FAIL " << p << "\n";
  std::cout << checked << " rules checked against " << f.fixtures << ": " << problems.size()
            << (problems.size() == 1 ? " problem\n" : " problems\n");
  return problems.empty() ? ok : findings;
}

int patterns(const RulesFlags& f) {
  std::vector<std::string> out;
  std::string error;
  if (!rule_patterns(f.rule_dirs, out, error)) {
    std::cerr << "openlock: error: " << error << "\n";
    return usage;
  }
  for (const auto& p : out) std::cout << p << "\n";
  return ok;
}

}  // namespace

std::function<int()> add_rules(CLI::App& app) {
  auto flags = std::make_shared<RulesFlags>();
  CLI::App* cmd = app.add_subcommand("rules", "List, show and test rule packs");
  cmd->require_subcommand(1);
  cmd->add_option("--rules", flags->rule_dirs, "Also load rule packs from DIR (replaces built-ins by id); repeatable")
      ->type_name("DIR")
      ->allow_extra_args(false);
  CLI::App* list_cmd = cmd->add_subcommand("list", "List every rule: id, severity, title");
  CLI::App* show_cmd = cmd->add_subcommand("show", "Show one rule");
  show_cmd->add_option("id", flags->id, "Rule id")->required();
  CLI::App* patterns_cmd = cmd->add_subcommand("patterns", "Print the lock-in rules' text patterns as regexes, one per line (for rg -f)");
  CLI::App* test_cmd = cmd->add_subcommand("test", "Check each rule against DIR/<rule-id>/ annotated fixtures");
  test_cmd->add_option("dir", flags->fixtures, "Folder of fixture folders, one per rule id")->required();
  cmd->footer("Exit codes: 0 ok, 1 `rules test` found problems, 2 usage error or a rule that does not load.");
  return [flags, list_cmd, show_cmd, test_cmd, patterns_cmd] {
    if (list_cmd->parsed()) return list(*flags);
    if (patterns_cmd->parsed()) return patterns(*flags);
    if (show_cmd->parsed()) return show(*flags);
    if (test_cmd->parsed()) return test(*flags);
    return static_cast<int>(usage);
  };
}

}  // namespace openlock::cli
