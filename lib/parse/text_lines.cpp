#include "parse/text_lines.hpp"

namespace openlock {

namespace {

constexpr std::size_t kReach = 2 * kMaxEvidenceBytes;   // how far either side of a match is looked at
constexpr std::size_t kBefore = kMaxEvidenceBytes / 4;  // context kept before a match in a cut line
constexpr std::string_view kCut = "...";

bool line_break(char c) { return c == '\n' || c == '\r'; }
bool blank(char c) { return c == ' ' || c == '\t'; }
bool utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::string evidence_excerpt(std::string_view text, std::size_t offset, std::size_t length) {
  offset = std::min(offset, text.size());
  length = std::min(length, text.size() - offset);
  // Back to the line's start, if it is near enough.
  std::size_t floor = offset > kReach ? offset - kReach : 0, start = offset;
  while (start > floor && !line_break(text[start - 1])) --start;
  bool line_start = start == 0 || line_break(text[start - 1]);
  if (line_start) {
    if (start == 0 && text.starts_with("\xEF\xBB\xBF") && offset >= 3) start = 3;
    std::size_t blanks_end = std::min(text.size(), offset + kReach);
    while (start < blanks_end && blank(text[start])) ++start;
    offset = std::max(offset, start), length = std::min(length, text.size() - offset);
  }
  // The excerpt starts at the line's start when that keeps the match (or its first kBefore
  // bytes of context) in view, else a little before the match.
  std::size_t begin = start;
  if (!line_start || (offset - start > kBefore && offset + length - start > kMaxEvidenceBytes)) {
    begin = std::max(start, offset - std::min(offset, kBefore));
    while (begin < offset && utf8_continuation(text[begin])) ++begin;
  }
  // Forward to the line's end, if it is near enough; trailing blanks are not kept.
  std::size_t ceiling = std::min(text.size(), begin + kMaxEvidenceBytes + kReach), end = std::max(begin, offset);
  while (end < ceiling && !line_break(text[end])) ++end;
  bool line_end = end == text.size() || line_break(text[end]);
  if (line_end)
    while (end > begin && blank(text[end - 1])) --end;
  bool cut_end = !line_end || end - begin > kMaxEvidenceBytes;
  if (cut_end) {
    end = begin + kMaxEvidenceBytes;
    while (end > begin && utf8_continuation(text[end])) --end;
  }
  std::string out;
  out.reserve(end - begin + 2 * kCut.size());
  if (begin > start || !line_start) out += kCut;
  out.append(text.substr(begin, end - begin));
  if (cut_end) out += kCut;
  return out;
}

std::string line_evidence(const std::vector<TextLine>& lines, unsigned line, unsigned column, std::string_view fallback) {
  if (line < 1 || line > lines.size()) return std::string(fallback);
  std::string_view text = lines[line - 1].text;
  return evidence_excerpt(text, column > 1 ? column - 1 : 0);
}

}  // namespace openlock
