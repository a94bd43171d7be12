// The project configuration file (.openlock.yaml at the target root, or --config FILE).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "openlock/result.hpp"

namespace openlock {

struct Config {
  std::optional<Severity> fail_on;              ///< used when the command line gives none
  std::vector<std::string> exclude;             ///< gitignore-style globs of paths not to read
  std::vector<std::string> disable;             ///< rule ids or globs of ids not to run
  std::map<std::string, Severity> severity;     ///< rule id or glob -> severity override
  std::vector<std::string> allow_licenses;      ///< licenses.allow: SPDX ids, LicenseRefs, kinds (globs)
  std::vector<std::string> deny_licenses;       ///< licenses.deny: the same
};

/// Reads a config file. Unknown keys and bad values are errors naming file, line and key.
bool load_config(const std::string& path, Config& config, std::string& error);

}  // namespace openlock
