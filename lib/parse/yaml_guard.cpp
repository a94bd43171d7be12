#include "parse/yaml_guard.hpp"

#include <algorithm>
#include <cctype>

namespace openlock {

std::string yaml_hazard(std::string_view yaml, int max_aliases) {
  int aliases = 0, depth = 0, max_depth = 0;
  char quote = 0;
  std::size_t indent = 0, max_indent = 0;
  bool line_start = true;
  for (std::size_t i = 0; i < yaml.size(); ++i) {
    char c = yaml[i];
    if (c == '\n') {
      line_start = true, indent = 0, quote = 0;
      continue;
    }
    if (line_start && c == ' ') {
      max_indent = std::max(max_indent, ++indent);
      continue;
    }
    line_start = false;
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') quote = c;
    else if (c == '[' || c == '{') max_depth = std::max(max_depth, ++depth);
    else if (c == ']' || c == '}') depth = std::max(0, depth - 1);
    else if (c == '*' && i + 1 < yaml.size() && (std::isalnum(static_cast<unsigned char>(yaml[i + 1])) || yaml[i + 1] == '_') &&
             (i == 0 || yaml[i - 1] == ' ' || yaml[i - 1] == '[' || yaml[i - 1] == ',' || yaml[i - 1] == ':'))
      ++aliases;
  }
  if (aliases > max_aliases)
    return "uses " + std::to_string(aliases) + " YAML aliases (limit " + std::to_string(max_aliases) +
           "); refused as a possible alias bomb";
  if (max_depth > kMaxYamlNesting || max_indent > static_cast<std::size_t>(2 * kMaxYamlNesting))
    return "nests deeper than " + std::to_string(kMaxYamlNesting) + " levels; refused";
  return {};
}

}  // namespace openlock
