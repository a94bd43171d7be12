// Small text helpers shared by parsers, discovery and knowledge lookups (names and ids are ASCII).
#pragma once

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace openlock {

inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

inline std::string ascii_upper(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

// At most `max` bytes of `s`, never cutting a UTF-8 sequence in two (evidence is kept short).
inline std::string_view cap_utf8(std::string_view s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end);
}

}  // namespace openlock
