#include "parse/package_json.hpp"

#include "license/manifest_license.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "core/text.hpp"
#include "parse/json_doc.hpp"
#include "parse/text_lines.hpp"

namespace openlock {

bool package_json_accepts(std::string_view rel_path) {
  if (base_name(rel_path) != "package.json") return false;
  return !rel_path.starts_with("node_modules/") && rel_path.find("/node_modules/") == std::string_view::npos;
}

void parse_package_json(const ParseInput& in, ParseOutput& out) {
  std::string_view text;
  nlohmann::ordered_json doc;  // keeps file order, so facts come out in line order
  if (!parse_json_document(in, text, doc, out.diagnostics)) return;
  LineIndex index(text);
  if (!doc.is_object()) {
    out.diagnostics.push_back({{std::string(in.path), 1, 1}, "package.json is not a JSON object"});
    return;
  }
  auto lines = split_lines(in.text);
  // `license`: an SPDX expression, or the old {"type": "MIT"} object.
  if (doc.contains("license")) {
    const auto& lic = doc["license"];
    std::string value = lic.is_string() ? lic.get<std::string>()
                        : lic.is_object() && lic.contains("type") && lic["type"].is_string() ? lic["type"].get<std::string>()
                                                                                           : "";
    std::size_t key_at = find_key(text, "license", 0);
    Location loc = key_at == std::string_view::npos ? Location{std::string(in.path), 1, 1} : index.at(in.path, key_at);
    std::string evidence = line_evidence(lines, loc.line, loc.column, value);
    if (!value.empty()) out.facts.push_back(manifest_license_fact(loc, evidence, "license", value));
  }
  for (const auto& [section, scope] : {std::pair{"dependencies", "prod"}, std::pair{"devDependencies", "dev"},
                                       std::pair{"peerDependencies", "peer"}, std::pair{"optionalDependencies", "optional"}}) {
    if (!doc.contains(section)) continue;
    const auto& deps = doc[section];
    // nlohmann keeps no positions: find the entry's line by text, after the section's key.
    std::size_t section_at = find_key(text, section, 0);
    Location section_loc = section_at == std::string_view::npos ? Location{std::string(in.path), 1, 1}
                                                                 : index.at(in.path, section_at);
    if (!deps.is_object()) {
      out.diagnostics.push_back({section_loc, std::string("'") + section + "' is not an object"});
      continue;
    }
    std::size_t cursor = section_at;  // ordered_json keeps file order: each key is after the last
    for (const auto& [name, spec] : deps.items()) {
      std::size_t key_at = cursor == std::string_view::npos ? cursor : find_key(text, name, cursor);
      if (key_at != std::string_view::npos) cursor = key_at + 1;
      // A key written with escapes is not found as is; the section's line stands in for it.
      Location loc = key_at == std::string_view::npos ? section_loc : index.at(in.path, key_at);
      Fact f{"dependency", loc, line_evidence(lines, loc.line, loc.column, name), {}};
      f.set("ecosystem", "npm").set("name", ascii_lower(name)).set("raw_name", name).set("scope", scope);
      if (spec.is_string()) f.set("spec", spec.get<std::string>());
      out.facts.push_back(std::move(f));
    }
  }
}

}  // namespace openlock
