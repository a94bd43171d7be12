// A config's license policy (licenses.allow / licenses.deny) as two ordinary rules, so policy
// findings flow through the same engine, reports, baselines and suppressions as any other.
#pragma once

#include <vector>

#include "core/config.hpp"
#include "rules/loader.hpp"
#include "rules/rule.hpp"

namespace openlock {

/// policy.license.denied (a license matching licenses.deny) and policy.license.not-allowed (a
/// file whose licenses match nothing in licenses.allow); none when the lists are empty.
/// Also, for the vendor allow-lists and the deployment section, the rules whose findings
/// policy_findings() makes (policy.{provider,hardware,cloud}.not-allowed,
/// policy.deployment.{denied,required}): they have no condition, so the engine never fires them,
/// but as rules they take rules.disable and rules.severity and appear in SARIF's rule table.
std::vector<Rule> policy_rules(const Config& config, const std::string& config_path, std::vector<RuleError>& errors);

/// After the rules ran: one finding per file and vendor outside an allow-list (at that vendor's
/// first lock-in finding in the file), and one per deny or require decision of the models'
/// `policy`. Only rules still in `rules` (not disabled) give findings, with their severity.
/// Appends to `findings` and keeps them sorted.
void add_policy_findings(const Config& config, const std::string& config_path, const std::vector<Rule>& rules,
                         const std::vector<Model>& models, std::vector<Finding>& findings);

/// A clause the declared deployment allows no longer blocks: a finding at that clause's place
/// whose rule is about that clause (a leaf tests `kind` against it, or against the license kind
/// of the same name: `non-commercial` for `non_commercial`) stays in the report at severity info,
/// its message followed by the decision's reason.
void settle_allowed_clauses(const std::vector<Rule>& rules, const std::vector<Model>& models, std::vector<Finding>& findings);

}  // namespace openlock
