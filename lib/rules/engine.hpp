// Evaluates rules over facts and produces findings.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "core/fact.hpp"
#include "openlock/result.hpp"
#include "rules/rule.hpp"

namespace openlock {

/// Runs every rule over `facts` (all facts of one target). A rule with scope "file" is evaluated
/// on each file's facts separately; "repo" on all of them. Each distinct fact that a positive
/// leaf matched (in a condition tree that holds) yields one finding located at that fact.
/// Findings get context (from the path), confidence and a stable fingerprint.
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
