// A look at YAML text before yaml-cpp parses it: yaml-cpp recurses per nesting level (deep
// nesting overflows the stack) and hands aliases to whoever walks the tree (billion laughs).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "parse/parser.hpp"

#include <yaml-cpp/yaml.h>

namespace openlock {

/// Why this YAML text must not be parsed, or "" when it may: more than `max_aliases` *alias
/// references, or nesting deeper than `max_nesting` [ { levels or indentation levels of 2 columns.
std::string yaml_hazard(std::string_view yaml, int max_aliases, int max_nesting);

/// One document of a YAML file and where it starts (0-based line of its first line).
struct YamlDocument {
  YAML::Node root;
  unsigned first_line = 0;
};

/// Every document of a whole-file YAML text, after the hazard check: false with a diagnostic
/// naming `path` when the text is hazardous; a document that is not valid YAML is a diagnostic
/// with its line, and the other documents are still loaded.
bool load_yaml_documents(const ParseInput& in, int max_aliases, std::vector<YamlDocument>& docs,
                         Diagnostics& diagnostics);

/// Where a node of a document sits in its file (1-based line and column; 0 when unknown).
inline Location yaml_location(std::string_view path, const YAML::Node& node, const YamlDocument& doc) {
  const YAML::Mark mark = node.Mark();
  return {std::string(path), mark.line >= 0 ? doc.first_line + static_cast<unsigned>(mark.line) + 1 : 0,
          mark.column >= 0 ? static_cast<unsigned>(mark.column) + 1 : 0};
}

}  // namespace openlock
