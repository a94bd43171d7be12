#include "parse/json_doc.hpp"

#include <algorithm>
#include <string>

namespace openlock {

namespace {

// Depth of [ and { outside strings; -1 past the limit (with `at` the offending byte). nlohmann's
// parser recurses: hostile nesting is refused before it runs.
int nesting(std::string_view text, int limit, std::size_t& at) {
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
    if (max_depth > limit) {
      at = i;
      return -1;
    }
  }
  return max_depth;
}

}  // namespace

LineIndex::LineIndex(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    if (text[i] == '\n' || text[i] == '\r') starts_.push_back(i + 1);
  }
}

Location LineIndex::at(std::string_view path, std::size_t offset) const {
  auto next = std::upper_bound(starts_.begin(), starts_.end(), offset);
  std::size_t start = *(next - 1);
  return {std::string(path), static_cast<unsigned>(next - starts_.begin()), static_cast<unsigned>(offset - start + 1)};
}

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

bool parse_json_document(const ParseInput& in, std::string_view& text, nlohmann::ordered_json& doc,
                         Diagnostics& diagnostics) {
  std::string_view path = in.path;
  text = in.text;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    diagnostics.push_back({{std::string(path), 1, 1}, "empty file where a JSON document was expected"});
    return false;
  }
  std::size_t at = 0;
  if (nesting(text, in.max_nesting, at) < 0) {
    diagnostics.push_back({LineIndex(text).at(path, at), "JSON nests deeper than " + std::to_string(in.max_nesting) +
                                                              " levels; refused (raise with --max-nesting)"});
    return false;
  }
  try {
    doc = nlohmann::ordered_json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    diagnostics.push_back({LineIndex(text).at(path, e.byte ? e.byte - 1 : 0), std::string("invalid JSON: ") + e.what()});
    return false;
  } catch (const nlohmann::json::exception& e) {
    diagnostics.push_back({{std::string(path), 1, 1}, std::string("invalid JSON: ") + e.what()});
    return false;
  }
  return true;
}

}  // namespace openlock
