// Lookup over rules/licenses/hub-licenses.yaml, parsed once from the embedded copy.
#include "core/text.hpp"
#include "license/hub_license.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "core/log.hpp"
#include "rules/embedded.hpp"

namespace openlock {

namespace {

std::map<std::string, HubLicense> load_table() {
  std::map<std::string, HubLicense> table;
  try {
    for (const auto& entry : load_embedded_yaml("licenses/hub-licenses.yaml")["licenses"]) {
      HubLicense lic{entry["hub_id"].as<std::string>(), entry["expression"].as<std::string>(),
                     entry["kind"].as<std::string>(), entry["osi_approved"].as<bool>(), entry["valid_spdx"].as<bool>()};
      table.emplace(ascii_lower(lic.hub_id), std::move(lic));
    }
  } catch (const YAML::Exception& e) {  // checked by hub_license_test; guards a broken local edit
    log().error("rules/licenses/hub-licenses.yaml: {}", e.what());
  }
  return table;
}

}  // namespace

static const std::map<std::string, HubLicense>& table() {
  static const std::map<std::string, HubLicense> loaded = load_table();  // thread-safe initialisation
  return loaded;
}

const HubLicense* find_hub_license(std::string_view hub_id) {
  auto it = table().find(ascii_lower(hub_id));
  return it == table().end() ? nullptr : &it->second;
}

const HubLicense* find_hub_license_by_expression(std::string_view expression) {
  std::string wanted = ascii_lower(expression);
  for (const auto& [id, lic] : table())
    if (ascii_lower(lic.expression) == wanted) return &lic;
  return nullptr;
}

}  // namespace openlock
