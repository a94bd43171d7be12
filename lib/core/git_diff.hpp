// Diff mode: which lines of which files changed since a git ref. git runs as a subprocess with
// fixed arguments; external diff drivers, text conversion and fsmonitor hooks are switched off
// so nothing configured by the audited repository runs.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>

namespace openlock {

/// path (relative to `target`) -> changed line numbers in the working tree version.
using ChangedLines = std::map<std::string, std::set<std::uint32_t>>;

/// Runs `git diff REF` in `target`. False with `error` when git is missing, `target` is not in
/// a repository, or `ref` is not a revision.
bool changed_lines(const std::string& target, const std::string& ref, ChangedLines& changed, std::string& error);

/// Parses `git diff --unified=0` output (exposed for tests).
ChangedLines parse_unified_diff(const std::string& diff);

}  // namespace openlock
