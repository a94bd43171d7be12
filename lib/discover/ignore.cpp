#include "discover/ignore.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

#include "core/text.hpp"

namespace openlock {

namespace {

// No path is longer than this; longer pattern lines are noise (or hostile) and are dropped.
constexpr std::size_t kMaxPatternLength = 4096;

// Adds the chars of a POSIX class name ("digit", "alpha", ...) to `set`; false for an unknown name.
bool add_posix_class(std::string_view name, std::bitset<256>& set) {
  static const std::pair<std::string_view, int (*)(int)> kClasses[] = {
      {"alnum", [](int c) { return std::isalnum(c); }}, {"alpha", [](int c) { return std::isalpha(c); }},
      {"blank", [](int c) { return std::isblank(c); }}, {"cntrl", [](int c) { return std::iscntrl(c); }},
      {"digit", [](int c) { return std::isdigit(c); }}, {"graph", [](int c) { return std::isgraph(c); }},
      {"lower", [](int c) { return std::islower(c); }}, {"print", [](int c) { return std::isprint(c); }},
      {"punct", [](int c) { return std::ispunct(c); }}, {"space", [](int c) { return std::isspace(c); }},
      {"upper", [](int c) { return std::isupper(c); }}, {"xdigit", [](int c) { return std::isxdigit(c); }}};
  for (const auto& [n, test] : kClasses) {
    if (n != name) continue;
    for (int c = 0; c < 128; ++c)  // ASCII only, whatever the process locale
      if (test(c)) set.set(static_cast<std::size_t>(c));
    return true;
  }
  return false;
}

// Parses "[...]" starting at p[i] == '['. Returns the offset just past ']' and fills `set`, or
// returns 0 when the bracket is never closed (then '[' is a literal char, as in git).
std::size_t parse_class(std::string_view p, std::size_t i, std::bitset<256>& set) {
  std::size_t j = i + 1;
  bool negate = j < p.size() && (p[j] == '!' || p[j] == '^');
  if (negate) ++j;
  const std::size_t first = j;
  while (j < p.size() && (p[j] != ']' || j == first)) {
    if (p[j] == '[' && j + 1 < p.size() && p[j + 1] == ':') {
      std::size_t close = p.find(":]", j + 2);
      if (close != std::string_view::npos && add_posix_class(p.substr(j + 2, close - j - 2), set)) {
        j = close + 2;
        continue;
      }
    }
    if (p[j] == '\\' && j + 1 < p.size()) ++j;  // an escaped char stands for itself
    auto lo = static_cast<unsigned char>(p[j]);
    if (j + 2 < p.size() && p[j + 1] == '-' && p[j + 2] != ']') {
      auto hi = static_cast<unsigned char>(p[j + 2]);
      for (unsigned c = lo; c <= hi; ++c) set.set(c);
      j += 3;
    } else {
      set.set(lo);
      ++j;
    }
  }
  if (j >= p.size()) return 0;
  if (negate) set.flip();
  set.reset('/');  // a class never matches a folder separator
  return j + 1;
}

}  // namespace

PathGlob::PathGlob(std::string_view p) {
  for (std::size_t i = 0; i < p.size();) {
    char c = p[i];
    if (c == '*') {
      std::size_t j = p.find_first_not_of('*', i);
      if (j == std::string_view::npos) j = p.size();
      bool whole_segment = j - i >= 2 && (i == 0 || p[i - 1] == '/') && (j == p.size() || p[j] == '/');
      if (whole_segment && j == p.size()) {
        tokens_.push_back({Kind::anything});
      } else if (whole_segment) {
        tokens_.push_back({Kind::folders});  // "**/": zero or more whole folders
        ++j;
      } else {
        tokens_.push_back({Kind::star});  // consecutive stars are one star
      }
      is_literal_ = false;
      i = j;
      continue;
    }
    if (c == '?') {
      tokens_.push_back({Kind::any_char});
      is_literal_ = false;
      ++i;
      continue;
    }
    if (c == '[') {
      Token t{Kind::char_class};
      if (std::size_t end = parse_class(p, i, t.set); end != 0) {
        tokens_.push_back(t);
        is_literal_ = false;
        i = end;
        continue;
      }
    }
    if (c == '\\' && i + 1 < p.size()) c = p[++i];
    tokens_.push_back({Kind::literal, c});
    literal_.push_back(c);
    ++i;
  }
  auto fixed = [](const Token& t) { return t.kind == Kind::literal || t.kind == Kind::any_char || t.kind == Kind::char_class; };
  const std::size_t n = tokens_.size();
  while (head_ < n && fixed(tokens_[head_])) ++head_;
  while (tail_ < n - head_ && fixed(tokens_[n - 1 - tail_])) ++tail_;
  if (n - head_ - tail_ == 1 && tokens_[head_].kind == Kind::star) middle_ = Middle::star;
  else if (n - head_ - tail_ == 1 && tokens_[head_].kind == Kind::anything) middle_ = Middle::anything;
  else if (n - head_ - tail_ > 0) middle_ = Middle::general;
}

bool PathGlob::step(const Token& t, unsigned char c) const {
  switch (t.kind) {
    case Kind::literal: return c == static_cast<unsigned char>(t.c);
    case Kind::any_char: return c != '/';
    case Kind::char_class: return t.set.test(c);
    default: return false;
  }
}

// Most ignore patterns are literals, "*.ext", "name*" or fixed-width ("*.py[cod]" ends in four
// one-char tokens): their ends are checked char by char, and only a pattern with more than one
// wildcard (or a "**/") needs the general matcher, once its ends have matched.
bool PathGlob::matches(std::string_view path) const {
  if (is_literal_) return path == literal_;
  if (path.size() < head_ + tail_) return false;
  for (std::size_t k = 0; k < head_; ++k)
    if (!step(tokens_[k], static_cast<unsigned char>(path[k]))) return false;
  for (std::size_t k = 1; k <= tail_; ++k)
    if (!step(tokens_[tokens_.size() - k], static_cast<unsigned char>(path[path.size() - k]))) return false;
  switch (middle_) {
    case Middle::none: return path.size() == head_;
    case Middle::star: return path.substr(head_, path.size() - head_ - tail_).find('/') == std::string_view::npos;
    case Middle::anything: return true;
    case Middle::general: break;
  }
  return general_matches(path);
}

bool PathGlob::general_matches(std::string_view path) const {
  const std::size_t n = tokens_.size();
  // live[k]: the path read so far is matched by tokens_[0..k). A star, "**/" and "**" may match
  // nothing, so they pass liveness on ("**/" only at the start of a folder name).
  std::vector<char> live(n + 1, 0), next(n + 1, 0);
  auto close = [&](std::vector<char>& s, bool segment_start) {
    for (std::size_t k = 0; k < n; ++k) {
      Kind kind = tokens_[k].kind;
      if (s[k] && (kind == Kind::star || kind == Kind::anything || (kind == Kind::folders && segment_start)))
        s[k + 1] = 1;
    }
  };
  live[0] = 1;
  close(live, true);
  for (char ch : path) {
    auto c = static_cast<unsigned char>(ch);
    std::fill(next.begin(), next.end(), 0);
    bool any = false;
    for (std::size_t k = 0; k < n; ++k) {
      if (!live[k]) continue;
      const Token& t = tokens_[k];
      if (t.kind == Kind::anything || t.kind == Kind::folders || (t.kind == Kind::star && c != '/')) {
        next[k] = 1;  // the wildcard goes on
        any = true;
      } else if (step(t, c)) {
        next[k + 1] = 1;
        any = true;
      }
    }
    if (!any) return false;
    close(next, c == '/');
    live.swap(next);
  }
  return live[n] != 0;
}

bool path_glob_match(std::string_view pattern, std::string_view path) { return PathGlob(pattern).matches(path); }

void IgnoreRules::add_file(std::string_view base, std::string_view text) {
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, end - start));
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    // Trailing spaces are dropped unless escaped with a backslash ("a\ " keeps one space).
    while (!line.empty() && line.back() == ' ' && !(line.size() > 1 && line[line.size() - 2] == '\\')) line.pop_back();
    if (line.empty() || line[0] == '#' || line.size() > kMaxPatternLength) continue;
    Pattern pat;
    pat.base = base;
    if (line[0] == '!') {  // "\!" and "\#" stay escapes: the glob reads them as literal chars
      pat.negate = true;
      line.erase(0, 1);
    }
    if (!line.empty() && line.back() == '/') {
      pat.dir_only = true;
      line.pop_back();
    }
    if (line.empty()) continue;
    pat.anchored = line.find('/') != std::string::npos;  // a slash at the start or in the middle
    if (line[0] == '/') line.erase(0, 1);
    pat.glob = PathGlob(line);
    patterns_.push_back(std::move(pat));
  }
}

bool IgnoreRules::ignored(std::string_view rel_path, bool is_dir) const {
  // An unanchored pattern sees the last component, which is the same below any pattern's base.
  const std::string_view name = base_name(rel_path);
  for (auto it = patterns_.rbegin(); it != patterns_.rend(); ++it) {
    const Pattern& pat = *it;
    if (pat.dir_only && !is_dir) continue;
    std::string_view below = rel_path;
    if (!pat.base.empty()) {
      if (!(below.starts_with(pat.base) && below.size() > pat.base.size() && below[pat.base.size()] == '/')) continue;
      below.remove_prefix(pat.base.size() + 1);
    }
    if (pat.glob.matches(pat.anchored ? below : name)) return !pat.negate;
  }
  return false;
}

}  // namespace openlock
