// Percent-encoding (RFC 3986) for paths and names put into URIs and link targets.
#pragma once

#include <string>
#include <string_view>

namespace openlock {

/// `s` with every byte but the unreserved ones (letters, digits, - . _ ~) and, when asked, '/'
/// written as %XX: spaces, line breaks, brackets, control and non-ASCII bytes cannot end or
/// split the URI they are put in.
inline std::string percent_encode(std::string_view s, bool keep_slash = false) {
  static constexpr std::string_view hex = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    bool alnum = (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z');
    if (alnum || c == '-' || c == '.' || c == '_' || c == '~' || (keep_slash && c == '/')) {
      out += c;
    } else {
      out += '%';
      out += hex[u >> 4];
      out += hex[u & 15];
    }
  }
  return out;
}

}  // namespace openlock
