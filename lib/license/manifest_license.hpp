// A manifest's declared license (package.json `license`, pyproject `project.license`) as a fact:
// the SPDX expression as written, whether it parses and validates, and its deprecated or unknown ids.
#pragma once

#include <string_view>
#include <vector>

#include "core/fact.hpp"

namespace openlock {

/// A `license` fact with source "manifest" and attributes: field, value, expression (normalised
/// when it parses), valid, osi, deprecated and unknown (ids, space-separated, only when any).
Fact manifest_license_fact(Location location, std::string evidence, std::string_view field, std::string_view value,
                           std::string_view source = "manifest");

/// `SPDX-License-Identifier: EXPR` in the first lines of a file (any comment syntax) as a license
/// fact with source "spdx_header".
void find_spdx_headers(std::string_view path, std::string_view text, std::vector<Fact>& facts);

}  // namespace openlock
