// gitignore semantics for .gitignore and .openlockignore files, nested per folder.
#pragma once

#include <bitset>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace openlock {

/// A compiled gitignore glob over a '/'-separated path. `*`, `?` and `[...]` (ranges, `!`/`^`
/// negation, POSIX classes like `[:digit:]`) never match '/'. `**` spans folders only when it is
/// a whole segment (`**/x`, `a/**/b`, `a/**`); elsewhere it is a plain `*`. `\` escapes a char.
/// Matching runs all pattern positions at once: O(pattern x path), no backtracking blow-up.
class PathGlob {
 public:
  explicit PathGlob(std::string_view pattern);
  [[nodiscard]] bool matches(std::string_view path) const;

 private:
  enum class Kind : std::uint8_t { literal, any_char, char_class, star, folders, anything };
  struct Token {
    Kind kind;
    char c = 0;               // for literal
    std::bitset<256> set{};   // for char_class
  };
  // What lies between the fixed-width tokens at the start and at the end of the pattern: nothing
  // ("file[0-9].txt"), one star ("*.py[cod]", ".env*"), a final "**" ("a/**"), or anything else,
  // which the general matcher takes.
  enum class Middle : std::uint8_t { none, star, anything, general };
  [[nodiscard]] bool step(const Token& t, unsigned char c) const;
  [[nodiscard]] bool general_matches(std::string_view path) const;
  std::vector<Token> tokens_;
  std::string literal_;       // the whole pattern when it has no wildcard
  bool is_literal_ = true;
  std::size_t head_ = 0, tail_ = 0;  // fixed-width tokens (one char each) at the start and the end
  Middle middle_ = Middle::none;
};

class IgnoreRules {
 public:
  /// Adds the patterns of an ignore file found in folder `base` ("" = target root).
  void add_file(std::string_view base, std::string_view text);
  /// True when the last pattern that matches `rel_path` excludes it (git: last match wins,
  /// deeper files are added later and so take precedence).
  [[nodiscard]] bool ignored(std::string_view rel_path, bool is_dir) const;
  /// Number of patterns, so a walker can drop a folder's patterns when it leaves the folder.
  [[nodiscard]] std::size_t size() const { return patterns_.size(); }
  void truncate(std::size_t n) {
    if (n < patterns_.size()) patterns_.erase(patterns_.begin() + static_cast<std::ptrdiff_t>(n), patterns_.end());
  }

 private:
  struct Pattern {
    std::string base;  // folder of the ignore file, "" or "a/b"
    PathGlob glob{""};
    bool negate = false;
    bool dir_only = false;
    bool anchored = false;  // contains a slash: matched against the whole path below base
  };
  std::vector<Pattern> patterns_;
};

/// gitignore-style glob over a '/'-separated path (see PathGlob).
bool path_glob_match(std::string_view pattern, std::string_view path);

}  // namespace openlock
