// The project configuration file (.openlock.yaml at the target root, or --config FILE).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "openlock/result.hpp"

namespace openlock {

/// How the project uses the models it audits (config `deployment`); what is not declared stays
/// empty, and a license clause that depends on it becomes a "require" decision (docs/policy.md).
struct Deployment {
  std::optional<bool> commercial;
  std::optional<bool> distributes_weights;
  std::optional<bool> hosts_service;
  std::optional<std::uint64_t> monthly_active_users;
  std::optional<bool> trains_on_outputs;
  std::optional<std::vector<std::string>> regions;
};

struct Config {
  std::optional<Severity> fail_on;              ///< used when the command line gives none
  std::vector<std::string> exclude;             ///< gitignore-style globs of paths not to read
  std::vector<std::string> enable;              ///< when set, only rules with these ids (globs) run
  std::vector<std::string> disable;             ///< rule ids or globs of ids not to run
  std::map<std::string, Severity> severity;     ///< rule id or glob -> severity override
  std::vector<std::string> allow_licenses;      ///< licenses.allow: SPDX ids, LicenseRefs, kinds (globs)
  std::vector<std::string> deny_licenses;       ///< licenses.deny: the same
  // Vendors (globs) a lock-in finding may point at; unset = no allow-list for that axis.
  std::optional<std::vector<std::string>> allow_providers;  ///< providers.allow (lockin.model_provider)
  std::optional<std::vector<std::string>> allow_hardware;   ///< hardware.allow (lockin.hardware)
  std::optional<std::vector<std::string>> allow_cloud;      ///< cloud.allow (lockin.cloud)
  std::optional<Deployment> deployment;         ///< set when the config has a deployment section
};

/// Reads a config file. Unknown keys and bad values are errors naming file, line and key.
bool load_config(const std::string& path, Config& config, std::string& error);

}  // namespace openlock
