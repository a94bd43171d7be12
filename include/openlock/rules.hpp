// Rule packs as a product: list them, and check them against annotated fixtures.
#pragma once

#include <string>
#include <vector>

#include "openlock/export.hpp"
#include "openlock/result.hpp"

namespace openlock {

/// The built-in rules plus those of `rule_dirs` (which replace built-ins by id), sorted by id.
/// Returns false and sets `error` ("path:line: message") when a rule does not load.
OPENLOCK_API bool list_rules(const std::vector<std::string>& rule_dirs, std::vector<RuleInfo>& rules,
                             std::string& error);

/// Checks every rule against its fixture folder `fixtures_dir/<rule-id>/`: lines annotated
/// "expect: <rule-id>" must produce the rule's finding, lines annotated "ok: <rule-id>" must not,
/// and nothing else may; an annotation alone on a "# " comment line is about the next line.
/// Returns one message per problem (a rule with no folder, no positive or no negative case,
/// a missed or unexpected finding, a diagnostic); empty when all pass.
OPENLOCK_API std::vector<std::string> test_rules(const std::string& fixtures_dir,
                                                 const std::vector<std::string>& rule_dirs,
                                                 std::size_t& rules_checked);

/// True when `dir` holds rule files (YAML with top-level `id:` and `match:`), not fixture folders.
OPENLOCK_API bool is_rule_pack(const std::string& dir);

/// Checks every rule of the pack `pack_dir` (loaded like `--rules`, after `rule_dirs`) against
/// its fixtures: a folder named by the rule id beside the rule file, else
/// `tests/rules/fixtures/<id>/` in a folder enclosing the pack (so `rules test rules/` in the
/// openlock source tree checks the built-in packs). Problems as for `test_rules`.
OPENLOCK_API std::vector<std::string> test_rule_pack(const std::string& pack_dir,
                                                     const std::vector<std::string>& rule_dirs,
                                                     std::size_t& rules_checked);

/// The annotated lines of `fixtures_dir/<rule_id>/` (as `test_rules` reads them), positive cases
/// first, each group in path and line order; empty when the folder does not exist.
OPENLOCK_API std::vector<RuleExample> rule_examples(const std::string& fixtures_dir, const std::string& rule_id);

/// The text patterns of every lock-in and license rule's attribute tests, as regular expressions
/// (a glob's `*` becomes `.*`, `?` any character, `[...]` stays a class, the rest is literal), distinct and sorted: the pattern set a text
/// search tool such as ripgrep would need to look for the same evidence (bench/tree.sh).
OPENLOCK_API bool rule_patterns(const std::vector<std::string>& rule_dirs, std::vector<std::string>& patterns,
                                std::string& error);

}  // namespace openlock
