#include "core/config.hpp"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <filesystem>

#include "core/bounded_read.hpp"
#include "discover/discover.hpp"

namespace openlock {

namespace {

struct Bad {
  int line;
  std::string message;
};

int line_of(const YAML::Node& n) { return n.Mark().line >= 0 ? n.Mark().line + 1 : 0; }

std::vector<std::string> strings(const YAML::Node& node, const std::string& key) {
  std::vector<std::string> out;
  if (node.IsScalar()) return {node.Scalar()};
  if (!node.IsSequence()) throw Bad{line_of(node), "'" + key + "' must be a string or a list of strings"};
  for (const auto& item : node) {
    if (!item.IsScalar()) throw Bad{line_of(item), "'" + key + "' must be a list of strings"};
    out.push_back(item.Scalar());
  }
  return out;
}

Severity severity_of(const YAML::Node& node, const std::string& key) {
  auto s = node.IsScalar() ? parse_severity(node.Scalar()) : std::nullopt;
  if (!s) throw Bad{line_of(node), "'" + key + "' must be one of info, low, medium, high, critical"};
  return *s;
}

bool boolean(const YAML::Node& node, const std::string& key) {
  bool value = false;
  if (!node.IsScalar() || !YAML::convert<bool>::decode(node, value)) throw Bad{line_of(node), "'" + key + "' must be true or false"};
  return value;
}

// Plain digits only: no sign, no separators, no exponent.
std::uint64_t count(const YAML::Node& node, const std::string& key) {
  std::uint64_t value = 0;
  const std::string s = node.IsScalar() ? node.Scalar() : std::string();
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size())
    throw Bad{line_of(node), "'" + key + "' must be a non-negative whole number (digits only)"};
  return value;
}

// providers / hardware / cloud: {allow: [vendor globs]}.
std::vector<std::string> allow_list(const YAML::Node& node, const std::string& key) {
  if (!node.IsMap()) throw Bad{line_of(node), "'" + key + "' must be a map (allow)"};
  std::vector<std::string> out;
  for (const auto& kv : node) {
    if (kv.first.Scalar() != "allow") throw Bad{line_of(kv.first), "unknown key '" + key + "." + kv.first.Scalar() + "'"};
    out = strings(kv.second, key + ".allow");
  }
  return out;
}

Deployment deployment(const YAML::Node& node) {
  if (!node.IsMap()) throw Bad{line_of(node), "'deployment' must be a map (commercial, distributes_weights, ...)"};
  Deployment d;
  for (const auto& kv : node) {
    std::string sub = kv.first.Scalar(), key = "deployment." + sub;
    if (sub == "commercial") d.commercial = boolean(kv.second, key);
    else if (sub == "distributes_weights") d.distributes_weights = boolean(kv.second, key);
    else if (sub == "hosts_service") d.hosts_service = boolean(kv.second, key);
    else if (sub == "trains_on_outputs") d.trains_on_outputs = boolean(kv.second, key);
    else if (sub == "monthly_active_users") d.monthly_active_users = count(kv.second, key);
    else if (sub == "regions") d.regions = strings(kv.second, key);
    else throw Bad{line_of(kv.first), "unknown key '" + key + "'"};
  }
  return d;
}

void read(const YAML::Node& doc, Config& c) {
  if (doc.IsNull()) return;
  if (!doc.IsMap()) throw Bad{line_of(doc), "the config must be a YAML map"};
  for (const auto& kv : doc) {
    std::string key = kv.first.Scalar();
    if (key == "fail_on") {
      c.fail_on = severity_of(kv.second, key);
    } else if (key == "exclude") {
      c.exclude = strings(kv.second, key);
    } else if (key == "rules") {
      if (!kv.second.IsMap()) throw Bad{line_of(kv.second), "'rules' must be a map (enable, disable, severity)"};
      for (const auto& r : kv.second) {
        std::string sub = r.first.Scalar();
        if (sub == "enable") {
          c.enable = strings(r.second, "rules.enable");
        } else if (sub == "disable") {
          c.disable = strings(r.second, "rules.disable");
        } else if (sub == "severity") {
          if (!r.second.IsMap()) throw Bad{line_of(r.second), "'rules.severity' must map rule ids to severities"};
          for (const auto& s : r.second) c.severity[s.first.Scalar()] = severity_of(s.second, "rules.severity." + s.first.Scalar());
        } else {
          throw Bad{line_of(r.first), "unknown key 'rules." + sub + "'"};
        }
      }
    } else if (key == "licenses") {
      if (!kv.second.IsMap()) throw Bad{line_of(kv.second), "'licenses' must be a map (allow, deny)"};
      for (const auto& l : kv.second) {
        std::string sub = l.first.Scalar();
        if (sub == "allow") c.allow_licenses = strings(l.second, "licenses.allow");
        else if (sub == "deny") c.deny_licenses = strings(l.second, "licenses.deny");
        else throw Bad{line_of(l.first), "unknown key 'licenses." + sub + "'"};
      }
    } else if (key == "providers") {
      c.allow_providers = allow_list(kv.second, key);
    } else if (key == "hardware") {
      c.allow_hardware = allow_list(kv.second, key);
    } else if (key == "cloud") {
      c.allow_cloud = allow_list(kv.second, key);
    } else if (key == "deployment") {
      c.deployment = deployment(kv.second);
    } else {
      throw Bad{line_of(kv.first), "unknown key '" + key + "'"};
    }
  }
}

// `path` names the file in messages.
bool parse_config(const std::string& text, const std::string& path, Config& config, std::string& error) {
  try {
    read(YAML::Load(text), config);
    return true;
  } catch (const Bad& bad) {
    error = path + ":" + std::to_string(bad.line) + ": " + bad.message;
  } catch (const YAML::Exception& e) {
    error = path + ":" + std::to_string(e.mark.line + 1) + ": invalid YAML: " + e.msg;
  }
  return false;
}

}  // namespace

bool load_config(const std::string& path, Config& config, std::string& error) {
  std::string text, reason;
  if (!read_user_file(path, kMaxConfigBytes, text, reason)) {
    error = "cannot read config '" + path + "': " + reason;
    return false;
  }
  return parse_config(text, path, config, error);
}

bool load_target_config(const std::string& folder, Config& config, std::string& path, std::string& error) {
  path.clear();
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec)) return true;
  std::string why;
  auto root = open_target_root(folder, why);
  DiscoveredFile file;
  if (!root || !find_in_target(root, folder, ".openlock.yaml", file, why)) return true;  // none, or the walker says why
  const std::string shown = file.abs_path.string();
  UniqueFd in{open_in_target(file, O_RDONLY | O_NONBLOCK)};
  struct stat st {};
  if (in.fd >= 0 && ::fstat(in.fd, &st) == 0 && !S_ISREG(st.st_mode)) return true;  // a FIFO: the walker says so
  std::string text, reason;
  if (in.fd < 0) reason = errno == ELOOP ? "a symlink on its way; not followed" : std::generic_category().message(errno);
  if (in.fd < 0 || !read_regular_file(in.fd, kMaxConfigBytes, text, reason)) {
    error = "cannot read config '" + shown + "': " + reason;
    return false;
  }
  path = shown;
  return parse_config(text, path, config, error);
}

}  // namespace openlock
