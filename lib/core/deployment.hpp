// The deployment rubric (docs/policy.md): a model's license clauses judged against what the
// config declares about how the model is used.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/config.hpp"
#include "openlock/result.hpp"

namespace openlock {

/// One decision per clause, deny first, then require, then allow (clause order within each).
std::vector<PolicyDecision> decide(const Deployment& deployment, const std::vector<LicenseClause>& clauses);

/// The first phrase in double quotes (straight or curly) in `text`, or "" when there is none.
std::string quoted_phrase(std::string_view text);

}  // namespace openlock
