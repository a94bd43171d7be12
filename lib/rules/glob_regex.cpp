#include "rules/glob_regex.hpp"

#include <array>
#include <bitset>
#include <cctype>

#include "rules/glob.hpp"

namespace openlock {

namespace {

// The bytes one glob element (a character, '?' or a [...] class) matches, asked of glob_match
// itself: case folding, ranges, negation and odd classes then mean exactly what they mean there.
std::bitset<256> bytes_of(std::string_view element) {
  std::bitset<256> bytes;
  for (int b = 0; b < 256; ++b) {
    char c = static_cast<char>(b);
    if (glob_match(element, std::string_view(&c, 1))) bytes.set(static_cast<std::size_t>(b));
  }
  return bytes;
}

// The same for an element of one character, the bulk of any glob: all 256 worked out once.
const std::bitset<256>& bytes_of(char element) {
  static const auto table = [] {
    std::array<std::bitset<256>, 256> bytes;
    for (int b = 0; b < 256; ++b) {
      char c = static_cast<char>(b);
      bytes[static_cast<std::size_t>(b)] = bytes_of(std::string_view(&c, 1));
    }
    return bytes;
  }();
  return table[static_cast<unsigned char>(element)];
}

// Where the element at glob[p] ends. A class closes at the first ']' after its first member (a
// leading ']' is a member), as in glob.cpp's match_class; one that never closes is a literal '['.
std::size_t element_end(std::string_view glob, std::size_t p) {
  if (glob[p] != '[') return p + 1;
  std::size_t first = p + 1;
  if (first < glob.size() && (glob[first] == '!' || glob[first] == '^')) ++first;
  std::size_t close = glob.find(']', first + 1);
  return close == std::string_view::npos ? p + 1 : close + 1;
}

void append_byte(std::string& out, int b) {
  if (b < 128 && std::isalnum(b)) {  // letters and digits as themselves, for reading
    out += static_cast<char>(b);
    return;
  }
  static const char* hex = "0123456789abcdef";
  out += "\\x{";
  out += hex[b >> 4];
  out += hex[b & 0xf];
  out += '}';
}

// A byte set as a regex: one byte alone, else a class of runs ([Tt], [\x{00}-\x{ff}]).
void append_set(std::string& out, const std::bitset<256>& bytes) {
  if (bytes.none()) {  // e.g. [z-a]: a glob that can never match
    out += "[^\\x{00}-\\x{ff}]";
    return;
  }
  if (bytes.count() == 1) {
    for (int b = 0; b < 256; ++b)
      if (bytes[static_cast<std::size_t>(b)]) append_byte(out, b);
    return;
  }
  out += '[';
  for (int b = 0; b < 256;) {
    if (!bytes[static_cast<std::size_t>(b)]) {
      ++b;
      continue;
    }
    int e = b;
    while (e + 1 < 256 && bytes[static_cast<std::size_t>(e + 1)]) ++e;
    append_byte(out, b);
    if (e > b) {
      out += '-';
      append_byte(out, e);
    }
    b = e + 1;
  }
  out += ']';
}

}  // namespace

std::string glob_to_regex(std::string_view glob) {
  std::string out;
  for (std::size_t p = 0; p < glob.size();) {
    if (glob[p] == '*') {
      out += "[\\x{00}-\\x{ff}]*";
      while (p < glob.size() && glob[p] == '*') ++p;
      continue;
    }
    std::size_t end = element_end(glob, p);
    append_set(out, end == p + 1 ? bytes_of(glob[p]) : bytes_of(glob.substr(p, end - p)));
    p = end;
  }
  return out;
}

re2::RE2::Options glob_regex_options() {
  re2::RE2::Options options;
  options.set_encoding(re2::RE2::Options::EncodingLatin1);
  options.set_log_errors(false);
  return options;
}

}  // namespace openlock
