// Hugging Face Hub license ids (the card's `license:` field) mapped to SPDX / LicenseRef and a kind.
// Knowledge lives in rules/licenses/hub-licenses.yaml (embedded); this is only the lookup.
#pragma once

#include <string>
#include <string_view>

namespace openlock {

struct HubLicense {
  std::string hub_id;      ///< as the Hub spells it, e.g. "llama3.1"
  std::string expression;  ///< SPDX id/expression or LicenseRef-..., e.g. "LicenseRef-llama3.1"
  std::string kind;        ///< osi | open-weight | rail | non-commercial | proprietary | unknown
  bool osi_approved = false;
  bool valid_spdx = false;  ///< expression uses only SPDX-listed ids (no LicenseRef)
};

/// Looks up a Hub license id (case-insensitive). Returns nullptr when unknown.
const HubLicense* find_hub_license(std::string_view hub_id);

/// The Hub entry whose expression is this SPDX id or LicenseRef (case-insensitive), or nullptr.
const HubLicense* find_hub_license_by_expression(std::string_view expression);

}  // namespace openlock
