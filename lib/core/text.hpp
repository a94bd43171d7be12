// ASCII case helpers shared by parsers, discovery and knowledge lookups (names and ids are ASCII).
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

}  // namespace openlock
