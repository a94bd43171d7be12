// Splitting a file into lines the way every parser needs: \n, \r\n and lone \r all end a line,
// a UTF-8 byte-order mark is dropped, line numbers are 1-based.
#pragma once

#include <algorithm>
#include <string_view>
#include <vector>

namespace openlock {

struct TextLine {
  unsigned number;        ///< 1-based
  std::string_view text;  ///< without the line ending
};

inline std::vector<TextLine> split_lines(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<TextLine> lines;
  unsigned number = 1;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n' && text[i] != '\r') continue;
    lines.push_back({number++, text.substr(start, i - start)});
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    start = i + 1;
  }
  if (start < text.size()) lines.push_back({number, text.substr(start)});
  return lines;
}

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

/// The line that starts at offset `line_start` of `text`, as split_lines gives it (a BOM
/// dropped), trimmed: the evidence of a fact a lexer found on it.
inline std::string_view evidence_line(std::string_view text, std::size_t line_start) {
  std::string_view line = text.substr(std::min(line_start, text.size()));
  if (line_start == 0 && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
  return trim(line.substr(0, line.find_first_of("\r\n")));
}

}  // namespace openlock
