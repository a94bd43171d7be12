// Builds the report's model records from the facts of model cards and the files beside them.
#pragma once

#include <vector>

#include "core/fact.hpp"
#include "openlock/result.hpp"

namespace openlock {

/// Adds the Hub-license knowledge (expression, kind, osi, valid_spdx) to every card license fact.
void resolve_card_licenses(std::vector<Fact>& facts);

/// Adds a license_mismatch fact for each card or manifest license that no license text beside it
/// agrees with, when openlock named at least one of those texts (declared vs actual license).
void compare_declared_licenses(std::vector<Fact>& facts);

/// One Model per `model` fact, with its license facts and the gating facts of the same card.
std::vector<Model> collect_models(const std::vector<Fact>& facts);

}  // namespace openlock
