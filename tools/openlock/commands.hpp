// The CLI's subcommands: each adds itself to the app and returns the exit code when chosen.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <functional>
#include <iostream>
#include <iterator>
#include <string>

#include "core/bounded_read.hpp"
#include "core/utf8.hpp"

namespace openlock::cli {

/// Exit codes of the design: 0 clean, 1 findings at or above --fail-on, 2 usage or target error.
enum Exit : int { ok = 0, findings = 1, usage = 2 };

/// Reads a whole file the user named, a regular file of at most `cap` bytes; on failure prints
/// "openlock: error: cannot read 'PATH': REASON" (e.g. "not a regular file") and returns false.
inline bool read_whole_file(const std::string& path, std::uint64_t cap, std::string& text) {
  std::string reason;
  if (read_user_file(path, cap, text, reason)) return true;
  std::cerr << "openlock: error: cannot read '" << terminal_safe(path) << "': " << reason << "\n";
  return false;
}

/// Registers `scan` on the app; the returned function runs it after parsing.
std::function<int()> add_scan(CLI::App& app);
/// Registers `baseline write FILE [PATH ...]`.
std::function<int()> add_baseline(CLI::App& app);
/// Registers `license`.
std::function<int()> add_license(CLI::App& app);
/// Registers `rules list | show | test`.
std::function<int()> add_rules(CLI::App& app);
/// Registers `mof`.
std::function<int()> add_mof(CLI::App& app);

}  // namespace openlock::cli
