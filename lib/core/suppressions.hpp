// Inline suppressions: "openlock:ignore RULE-ID[, RULE-ID] -- reason" in any comment syntax, on
// the finding's line or the line before.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.hpp"
#include "core/fact.hpp"
#include "openlock/result.hpp"

namespace openlock {

/// The ids of the scan's rules: those a marker may name.
using RuleIds = std::set<std::string, std::less<>>;

/// Adds one `suppression` fact per valid marker in `text` (attrs: rule, repeated; reason). A
/// marker without a reason, or naming no rule or a rule not in `known_rules`, suppresses nothing
/// and is a diagnostic instead.
void find_suppressions(std::string_view path, std::string_view text, const RuleIds& known_rules, std::vector<Fact>& facts,
                       Diagnostics& diagnostics);

/// Moves the findings the suppression facts silence from result.findings to result.suppressed.
void apply_suppressions(AuditResult& result, const std::vector<Fact>& facts);

}  // namespace openlock
