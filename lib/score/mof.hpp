// The MOF class computation shared by MOT records (evaluate_mof) and scanned repositories.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "openlock/openness.hpp"

namespace openlock {

/// A MOF component as the knowledge base (rules/licenses/mof.yaml) describes it.
struct MofComponentSpec {
  std::string name;
  std::string content_type;  ///< code | data | document
  int model_class = 0;       ///< the class that first needs it (3, 2, 1)
  bool required = false;
};

/// The 17 components in MOF order.
const std::vector<MofComponentSpec>& mof_components();

/// The component of that name, or nullptr.
const MofComponentSpec* find_mof_component(std::string_view name);

/// Whether the Model Openness Tool counts a license id as open (case-insensitive).
bool mof_license_open(const std::string& license);

/// Class and progress from the published components: name -> the license that applies to it
/// ("" or "unlicensed" when none). Components not in the map are absent.
MofEvaluation evaluate_mof_components(const std::map<std::string, std::string>& published);

}  // namespace openlock
