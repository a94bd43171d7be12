// Tokenising license texts into words and hashed trigrams (see fingerprint.hpp).
#include "license/fingerprint.hpp"

#include <algorithm>
#include <array>

namespace openlock {

namespace {

constexpr std::size_t kGramWords = 3;

bool ascii_alnum(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Decodes one UTF-8 sequence at s[i]; returns its code point and length, or {0, 1} when invalid.
std::pair<char32_t, std::size_t> decode_utf8(std::string_view s, std::size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (len == 0 || c >= 0xF5 || i + len > s.size()) return {0, 1};
  char32_t cp = c & (0x7F >> len);
  for (std::size_t k = 1; k < len; ++k) {
    auto next = static_cast<unsigned char>(s[i + k]);
    if ((next & 0xC0) != 0x80) return {0, 1};
    cp = (cp << 6) | (next & 0x3F);
  }
  return {cp, len};
}

// Han, kana and Hangul: each character is a word (these scripts do not put spaces between words).
bool cjk(char32_t cp) {
  return (cp >= 0x2E80 && cp <= 0x2FDF) || (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x9FFF) ||
         (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF);
}

// Letters with diacritics (Latin-1 supplement and Latin Extended), kept inside words.
bool latin_letter(char32_t cp) { return cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7; }

// British and American spellings count as the same word.
std::string_view canonical_word(std::string_view w) {
  if (w == "licence") return "license";
  if (w == "licences") return "licenses";
  if (w == "licenced") return "licensed";
  if (w == "licencee") return "licensee";
  if (w == "licencor") return "licensor";
  return w;
}

// "Copyright (c) 2024 Someone", "Copyright 2023", "© 2022 ...", "All rights reserved.": a notice,
// not license terms.
bool copyright_notice(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && !ascii_alnum(static_cast<unsigned char>(line[i])) && line[i] != '(' &&
         static_cast<unsigned char>(line[i]) != 0xC2)
    ++i;
  std::string_view rest = line.substr(i);
  auto starts = [&](std::string_view p) {
    if (rest.size() < p.size()) return false;
    for (std::size_t k = 0; k < p.size(); ++k)
      if (std::tolower(static_cast<unsigned char>(rest[k])) != static_cast<unsigned char>(p[k])) return false;
    return true;
  };
  if (starts("all rights reserved")) return true;  // the tail of a notice, often on its own line
  // "(c) You must retain ..." is a list item, "(c) 2024 ..." a notice: a year must follow the sign.
  bool sign = starts("\xc2\xa9") || starts("(c)");
  if (!sign && !starts("copyright")) return false;
  rest.remove_prefix(starts("\xc2\xa9") ? 2 : sign ? 3 : 9);
  rest.remove_prefix(std::min(rest.find_first_not_of(" \t"), rest.size()));
  if (rest.empty()) return false;
  auto c = static_cast<unsigned char>(rest[0]);
  if (sign) return c >= '0' && c <= '9';
  // "Copyright npm, Inc." names a holder; "copyright notice and ..." (a reflowed sentence) does not.
  return c == '(' || c == ':' || c == 0xC2 || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
}

std::uint32_t hash_words(const std::array<std::string, kGramWords>& words, std::size_t first) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a
  for (std::size_t k = 0; k < kGramWords; ++k) {
    for (unsigned char c : words[(first + k) % kGramWords]) h = (h ^ c) * 1099511628211ULL;
    h = (h ^ 0x1F) * 1099511628211ULL;
  }
  return static_cast<std::uint32_t>(h ^ (h >> 32));
}

constexpr std::string_view kBase64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Each byte's base64 value, -1 for bytes outside the alphabet: decoding the knowledge base's
// fingerprints (hundreds of KB at every start) by a search of kBase64 per character cost
// milliseconds.
constexpr std::array<signed char, 256> kBase64Value = [] {
  std::array<signed char, 256> table{};
  table.fill(-1);
  for (std::size_t i = 0; i < kBase64.size(); ++i) table[static_cast<unsigned char>(kBase64[i])] = static_cast<signed char>(i);
  return table;
}();

}  // namespace

