#include <yaml-cpp/yaml.h>

#include "core/log.hpp"
#include "rules/embedded.hpp"

namespace openlock {

YAML::Node load_embedded_yaml(std::string_view path) {
  for (const auto& file : embedded_rule_files()) {
    if (file.path != path) continue;
    try {
      return YAML::Load(std::string(file.text));
    } catch (const YAML::Exception& e) {
      log().error("rules/{}: {}", path, e.what());
      return YAML::Node();
    }
  }
  log().error("rules/{} is not embedded", path);
  return YAML::Node();
}

}  // namespace openlock
