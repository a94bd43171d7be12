// The CLI's subcommands: each adds itself to the app and returns the exit code when chosen.
#pragma once

#include <CLI/CLI.hpp>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <string>

#include "core/utf8.hpp"

namespace openlock::cli {

/// Exit codes of the design: 0 clean, 1 findings at or above --fail-on, 2 usage or target error.
enum Exit : int { ok = 0, findings = 1, usage = 2 };

/// Reads a whole file; on failure prints "openlock: error: cannot read 'PATH'" and returns false.
inline bool read_whole_file(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "openlock: error: cannot read '" << terminal_safe(path) << "'\n";
    return false;
  }
  text.assign(std::istreambuf_iterator<char>(in), {});
  return true;
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
