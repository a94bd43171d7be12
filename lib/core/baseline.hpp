// Baselines: a previous JSON report whose findings a team has accepted.
#pragma once

#include <set>
#include <string>

#include "openlock/result.hpp"

namespace openlock {

/// Reads the fingerprints of a JSON report written by `openlock scan --format json`.
/// False (and `error`, naming the file) when it cannot be read or is not such a report.
bool read_baseline(const std::string& path, std::set<std::string>& fingerprints, std::string& error);

/// Drops the findings whose fingerprint is in the baseline and counts them.
void apply_baseline(AuditResult& result, const std::set<std::string>& fingerprints);

}  // namespace openlock
