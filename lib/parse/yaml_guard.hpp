// A look at YAML text before yaml-cpp parses it: yaml-cpp recurses per nesting level (deep
// nesting overflows the stack) and hands aliases to whoever walks the tree (billion laughs).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "openlock/result.hpp"

namespace YAML {
class Node;
}

namespace openlock {

constexpr int kMaxYamlNesting = 64;  ///< [ { levels, or indentation levels of 2 columns

/// Why this YAML text must not be parsed, or "" when it may: more than `max_aliases` *alias
/// references, or nesting deeper than kMaxYamlNesting.
std::string yaml_hazard(std::string_view yaml, int max_aliases);

/// Every document of a whole-file YAML text, after the hazard check; false with a diagnostic
/// naming `path` (and the line, for syntax errors) when the text is hazardous or invalid.
bool load_yaml_documents(std::string_view path, std::string_view text, int max_aliases, std::vector<YAML::Node>& docs,
                         std::vector<Diagnostic>& diagnostics);

}  // namespace openlock
