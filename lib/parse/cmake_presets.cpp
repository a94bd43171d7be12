// Facts: cmake_option {name, default: ON, source: preset, preset} for each cache variable a
// configure preset sets to a true value ("ON", "TRUE", "1", or {"type": "BOOL", "value": "ON"}),
// the same fact the CMake parser gives for option(), so the same rules see both. Variables set
// to false say nothing about a backend and give no fact.
#include "parse/cmake_presets.hpp"

#include <string>

#include "core/text.hpp"
#include "parse/json_doc.hpp"
#include "parse/text_lines.hpp"

namespace openlock {

namespace {

bool truthy(const nlohmann::ordered_json& v) {
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_object() && v.contains("value")) return truthy(v["value"]);
  if (!v.is_string()) return false;
  std::string s = ascii_upper(v.get<std::string>());
  return s == "ON" || s == "TRUE" || s == "1" || s == "YES" || s == "Y";
}

}  // namespace

bool cmake_presets_accepts(std::string_view rel_path) {
  std::string_view name = base_name(rel_path);
  return name == "CMakePresets.json" || name == "CMakeUserPresets.json";
}

void parse_cmake_presets(const ParseInput& in, ParseOutput& out) {
  std::string_view text;
  nlohmann::ordered_json doc;
  if (!parse_json_document(in, text, doc, out.diagnostics)) return;
  LineIndex index(text);
  auto lines = split_lines(in.text);
  if (!doc.is_object() || !doc.contains("configurePresets")) return;
  const auto& presets = doc["configurePresets"];
  std::size_t cursor = find_key(text, "configurePresets", 0);
  if (!presets.is_array()) {
    out.diagnostics.push_back({index.at(in.path, cursor == std::string_view::npos ? 0 : cursor), "'configurePresets' should be an array"});
    return;
  }
  for (const auto& preset : presets) {
    if (!preset.is_object() || !preset.contains("cacheVariables") || !preset["cacheVariables"].is_object()) continue;
    std::string name = preset.contains("name") && preset["name"].is_string() ? preset["name"].get<std::string>() : "";
    if (cursor != std::string_view::npos) cursor = find_key(text, "cacheVariables", cursor);
    for (const auto& [variable, value] : preset["cacheVariables"].items()) {
      std::size_t key_at = cursor == std::string_view::npos ? cursor : find_key(text, variable, cursor);
      if (key_at != std::string_view::npos) cursor = key_at + 1;
      if (!truthy(value)) continue;
      Location loc = key_at == std::string_view::npos ? Location{std::string(in.path), 1, 1} : index.at(in.path, key_at);
      Fact f{"cmake_option", loc, line_evidence(lines, loc.line, loc.column, variable), {}};
      f.set("name", variable).set("default", "ON").set("source", "preset");
      if (!name.empty()) f.set("preset", name);
      out.facts.push_back(std::move(f));
    }
  }
}

}  // namespace openlock
