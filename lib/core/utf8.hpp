// UTF-8 as RFC 3629 defines it, for text that comes from the target and goes into reports or
// onto a terminal: one strict check (no overlong forms, no surrogates, nothing past U+10FFFF)
// and the few ways of making such text safe to write.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace openlock {

/// One step over UTF-8 text: `length` bytes from where it started, forming `code_point` when
/// `valid`; otherwise those bytes are the longest start of a sequence that cannot be completed
/// (at least one byte), which becomes one U+FFFD (Unicode's "maximal subpart" practice).
struct Utf8Step {
  bool valid;
  std::size_t length;
  char32_t code_point;
};

inline Utf8Step utf8_step(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
  const unsigned lead = byte(0);
  if (lead < 0x80) return {true, 1, lead};
  // Length and the allowed range of the second byte (Unicode table 3-7); the others are 80-BF.
  std::size_t length = 0;
  unsigned low = 0x80, high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) length = 2;
  else if (lead == 0xE0) length = 3, low = 0xA0;           // no overlong 3-byte forms
  else if (lead == 0xED) length = 3, high = 0x9F;          // no surrogates
  else if (lead >= 0xE1 && lead <= 0xEF) length = 3;
  else if (lead == 0xF0) length = 4, low = 0x90;           // no overlong 4-byte forms
  else if (lead >= 0xF1 && lead <= 0xF3) length = 4;
  else if (lead == 0xF4) length = 4, high = 0x8F;          // nothing past U+10FFFF
  if (length == 0) return {false, 1, 0};
  char32_t cp = lead & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) {
    const unsigned b = byte(k);
    if (b < (k == 1 ? low : 0x80) || b > (k == 1 ? high : 0xBF)) return {false, k, 0};
    cp = (cp << 6) | (b & 0x3F);
  }
  return {true, length, cp};
}

inline bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    Utf8Step step = utf8_step(s, i);
    if (!step.valid) return false;
    i += step.length;
  }
  return true;
}

/// Appends the UTF-8 form of a code point (one the caller knows to be a scalar value).
inline void append_utf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

inline constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD

/// Rewrites `s` character by character: `map(code_point, out)` appends what a valid character
/// becomes; every ill-formed part becomes U+FFFD.
template <typename Map>
std::string map_utf8(std::string_view s, Map map) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    Utf8Step step = utf8_step(s, i);
    if (step.valid) map(step.code_point, out);
    else out += kReplacementCharacter;
    i += step.length;
  }
  return out;
}

/// `s` as valid UTF-8: each ill-formed part replaced by U+FFFD, the rest unchanged.
inline std::string to_valid_utf8(std::string_view s) {
  if (valid_utf8(s)) return std::string(s);
  return map_utf8(s, [](char32_t cp, std::string& out) { append_utf8(cp, out); });
}

/// Control characters a terminal may act on: C0 (tab excepted), DEL and C1 (U+0080-U+009F).
constexpr bool terminal_control(char32_t cp) { return (cp < 0x20 && cp != '\t') || (cp >= 0x7F && cp <= 0x9F); }

/// Text from the target made safe for a terminal or a log: valid UTF-8, and each control
/// character (newline and ESC included) shown as '?', so a file name cannot move the cursor,
/// set the window title or forge a line of output.
inline std::string terminal_safe(std::string_view s) {
  return map_utf8(s, [](char32_t cp, std::string& out) {
    if (terminal_control(cp)) out += '?';
    else append_utf8(cp, out);
  });
}

}  // namespace openlock
