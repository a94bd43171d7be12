#include "parse/yaml_guard.hpp"

#include <yaml-cpp/yaml.h>

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

bool load_yaml_documents(std::string_view path, std::string_view text, int max_aliases, std::vector<YAML::Node>& docs,
                         std::vector<Diagnostic>& diagnostics) {
  std::string hazard = yaml_hazard(text, max_aliases);
  if (!hazard.empty()) {
    diagnostics.push_back({{std::string(path), 1, 0}, "YAML " + hazard});
    return false;
  }
  try {
    docs = YAML::LoadAll(std::string(text));
  } catch (const YAML::Exception& e) {
    diagnostics.push_back({{std::string(path), e.mark.line >= 0 ? static_cast<unsigned>(e.mark.line) + 1 : 0,
                            e.mark.column >= 0 ? static_cast<unsigned>(e.mark.column) + 1 : 0},
                           "invalid YAML: " + e.msg});
    return false;
  }
  return true;
}

}  // namespace openlock
