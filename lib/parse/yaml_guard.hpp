// A look at YAML text before yaml-cpp parses it: yaml-cpp recurses per nesting level (deep
// nesting overflows the stack) and hands aliases to whoever walks the tree (billion laughs).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "parse/parser.hpp"

#include <yaml-cpp/yaml.h>

namespace openlock {

/// Why this YAML text must not be parsed, or "" when it may: more than `max_aliases` *alias
/// references, or nesting deeper than `max_nesting` levels. A level is two columns of a line's
/// indentation, counting compact indicators ("- - - x" is three levels), or a [ { open on top
/// of the indentation where it opened. `option` is the flag that raises the nesting limit, if any.
std::string yaml_hazard(std::string_view yaml, int max_aliases, int max_nesting,
                        std::string_view option = "--max-nesting");

/// What to say when yaml-cpp refuses a text with its own depth limit (YAML::DeepRecursion, whose
/// message is "bad file"): past --max-nesting 249, an unclosed run of [ can reach it.
inline std::string yaml_reader_depth_message() {
  return "nests deeper than yaml-cpp's own limit (500 nested nodes); refused";
}

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

/// Which of a repeated map key a reader takes: the first (yaml-cpp's own lookups, model cards)
/// or the last (PyYAML for conda, Go's YAML for Compose and Kubernetes, Helm).
enum class RepeatedKey { first, last };

struct YamlEntry {
  YAML::Node key, value;
};

/// A map's entries with each scalar key once, in document order, the repeated ones resolved as
/// `keep` says: yaml-cpp keeps every pair of a repeated key and its lookups find the first.
/// `on_repeat` is called once per repeated key, with the key node of its second appearance.
std::vector<YamlEntry> unique_entries(const YAML::Node& map, RepeatedKey keep,
                                      const std::function<void(const YAML::Node& key)>& on_repeat);

/// The value of `key` in `map` as `keep` resolves a repeated key; an undefined node when absent.
YAML::Node value_of(const YAML::Node& map, std::string_view key, RepeatedKey keep);

/// Where a node of a document sits in its file (1-based line and column; 0 when unknown).
inline Location yaml_location(std::string_view path, const YAML::Node& node, const YamlDocument& doc) {
  const YAML::Mark mark = node.Mark();
  return {std::string(path), mark.line >= 0 ? doc.first_line + static_cast<unsigned>(mark.line) + 1 : 0,
          mark.column >= 0 ? static_cast<unsigned>(mark.column) + 1 : 0};
}

}  // namespace openlock
