// Inline suppressions: "openlock:ignore RULE-ID[, RULE-ID] -- reason" in any comment syntax, on
// the finding's line or the line before.
#pragma once

#include <string_view>
#include <vector>

#include "core/fact.hpp"
#include "openlock/result.hpp"

namespace openlock {

/// Adds one `suppression` fact per marker in `text` (attrs: rule, repeated; reason).
void find_suppressions(std::string_view path, std::string_view text, std::vector<Fact>& facts);

/// Moves suppressed findings from result.findings to result.suppressed. A marker without a
/// reason, or naming a rule that does not exist, is a diagnostic (and suppresses nothing).
void apply_suppressions(AuditResult& result, const std::vector<Fact>& facts);

}  // namespace openlock
