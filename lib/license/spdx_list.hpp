// The SPDX license and exception lists (rules/licenses/spdx.yaml), looked up case-insensitively.
#pragma once

#include <string>
#include <string_view>

namespace openlock {

struct SpdxLicense {
  std::string id;  ///< canonical case
  bool osi_approved = false;
  bool deprecated = false;
};

/// Nullptr when `id` is not on the list.
const SpdxLicense* find_spdx_license(std::string_view id);
/// The canonical spelling of an exception id, or "" when it is not on the list.
std::string find_spdx_exception(std::string_view id);

}  // namespace openlock
