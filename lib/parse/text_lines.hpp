// Splitting a file into lines the way every parser needs: \n, \r\n and lone \r all end a line,
// a UTF-8 byte-order mark is dropped, line numbers are 1-based.
#pragma once

#include <algorithm>
#include <string>
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

/// Bytes of a line kept as a fact's evidence; a longer line is cut around the match.
constexpr std::size_t kMaxEvidenceBytes = 300;

/// The evidence of a match at byte `offset` (`length` bytes long) of `text`: the match's line,
/// trimmed (a BOM at the text's start dropped), when it is at most kMaxEvidenceBytes bytes; else
/// kMaxEvidenceBytes bytes of it around the match, cut at UTF-8 boundaries, "..." where the line goes
/// on. Looks at most 2 × kMaxEvidenceBytes bytes either side of the match, never at the whole line,
/// so that a line with many matches costs no more than a line with one.
std::string evidence_excerpt(std::string_view text, std::size_t offset, std::size_t length = 0);

/// evidence_excerpt of line `line` (1-based) of `lines` at byte column `column` (1-based; 0 or 1:
/// its start); `fallback` when there is no such line.
std::string line_evidence(const std::vector<TextLine>& lines, unsigned line, unsigned column = 0,
                          std::string_view fallback = {});

}  // namespace openlock
