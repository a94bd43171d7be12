#include "license/spdx_list.hpp"

#include <yaml-cpp/yaml.h>

#include <map>

#include "core/log.hpp"
#include "core/text.hpp"
#include "rules/embedded.hpp"

namespace openlock {

namespace {

struct Lists {
  std::map<std::string, SpdxLicense> licenses;  // key: lower case
  std::map<std::string, std::string> exceptions;
};

const Lists& lists() {
  static const Lists table = [] {
    Lists out;
    try {
      YAML::Node doc = load_embedded_yaml("licenses/spdx.yaml");
      for (const auto& e : doc["licenses"]) {
        SpdxLicense l{e[0].as<std::string>(), e[1].as<bool>(), e[2].as<bool>()};
        out.licenses.emplace(ascii_lower(l.id), l);
      }
      for (const auto& e : doc["exceptions"]) out.exceptions.emplace(ascii_lower(e.as<std::string>()), e.as<std::string>());
    } catch (const std::exception& e) {  // checked by expression_test; guards a broken local edit
      log().error("rules/licenses/spdx.yaml: {}", e.what());
    }
    return out;
  }();
  return table;
}

}  // namespace

const SpdxLicense* find_spdx_license(std::string_view id) {
  auto it = lists().licenses.find(ascii_lower(id));
  return it == lists().licenses.end() ? nullptr : &it->second;
}

std::string find_spdx_exception(std::string_view id) {
  auto it = lists().exceptions.find(ascii_lower(id));
  return it == lists().exceptions.end() ? std::string() : it->second;
}

}  // namespace openlock
