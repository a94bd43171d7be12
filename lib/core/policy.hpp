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
std::vector<Rule> policy_rules(const Config& config, const std::string& config_path, std::vector<RuleError>& errors);

}  // namespace openlock
