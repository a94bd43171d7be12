#include "discover/ignore.hpp"

#include <algorithm>
#include <vector>

namespace openlock {

namespace {

// More wildcards than this make backtracking costly on hostile ignore files; such lines are dropped.
constexpr std::size_t kMaxWildcards = 12;

bool match_class(std::string_view& p, char c) {
  std::size_t i = 1;
  bool negate = i < p.size() && (p[i] == '!' || p[i] == '^');
  if (negate) ++i;
  std::size_t first = i;
  bool matched = false;
  for (; i < p.size() && (p[i] != ']' || i == first); ++i) {
    if (i + 2 < p.size() && p[i + 1] == '-' && p[i + 2] != ']') {
      matched = matched || (c >= p[i] && c <= p[i + 2]);
      i += 2;
    } else {
      matched = matched || p[i] == c;
    }
  }
  if (i >= p.size()) {  // no closing bracket: a literal '['
    p.remove_prefix(1);
    return c == '[';
  }
  p.remove_prefix(i + 1);
  return matched != negate;
}

}  // namespace

namespace {

// Memoised on (pattern offset, text offset): hostile patterns cost O(|pattern| x |path|), never more.
struct GlobMatcher {
  std::string_view pattern, text;
  std::vector<signed char> memo;  // -1 unknown, 0 no, 1 yes

  bool at(std::size_t pi, std::size_t ti) {
    signed char& m = memo[pi * (text.size() + 1) + ti];
    if (m < 0) m = compute(pi, ti) ? 1 : 0;
    return m == 1;
  }

  bool compute(std::size_t pi, std::size_t ti) {
    std::string_view p = pattern.substr(pi);
    std::string_view t = text.substr(ti);
    if (p.empty()) return t.empty();
    if (p.starts_with("**")) {
      if (p.size() > 2 && p[2] == '/') {  // "**/": zero or more whole folders
        if (at(pi + 3, ti)) return true;
        for (std::size_t i = 0; i < t.size(); ++i)
          if (t[i] == '/' && at(pi + 3, ti + i + 1)) return true;
        return false;
      }
      for (std::size_t i = 0; i <= t.size(); ++i)
        if (at(pi + 2, ti + i)) return true;
      return false;
    }
    if (p[0] == '*') {
      for (std::size_t i = 0;; ++i) {
        if (at(pi + 1, ti + i)) return true;
        if (i >= t.size() || t[i] == '/') return false;
      }
    }
    if (t.empty()) return false;
    if (p[0] == '?') return t[0] != '/' && at(pi + 1, ti + 1);
    if (p[0] == '[') {
      std::string_view rest = p;
      if (t[0] == '/' || !match_class(rest, t[0])) return false;
      return at(pattern.size() - rest.size(), ti + 1);
    }
    std::size_t skip = p[0] == '\\' && p.size() > 1 ? 1 : 0;
    return p[skip] == t[0] && at(pi + skip + 1, ti + 1);
  }
};

}  // namespace

bool path_glob_match(std::string_view pattern, std::string_view path) {
  GlobMatcher m{pattern, path, std::vector<signed char>((pattern.size() + 1) * (path.size() + 1), -1)};
  return m.at(0, 0);
}

void IgnoreRules::add_file(std::string_view base, std::string_view text) {
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, end - start));
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    // Trailing spaces are dropped unless escaped with a backslash.
    while (!line.empty() && line.back() == ' ' && !(line.size() > 1 && line[line.size() - 2] == '\\')) line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    Pattern pat;
    pat.base = base;
    if (line[0] == '!') {
      pat.negate = true;
      line.erase(0, 1);
    } else if (line.starts_with("\\!") || line.starts_with("\\#")) {
      line.erase(0, 1);
    }
    if (!line.empty() && line.back() == '/') {
      pat.dir_only = true;
      line.pop_back();
    }
    if (line.empty()) continue;
    pat.anchored = line.find('/') != std::string::npos;
    if (line[0] == '/') line.erase(0, 1);
    if (static_cast<std::size_t>(std::count_if(line.begin(), line.end(), [](char c) { return c == '*' || c == '?'; })) >
        kMaxWildcards)
      continue;
    pat.glob = std::move(line);
    patterns_.push_back(std::move(pat));
  }
}

bool IgnoreRules::ignored(std::string_view rel_path, bool is_dir) const {
  for (auto it = patterns_.rbegin(); it != patterns_.rend(); ++it) {
    const Pattern& pat = *it;
    if (pat.dir_only && !is_dir) continue;
    std::string_view below = rel_path;
    if (!pat.base.empty()) {
      if (!(below.starts_with(pat.base) && below.size() > pat.base.size() && below[pat.base.size()] == '/')) continue;
      below.remove_prefix(pat.base.size() + 1);
    }
    bool hit;
    if (pat.anchored) {
      hit = path_glob_match(pat.glob, below);
    } else {
      auto slash = below.rfind('/');
      hit = path_glob_match(pat.glob, slash == std::string_view::npos ? below : below.substr(slash + 1));
    }
    if (hit) return !pat.negate;
  }
  return false;
}

}  // namespace openlock
