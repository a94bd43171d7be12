#include "license/spdx_list.hpp"

#include <yaml-cpp/yaml.h>

#include <map>
#include <optional>
#include <stdexcept>
#include <utility>

#include "core/log.hpp"
#include "core/text.hpp"
#include "rules/embedded.hpp"

namespace openlock {

namespace {

struct Lists {
  std::map<std::string, SpdxLicense> licenses;  // key: lower case
  std::map<std::string, std::string> exceptions;
};

// `"text"` with no escapes at the start of `line`: the text, and `line` moved past it.
std::optional<std::string> quoted(std::string_view& line) {
  if (!line.starts_with('"')) return std::nullopt;
  std::size_t end = line.find_first_of("\"\\", 1);
  if (end == std::string_view::npos || line[end] != '"' || end == 1) return std::nullopt;
  std::string out(line.substr(1, end - 1));
  line.remove_prefix(end + 1);
  return out;
}

std::optional<bool> boolean(std::string_view& line) {
  for (auto [word, value] : {std::pair{std::string_view("true"), true}, std::pair{std::string_view("false"), false}})
    if (line.starts_with(word)) {
      line.remove_prefix(word.size());
      return value;
    }
  return std::nullopt;
}

// The shape rules/licenses/spdx.yaml is written in, a line at a time: comments, `licenses:`,
// `  - ["ID", true, false]`, `exceptions:`, `  - "ID"`. nullopt for anything else.
std::optional<SpdxLists> read_lines(std::string_view text) {
  SpdxLists out;
  enum { none, licenses, exceptions } section = none;
  bool seen_licenses = false, seen_exceptions = false;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.empty() || line.starts_with('#')) continue;
    if (line == "licenses:" && !seen_licenses) {
      section = licenses, seen_licenses = true;
      continue;
    }
    if (line == "exceptions:" && !seen_exceptions) {
      section = exceptions, seen_exceptions = true;
      continue;
    }
    if (section == none || !line.starts_with("  - ")) return std::nullopt;
    line.remove_prefix(4);
    if (section == exceptions) {
      auto id = quoted(line);
      if (!id || !line.empty()) return std::nullopt;
      out.exceptions.push_back(std::move(*id));
      continue;
    }
    if (!line.starts_with('[')) return std::nullopt;
    line.remove_prefix(1);
    auto id = quoted(line);
    if (!id || !line.starts_with(", ")) return std::nullopt;
    line.remove_prefix(2);
    auto osi = boolean(line);
    if (!osi || !line.starts_with(", ")) return std::nullopt;
    line.remove_prefix(2);
    auto deprecated = boolean(line);
    if (!deprecated || line != "]") return std::nullopt;
    out.licenses.push_back({std::move(*id), *osi, *deprecated});
  }
  return out;
}

std::string_view embedded_text(std::string_view path) {
  for (const auto& file : embedded_rule_files())
    if (file.path == path) return file.text;
  throw std::runtime_error("not embedded");
}

const Lists& lists() {
  static const Lists table = [] {
    Lists out;
    try {
      SpdxLists read = read_spdx_lists(embedded_text("licenses/spdx.yaml"));
      for (auto& l : read.licenses) {
        std::string key = ascii_lower(l.id);
        out.licenses.emplace(std::move(key), std::move(l));
      }
      for (auto& e : read.exceptions) out.exceptions.emplace(ascii_lower(e), e);
    } catch (const std::exception& e) {  // checked by expression_test; guards a broken local edit
      log().error("rules/licenses/spdx.yaml: {}", e.what());
    }
    return out;
  }();
  return table;
}

}  // namespace

SpdxLists read_spdx_lists(std::string_view text) {
  if (auto lines = read_lines(text)) return std::move(*lines);
  SpdxLists out;
  YAML::Node doc = YAML::Load(std::string(text));
  for (const auto& e : doc["licenses"]) out.licenses.push_back({e[0].as<std::string>(), e[1].as<bool>(), e[2].as<bool>()});
  for (const auto& e : doc["exceptions"]) out.exceptions.push_back(e.as<std::string>());
  return out;
}

const SpdxLicense* find_spdx_license(std::string_view id) {
  auto it = lists().licenses.find(ascii_lower(id));
  return it == lists().licenses.end() ? nullptr : &it->second;
}

std::string find_spdx_exception(std::string_view id) {
  auto it = lists().exceptions.find(ascii_lower(id));
  return it == lists().exceptions.end() ? std::string() : it->second;
}

}  // namespace openlock
