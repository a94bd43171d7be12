// Small text helpers shared by parsers, discovery and knowledge lookups (names and ids are ASCII).
#pragma once

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

#include "core/utf8.hpp"

namespace openlock {

// ASCII case by arithmetic: std::tolower is a call through the locale for every char, and the
// process runs in the "C" locale, where it changes A-Z only too.
constexpr char to_ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr char to_ascii_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), to_ascii_lower);
  return out;
}

inline std::string ascii_upper(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), to_ascii_upper);
  return out;
}

/// Final path component of a '/'-separated path ("a/b/c.txt" -> "c.txt").
inline std::string_view base_name(std::string_view path) {
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

/// Folder of a '/'-separated path, "" at the top ("a/b/c.txt" -> "a/b").
inline std::string_view folder_of(std::string_view path) {
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

// At most `max` bytes of `s`, never cutting a UTF-8 sequence in two (evidence is kept short).
inline std::string_view cap_utf8(std::string_view s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end);
}

// The 1-based line of the first byte that is not valid UTF-8 (core/utf8.hpp), or 0 when the text is valid.
inline std::size_t first_invalid_utf8_line(std::string_view s) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < s.size();) {
    Utf8Step step = utf8_step(s, i);
    if (!step.valid) return line;
    line += s[i] == '\n';
    i += step.length;
  }
  return 0;
}

}  // namespace openlock
