// Folds lock-in findings into the three axes (rubric: docs/scoring.md).
#pragma once

#include <vector>

#include "openlock/result.hpp"

namespace openlock {

/// Scores hardware, model_provider and cloud from findings of categories lockin.<axis>.
Lockin score_lockin(const std::vector<Finding>& findings);

}  // namespace openlock
