// gitignore semantics for .gitignore and .openlockignore files, nested per folder.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace openlock {

class IgnoreRules {
 public:
  /// Adds the patterns of an ignore file found in folder `base` ("" = target root).
  void add_file(std::string_view base, std::string_view text);
  /// True when the last pattern that matches `rel_path` excludes it (git: last match wins,
  /// deeper files are added later and so take precedence).
  [[nodiscard]] bool ignored(std::string_view rel_path, bool is_dir) const;
  /// Number of patterns, so a walker can drop a folder's patterns when it leaves the folder.
  [[nodiscard]] std::size_t size() const { return patterns_.size(); }
  void truncate(std::size_t n) { patterns_.resize(n); }

 private:
  struct Pattern {
    std::string base;  // folder of the ignore file, "" or "a/b"
    std::string glob;
    bool negate = false;
    bool dir_only = false;
    bool anchored = false;  // contains a slash: matched against the whole path below base
  };
  std::vector<Pattern> patterns_;
};

/// gitignore-style glob over a '/'-separated path: * and ? stop at '/', ** spans folders.
bool path_glob_match(std::string_view pattern, std::string_view path);

}  // namespace openlock
