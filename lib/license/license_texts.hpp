// The license texts openlock knows: the embedded knowledge base (rules/licenses/texts/) and the
// entries a rule pack adds (DIR/licenses/texts/*.yaml), e.g. a company's internal model license.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "license/identify.hpp"

namespace openlock {

inline constexpr std::size_t kMinLicenseGrams = 10;  // fewer trigrams than this cannot be told apart

/// The embedded knowledge base, loaded once (thread-safe), in id order.
const std::vector<KnownText>& known_texts();

/// The built-in entry whose expression (SPDX id or LicenseRef) this is, or nullptr.
const KnownText* find_known_text(std::string_view expression);

/// One built-in entry (a file of rules/licenses/texts/) from its YAML; throws std::exception with
/// the reason. Reads the fingerprint block tools/fingerprint/update writes without yaml-cpp (see
/// the .cpp), and an entry of any other shape with it.
KnownText read_embedded_entry(std::string_view text);

/// Adds a rule pack's license entries (DIR/licenses/texts/*.yaml; none is fine). Each entry has
/// the keys of the built-in ones and either `fingerprint:` or `text: FILE`, a text of the pack's
/// own beside the entry (with `optional_from` if part of it is optional). Problems are returned
/// as "path: message".
void load_license_pack(const std::filesystem::path& dir, std::vector<KnownText>& out, std::vector<std::string>& errors);

}  // namespace openlock
