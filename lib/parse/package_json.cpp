#include "parse/package_json.hpp"

#include "license/manifest_license.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "core/text.hpp"
#include "parse/text_lines.hpp"

namespace openlock {

namespace {

constexpr int kMaxNesting = 64;  // nlohmann's parser recurses; hostile nesting is refused first

// Depth of [ and { outside strings; -1 past the limit (with `at` the offending byte).
int nesting(std::string_view text, std::size_t& at) {
  int depth = 0, max_depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '[' || c == '{') max_depth = std::max(max_depth, ++depth);
    else if (c == ']' || c == '}') --depth;
    if (max_depth > kMaxNesting) {
      at = i;
      return -1;
    }
  }
  return max_depth;
}

// Byte offset -> line and column, lines ending as split_lines counts them (\n, \r\n, a lone \r);
// built once per file so finding each of thousands of keys stays linear.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
      if (text[i] == '\n' || text[i] == '\r') starts_.push_back(i + 1);
    }
  }
  Location at(std::string_view path, std::size_t offset) const {
    auto next = std::upper_bound(starts_.begin(), starts_.end(), offset);
    std::size_t start = *(next - 1);
    return {std::string(path), static_cast<unsigned>(next - starts_.begin()), static_cast<unsigned>(offset - start + 1)};
  }

 private:
  std::vector<std::size_t> starts_{0};
};

// Offset of `"key"` used as an object key (whitespace then ':' after it) at or after `from`.
std::size_t find_key(std::string_view text, std::string_view key, std::size_t from) {
  std::string quoted = "\"" + std::string(key) + "\"";
  for (std::size_t at = text.find(quoted, from); at != std::string_view::npos; at = text.find(quoted, at + 1)) {
    std::size_t after = at + quoted.size();
    while (after < text.size() && (text[after] == ' ' || text[after] == '\t' || text[after] == '\r' || text[after] == '\n'))
      ++after;
    if (after < text.size() && text[after] == ':') return at;
  }
  return std::string_view::npos;
}

}  // namespace

bool package_json_accepts(std::string_view rel_path) {
  if (base_name(rel_path) != "package.json") return false;
  return !rel_path.starts_with("node_modules/") && rel_path.find("/node_modules/") == std::string_view::npos;
}

void parse_package_json(const ParseInput& in, ParseOutput& out) {
  std::string_view text = in.text;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::size_t at = 0;
  LineIndex index(text);
  if (nesting(text, at) < 0) {
    out.diagnostics.push_back({index.at(in.path, at), "JSON nests deeper than 64 levels; refused"});
    return;
  }
  nlohmann::ordered_json doc;  // keeps file order, so facts come out in line order
  try {
    doc = nlohmann::ordered_json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    out.diagnostics.push_back({index.at(in.path, e.byte ? e.byte - 1 : 0), std::string("invalid JSON: ") + e.what()});
    return;
  } catch (const nlohmann::json::exception& e) {
    out.diagnostics.push_back({{std::string(in.path), 1, 1}, std::string("invalid JSON: ") + e.what()});
    return;
  }
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
    std::string evidence = loc.line >= 1 && loc.line <= lines.size() ? std::string(trim(lines[loc.line - 1].text)) : value;
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
      std::string evidence = loc.line >= 1 && loc.line <= lines.size() ? std::string(trim(lines[loc.line - 1].text)) : name;
      Fact f{"dependency", loc, evidence, {}};
      f.set("ecosystem", "npm").set("name", ascii_lower(name)).set("raw_name", name).set("scope", scope);
      if (spec.is_string()) f.set("spec", spec.get<std::string>());
      out.facts.push_back(std::move(f));
    }
  }
}

}  // namespace openlock
