#include "rules/glob.hpp"

#include "core/text.hpp"

namespace openlock {

namespace {

constexpr auto lower = to_ascii_lower;

// Matches a [...] class at pattern[p] against c; sets `end` past the class. A class that never
// closes is taken literally as '['.
bool match_class(std::string_view pattern, std::size_t p, char c, std::size_t& end) {
  std::size_t i = p + 1;
  bool negate = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
  if (negate) ++i;
  bool matched = false;
  std::size_t first = i;
  for (; i < pattern.size() && (pattern[i] != ']' || i == first); ++i) {
    if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
      if (lower(c) >= lower(pattern[i]) && lower(c) <= lower(pattern[i + 2])) matched = true;
      i += 2;
    } else if (lower(pattern[i]) == lower(c)) {
      matched = true;
    }
  }
  if (i >= pattern.size()) {  // unterminated: literal '['
    end = p + 1;
    return c == '[';
  }
  end = i + 1;
  return matched != negate;
}

}  // namespace

bool is_literal_pattern(std::string_view pattern) { return pattern.find_first_of("*?[") == std::string_view::npos; }

// Iterative matcher with single-star backtracking: linear in practice, no recursion.
bool glob_match(std::string_view pattern, std::string_view text) {
  std::size_t p = 0, t = 0, star_p = std::string_view::npos, star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star_p = ++p;
      star_t = t;
      continue;
    }
    if (p < pattern.size()) {
      std::size_t next = p + 1;
      bool ok = pattern[p] == '?'   ? true
                : pattern[p] == '[' ? match_class(pattern, p, text[t], next)
                                    : lower(pattern[p]) == lower(text[t]);
      if (ok) {
        p = next;
        ++t;
        continue;
      }
    }
    if (star_p == std::string_view::npos) return false;
    p = star_p;
    t = ++star_t;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::string glob_error(std::string_view pattern) {
  if (pattern.empty()) return "an empty pattern matches nothing";
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '[') continue;
    std::size_t j = i + 1;
    if (j < pattern.size() && (pattern[j] == '!' || pattern[j] == '^')) ++j;
    if (j < pattern.size() && pattern[j] == ']') ++j;  // a leading ']' is a member
    j = pattern.find(']', j);
    if (j == std::string_view::npos) return "'[' at position " + std::to_string(i + 1) + " is never closed";
    i = j;
  }
  return {};
}

}  // namespace openlock
