#include "parse/yaml_guard.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <unordered_map>

namespace openlock {

namespace {

// "- ", "? " or ": " that opens a block collection within a line: "- - - x" nests three sequences
// on one line, as deep as if each "- " began a line two columns further in.
bool compact_indicator(std::string_view yaml, std::size_t i) {
  char c = yaml[i];
  return (c == '-' || c == '?' || c == ':') && i + 1 < yaml.size() && yaml[i + 1] == ' ';
}

}  // namespace

std::string yaml_hazard(std::string_view yaml, int max_aliases, int max_nesting, std::string_view option) {
  int aliases = 0;
  std::size_t depth = 0;      // [ { open
  std::size_t indent = 0;     // columns of spaces and compact indicators that begin this line
  std::size_t block = 0;      // levels of the last line begun outside [ {: two columns each
  std::size_t deepest = 0;    // block levels plus the [ { open inside them, at most
  char quote = 0;
  bool line_start = true;
  for (std::size_t i = 0; i < yaml.size(); ++i) {
    char c = yaml[i];
    if (c == '\n') {
      line_start = true, indent = 0, quote = 0;
      continue;
    }
    if (line_start && depth == 0 && (c == ' ' || compact_indicator(yaml, i))) {
      ++indent;
      continue;
    }
    if (line_start && depth == 0) block = (indent + 1) / 2, deepest = std::max(deepest, block);
    line_start = false;
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') quote = c;
    else if (c == '[' || c == '{') deepest = std::max(deepest, block + ++depth);
    else if (c == ']' || c == '}') depth -= depth > 0;
    else if (c == '*' && i + 1 < yaml.size() && (std::isalnum(static_cast<unsigned char>(yaml[i + 1])) || yaml[i + 1] == '_') &&
             (i == 0 || yaml[i - 1] == ' ' || yaml[i - 1] == '[' || yaml[i - 1] == ',' || yaml[i - 1] == ':'))
      ++aliases;
  }
  if (aliases > max_aliases)
    return "uses " + std::to_string(aliases) + " YAML aliases (limit " + std::to_string(max_aliases) +
           "); refused as a possible alias bomb";
  if (deepest > static_cast<std::size_t>(std::max(max_nesting, 0)))
    return "nests deeper than " + std::to_string(max_nesting) + " levels; refused" +
           (option.empty() ? "" : " (raise with " + std::string(option) + ")");
  return {};
}

// Nodes are only ever copy-constructed here: yaml-cpp's Node::operator= writes through to the
// node assigned to, which would rewrite the document.
std::vector<YamlEntry> unique_entries(const YAML::Node& map, RepeatedKey keep,
                                      const std::function<void(const YAML::Node& key)>& on_repeat) {
  std::unordered_map<std::string, std::size_t> count, seen;
  for (const auto& kv : map)
    if (kv.first.IsScalar()) ++count[kv.first.Scalar()];
  std::vector<YamlEntry> entries;
  for (const auto& kv : map) {
    if (!kv.first.IsScalar()) {
      entries.push_back({kv.first, kv.second});
      continue;
    }
    const std::string& key = kv.first.Scalar();
    std::size_t nth = ++seen[key], total = count[key];
    if (nth == 2) on_repeat(kv.first);
    if (nth == (keep == RepeatedKey::first ? 1 : total)) entries.push_back({kv.first, kv.second});
  }
  return entries;
}

YAML::Node value_of(const YAML::Node& map, std::string_view key, RepeatedKey keep) {
  std::optional<YAML::Node> found;
  if (map.IsMap()) {
    for (const auto& kv : map) {
      if (!kv.first.IsScalar() || kv.first.Scalar() != key) continue;
      found.emplace(kv.second);
      if (keep == RepeatedKey::first) break;
    }
  }
  return found ? *found : YAML::Node(YAML::NodeType::Undefined);
}

namespace {

// A line that starts a document ("---" alone or before content) or ends one ("..."). YAML forbids
// both at the start of a line inside any scalar, so splitting on them is exact.
bool marker(std::string_view line, std::string_view m) {
  return line.starts_with(m) && (line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r');
}

}  // namespace

// Each document is parsed on its own with YAML::Load: yaml-cpp 0.7's LoadAll never returns on
// some inputs (a stray ',' after a document makes it add empty documents forever).
bool load_yaml_documents(const ParseInput& in, int max_aliases, std::vector<YamlDocument>& docs,
                         Diagnostics& diagnostics) {
  std::string_view path = in.path, text = in.text;
  std::string hazard = yaml_hazard(text, max_aliases, in.max_nesting);
  if (!hazard.empty()) {
    diagnostics.push_back({{std::string(path), 1, 0}, "YAML " + hazard});
    return false;
  }
  docs.clear();
  std::size_t start = 0;
  unsigned line = 0, start_line = 0;
  auto load = [&](std::size_t end) {
    std::string_view piece = text.substr(start, end - start);
    if (piece.find_first_not_of(" \t\r\n") == std::string_view::npos) return;
    try {
      YAML::Node root = YAML::Load(std::string(piece));
      if (!root.IsNull()) docs.push_back({root, start_line});
    } catch (const YAML::DeepRecursion& e) {
      diagnostics.push_back({{std::string(path), e.mark.line >= 0 ? start_line + static_cast<unsigned>(e.mark.line) + 1 : 0, 0},
                             "YAML " + yaml_reader_depth_message()});
    } catch (const YAML::Exception& e) {
      diagnostics.push_back({{std::string(path), e.mark.line >= 0 ? start_line + static_cast<unsigned>(e.mark.line) + 1 : 0,
                              e.mark.column >= 0 ? static_cast<unsigned>(e.mark.column) + 1 : 0},
                             "invalid YAML: " + e.msg});
    }
  };
  for (std::size_t i = 0; i <= text.size(); ++line) {
    std::size_t eol = std::min(text.find('\n', i), text.size());
    std::string_view l = text.substr(i, eol - i);
    std::size_t next = eol + 1;
    if (marker(l, "---") && i > start) {  // a new document: the previous one ends here
      load(i);
      start = i, start_line = line;
    } else if (marker(l, "...")) {  // the end of a document
      load(i);
      start = std::min(next, text.size()), start_line = line + 1;
    }
    i = next;
  }
  load(text.size());
  return true;
}

}  // namespace openlock