std::vector<Gram> text_grams(std::string_view text) {
  std::vector<Gram> grams;
  std::array<std::string, kGramWords> window;  // ring of the last words
  std::array<std::uint32_t, kGramWords> lines{};
  std::size_t seen = 0;
  auto push_word = [&](std::string word, std::uint32_t line) {
    std::size_t slot = seen % kGramWords;
    window[slot] = std::string(canonical_word(word));
    lines[slot] = line;
    ++seen;
    if (seen >= kGramWords) {
      std::size_t first = seen % kGramWords;
      grams.push_back({hash_words(window, first), lines[first]});
    }
  };

  std::uint32_t line_number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    ++line_number;
    if (!copyright_notice(line)) {
      std::string word;
      for (std::size_t i = 0; i < line.size();) {
        auto c = static_cast<unsigned char>(line[i]);
        if (ascii_alnum(c)) {
          word.push_back(static_cast<char>(std::tolower(c)));
          ++i;
          continue;
        }
        if (c < 0x80) {
          if (!word.empty()) push_word(std::move(word), line_number), word.clear();
          ++i;
          continue;
        }
        auto [cp, len] = decode_utf8(line, i);
        if (latin_letter(cp)) {
          word.append(line.substr(i, len));
        } else {
          if (!word.empty()) push_word(std::move(word), line_number), word.clear();
          if (cjk(cp)) push_word(std::string(line.substr(i, len)), line_number);
        }
        i += len;
      }
      if (!word.empty()) push_word(std::move(word), line_number);
    }
    start = end + 1;
  }
  return grams;
}

std::vector<std::uint32_t> gram_set(const std::vector<Gram>& grams) {
  std::vector<std::uint32_t> set;
  set.reserve(grams.size());
  for (const auto& g : grams) set.push_back(g.hash);
  std::sort(set.begin(), set.end());
  set.erase(std::unique(set.begin(), set.end()), set.end());
  return set;
}

std::optional<Fingerprint> fingerprint_text(std::string_view text, std::string_view optional_from) {
  std::uint32_t optional_line = 0;
  if (!optional_from.empty()) {
    auto at = text.find(optional_from);
    if (at == std::string_view::npos) return std::nullopt;
    optional_line = 1 + static_cast<std::uint32_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
  }
  std::vector<Gram> required, optional;
  for (const auto& g : text_grams(text)) (optional_line && g.line >= optional_line ? optional : required).push_back(g);
  Fingerprint fp{gram_set(required), {}};
  for (auto h : gram_set(optional))
    if (!std::binary_search(fp.required.begin(), fp.required.end(), h)) fp.optional.push_back(h);
  return fp;
}

std::string encode_gram_set(const std::vector<std::uint32_t>& sorted) {
  std::string bytes;
  std::uint32_t previous = 0;
  for (std::uint32_t value : sorted) {
    std::uint32_t delta = value - previous;
    previous = value;
    do {
      auto low = static_cast<unsigned char>(delta & 0x7F);
      delta >>= 7;
      bytes.push_back(static_cast<char>(delta ? low | 0x80 : low));
    } while (delta);
  }
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    std::uint32_t chunk = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) chunk |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) chunk |= static_cast<unsigned char>(bytes[i + 2]);
    out.push_back(kBase64[(chunk >> 18) & 63]);
    out.push_back(kBase64[(chunk >> 12) & 63]);
    out.push_back(i + 1 < bytes.size() ? kBase64[(chunk >> 6) & 63] : '=');
    out.push_back(i + 2 < bytes.size() ? kBase64[chunk & 63] : '=');
  }
  return out;
}

std::optional<std::vector<std::uint32_t>> decode_gram_set(std::string_view text) {
  std::string bytes;
  bytes.reserve(text.size() * 3 / 4);
  std::uint32_t chunk = 0;
  int bits = 0;
  bool padding = false;
  for (char ch : text) {
    if (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t') continue;
    if (ch == '=') {
      padding = true;
      continue;
    }
    int v = kBase64Value[static_cast<unsigned char>(ch)];
    if (v < 0 || padding) return std::nullopt;
    chunk = (chunk << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push_back(static_cast<char>((chunk >> bits) & 0xFF));
    }
  }
  std::vector<std::uint32_t> set;
  set.reserve(bytes.size() / 3);
  std::uint64_t value = 0, delta = 0;
  int shift = 0;
  for (char ch : bytes) {
    auto b = static_cast<unsigned char>(ch);
    if (shift > 28) return std::nullopt;
    delta |= static_cast<std::uint64_t>(b & 0x7F) << shift;
    shift += 7;
    if (b & 0x80) continue;
    value += delta;
    if (value > 0xFFFFFFFFULL || (!set.empty() && delta == 0)) return std::nullopt;  // must rise strictly
    set.push_back(static_cast<std::uint32_t>(value));
    delta = 0;
    shift = 0;
  }
  if (shift != 0) return std::nullopt;
  return set;
}

std::size_t shared_count(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  std::size_t n = 0;
  for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
    if (*i < *j) ++i;
    else if (*j < *i) ++j;
    else ++n, ++i, ++j;
  }
  return n;
}

}  // namespace openlock
