// JSON manifests (package.json, CMakePresets.json): one guarded parse and a way back from keys
// to lines, since nlohmann keeps no positions.
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>
#include <vector>

#include "parse/parser.hpp"

namespace openlock {

/// Byte offset -> line and column, lines ending as split_lines counts them (\n, \r\n, a lone \r);
/// built once per file so finding each of thousands of keys stays linear.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  Location at(std::string_view path, std::size_t offset) const;

 private:
  std::vector<std::size_t> starts_{0};
};

/// Offset of `"key"` used as an object key (whitespace then ':' after it) at or after `from`.
std::size_t find_key(std::string_view text, std::string_view key, std::size_t from);

/// The file's text (without a BOM, into `text`) parsed in file order; false with a diagnostic
/// (path, line) when it is empty, nests deeper than in.max_nesting (nlohmann recurses) or is not JSON.
bool parse_json_document(const ParseInput& in, std::string_view& text, nlohmann::ordered_json& doc,
                         Diagnostics& diagnostics);

}  // namespace openlock
