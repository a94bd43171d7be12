#include "parse/toml_guard.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace openlock {

namespace {

bool bare_key_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

// The offset just past the string opening at `at` (a basic "…", literal '…' or multi-line one);
// an unterminated single-line string ends at its newline (toml++ then says what is wrong).
std::size_t after_string(std::string_view t, std::size_t at) {
  const char quote = t[at];
  const bool basic = quote == '"';
  const std::string_view triple = basic ? "\"\"\"" : "'''";
  if (t.substr(at, 3) == triple) {
    for (std::size_t j = at + 3; j < t.size(); ++j) {
      if (basic && t[j] == '\\') ++j;
      else if (t.substr(j, 3) == triple) return j + 3;  // of """a"""", the quote left opens a string its newline ends
    }
    return t.size();
  }
  for (std::size_t j = at + 1; j < t.size(); ++j) {
    if (t[j] == '\n') return j;
    if (basic && t[j] == '\\' && j + 1 < t.size() && t[j + 1] != '\n') ++j;
    else if (t[j] == quote) return j + 1;
  }
  return t.size();
}

}  // namespace

std::size_t toml_too_deep(std::string_view t, int max_nesting) {
  struct Open {
    char kind;  // '[' or '{'
    int level;  // its own depth: an inline table's keys and an array's items sit below it
  };
  std::vector<Open> open;  // the arrays and inline tables of a value not yet closed
  int header = 0;          // depth of the current [table] header (its parts)
  int key = 0;             // parts of the key being read so far
  int value = 0;           // depth of the value about to be read
  bool reading_key = true, in_header = false, line_start = true;
  auto base = [&] { return open.empty() ? header : open.back().level; };  // where a key's parts start

  for (std::size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (c == '\n') {
      line_start = true;
      if (open.empty()) reading_key = true, in_header = false, key = 0;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') continue;
    const bool first_on_line = std::exchange(line_start, false);
    if (c == '#') {
      i = std::min(t.find('\n', i), t.size()) - 1;  // the newline itself is read next
      continue;
    }
    if (c == '"' || c == '\'') {
      if (reading_key) key = std::max(key, 1);
      i = after_string(t, i) - 1;
      continue;
    }
    if (first_on_line && open.empty() && c == '[') {  // [table] or [[array of tables]]
      in_header = reading_key = true, key = 0;
      if (i + 1 < t.size() && t[i + 1] == '[') ++i;
      continue;
    }
    if (reading_key && (c == '.' || bare_key_char(c))) {
      key = c == '.' ? key + 1 : std::max(key, 1);
      if ((in_header ? 0 : base()) + key > max_nesting) return i;
      continue;
    }
    if (reading_key && in_header && c == ']') {
      header = key, reading_key = in_header = false;
      continue;
    }
    if (reading_key && c == '=') {  // the value is the node the key's last part names
      value = base() + key, reading_key = false, key = 0;
      continue;
    }
    if (c == '[' || c == '{') {
      if (value > max_nesting) return i;
      open.push_back({c, value});
      if (c == '[') value += 1;  // its first item
      reading_key = c == '{', key = 0;
    } else if (c == ']' || c == '}') {
      if (!open.empty()) open.pop_back();
      reading_key = false;
    } else if (c == ',' && !open.empty()) {
      if (open.back().kind == '{') reading_key = true, key = 0;  // the next key of an inline table
      else value = open.back().level + 1;                         // the next item of an array
    }
  }
  return std::string_view::npos;
}

}  // namespace openlock
