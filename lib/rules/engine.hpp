// Evaluates rules over facts and produces findings.
#pragma once

#include <memory>
#include <mutex>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "core/fact.hpp"
#include "openlock/result.hpp"
#include "rules/rule.hpp"

namespace openlock {

/// Rules whose glob tests are compiled into one matcher (rules/matcher.hpp), for evaluating the
/// same rules over many sets of facts, such as once per file: each attribute value is matched
/// once against the globs of all rules instead of once per pattern per rule, and a rule that needs
/// one of its globs to pass a value, when none did, is skipped at once. The matcher is built
/// at the first evaluate() (a few ms), so a holder may declare this beside a rules vector it fills
/// later; the rules must outlive this object and not change once it has evaluated. evaluate() may
/// run on several threads at once.
class CompiledRules {
 public:
  explicit CompiledRules(std::span<const Rule> rules);
  ~CompiledRules();
  CompiledRules(const CompiledRules&) = delete;
  CompiledRules& operator=(const CompiledRules&) = delete;

  /// What evaluate_rules(rules, facts) returns.
  std::vector<Finding> evaluate(const std::vector<Fact>& facts) const;

  /// Whether some leaf of some rule matches `fact` (its kind and attributes; not its path). When
  /// none does, leaving the fact out of evaluate() changes no finding.
  bool matches_a_leaf(const Fact& fact) const;

  struct Compiled;  ///< what the first evaluate() or matches_a_leaf() builds (engine.cpp)

 private:
  const Compiled& compiled() const;

  std::span<const Rule> rules_;
  mutable std::once_flag once_;
  mutable std::unique_ptr<const Compiled> compiled_;
};

/// Runs every rule over `facts` (all facts of one target). A rule with scope "file" is evaluated
/// on each file's facts separately; "repo" on all of them. Each distinct fact that a positive
/// leaf matched (in a condition tree that holds) yields one finding located at that fact.
/// Findings get context (from the path), confidence and a stable fingerprint. Compiles nothing:
/// each glob test runs its patterns one by one; to evaluate the same rules many times, hold a
/// CompiledRules (the same findings).
std::vector<Finding> evaluate_rules(const std::vector<Rule>& rules, const std::vector<Fact>& facts);

/// The fact kinds a rule's condition names (and its `at`).
std::set<std::string, std::less<>> fact_kinds(const Rule& rule);

/// Sorts findings as reports list them: path, line, column, rule id, evidence (stable).
void sort_findings(std::vector<Finding>& findings);

/// The order sort_findings gives: whether `a` is listed before `b`.
bool finding_before(const Finding& a, const Finding& b);

/// Stable fingerprint of a finding: hash of rule id, path and evidence (not the line).
std::string fingerprint(std::string_view rule_id, std::string_view path, std::string_view evidence);

}  // namespace openlock
