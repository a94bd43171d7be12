// The dependencies of a scan (AuditResult::dependencies) from dependency and image facts, each
// with a package URL (purl) for SBOMs.
#pragma once

#include <vector>

#include "core/fact.hpp"
#include "openlock/result.hpp"

namespace openlock {

/// One Dependency per dependency or image fact, sorted by purl, path and line.
std::vector<Dependency> collect_dependencies(const std::vector<Fact>& facts);

}  // namespace openlock
