// Version of the openlock library and of the rule knowledge it embeds.
#pragma once

#define OPENLOCK_VERSION_MAJOR 0
#define OPENLOCK_VERSION_MINOR 1
#define OPENLOCK_VERSION_PATCH 0
#define OPENLOCK_VERSION_STRING "0.1.0"

#include <string_view>

#include "openlock/export.hpp"

namespace openlock {
/// The library version, "major.minor.patch".
constexpr std::string_view version() { return OPENLOCK_VERSION_STRING; }
/// Identifier of the rule packs compiled into the library (hash of their contents).
OPENLOCK_API std::string_view rules_version();
}  // namespace openlock
