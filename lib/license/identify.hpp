// License-text identification against a given set of known texts (identify.cpp); the public
// identify_license() uses the embedded knowledge base, tests use small texts of their own.
#pragma once

#include <string_view>
#include <vector>

#include "license/fingerprint.hpp"
#include "openlock/license.hpp"

namespace openlock {

struct KnownText {
  KnownLicense info;
  Fingerprint fingerprint;
};

/// Identifies `text` among `known` (see the rubric at the top of identify.cpp).
LicenseIdentification identify_among(std::string_view text, const std::vector<KnownText>& known);

}  // namespace openlock
