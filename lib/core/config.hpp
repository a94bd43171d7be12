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

/// A config is a page of settings: a bigger file is refused, not read.
constexpr std::uint64_t kMaxConfigBytes = 1u << 20;

/// Reads a config file the user named (--config): a regular file of at most kMaxConfigBytes.
/// Unknown keys and bad values are errors naming file, line and key.
bool load_config(const std::string& path, Config& config, std::string& error);

/// Reads `.openlock.yaml` at the root of the target folder `folder`, if there is one the walker
/// would read: a symlink only while it stays inside the target, never a FIFO or device (the
/// walker's diagnostic says why it was left). `path` is set when one was loaded; false and `error`
/// when it is unreadable, over kMaxConfigBytes or invalid.
bool load_target_config(const std::string& folder, Config& config, std::string& path, std::string& error);

}  // namespace openlock
