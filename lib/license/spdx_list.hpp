// The SPDX license and exception lists (rules/licenses/spdx.yaml), looked up case-insensitively.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace openlock {

struct SpdxLicense {
  std::string id;  ///< canonical case
  bool osi_approved = false;
  bool deprecated = false;
};

/// The lists of a spdx.yaml text (`licenses: [[id, osi_approved, deprecated], ...]`,
/// `exceptions: [id, ...]`), in file order; throws std::exception when it is not that. The
/// one-entry-a-line shape of rules/licenses/spdx.yaml is read directly (yaml-cpp took
/// milliseconds over its flow sequences at every start), any other shape with yaml-cpp.
struct SpdxLists {
  std::vector<SpdxLicense> licenses;
  std::vector<std::string> exceptions;
};
SpdxLists read_spdx_lists(std::string_view text);

/// Nullptr when `id` is not on the list.
const SpdxLicense* find_spdx_license(std::string_view id);
/// The canonical spelling of an exception id, or "" when it is not on the list.
std::string find_spdx_exception(std::string_view id);

}  // namespace openlock
