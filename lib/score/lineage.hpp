// Base-model lineage within a scan: a fine-tune, adapter, merge or quantisation whose base model's
// card is in the same scan inherits the base license's downstream duties; a license more
// permissive than the base's is a lineage_conflict fact (rule license.card.lineage).
#pragma once

#include <vector>

#include "core/fact.hpp"
#include "openlock/result.hpp"

namespace openlock {

/// Matches each declared base model to a model of the scan (by name or folder, case-insensitive)
/// and applies the inheritance; adds lineage_conflict facts at the card's base_model field.
void apply_lineage(std::vector<Model>& models, std::vector<Fact>& facts);

}  // namespace openlock
