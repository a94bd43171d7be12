// Where parsers and the per-file stages put their diagnostics. A hostile file can have a problem
// on every byte (8 million `}`), and millions of diagnostics help no one and fill memory and the
// report: each file keeps its first kMaxPerFile, and the rest are only counted, in one diagnostic
// "N more problems in this file are not reported" at line 0 of the file.
#pragma once

#include <charconv>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "openlock/result.hpp"

namespace openlock {

class Diagnostics {
 public:
  static constexpr std::size_t kMaxPerFile = 50;
  using const_iterator = std::vector<Diagnostic>::const_iterator;

  /// Keeps `d` unless its file has kMaxPerFile already; then counts it. Errors (a parser that
  /// failed: once per file) are always kept.
  void push_back(Diagnostic d) {
    PerFile& file = files_[d.location.path];
    if (file.kept < kMaxPerFile || d.level == "error") {
      ++file.kept;
      list_.push_back(std::move(d));
      return;
    }
    count_unreported(file, d.location.path, 1);
  }

  template <typename... Args>
  void emplace_back(Args&&... args) {
    push_back(Diagnostic{std::forward<Args>(args)...});
  }

  /// Adds `other`'s diagnostics and unreported counts, under this sink's cap.
  void append(Diagnostics&& other) {
    if (list_.empty()) {  // the usual case: a file's diagnostics join an empty scan's
      *this = std::move(other);
      other = {};
      return;
    }
    for (std::size_t i = 0; i < other.list_.size(); ++i) {
      Diagnostic& d = other.list_[i];
      const PerFile& theirs = other.files_.at(d.location.path);
      if (i != theirs.summary) {
        push_back(std::move(d));
        continue;
      }
      PerFile& file = files_[d.location.path];
      count_unreported(file, d.location.path, theirs.unreported);
    }
    other = {};
  }

  /// The diagnostics kept, in the order they came (a file's summary where its first unreported one came).
  std::vector<Diagnostic> take() && { return std::exchange(list_, {}); }

  const_iterator begin() const { return list_.begin(); }
  const_iterator end() const { return list_.end(); }
  std::size_t size() const { return list_.size(); }
  bool empty() const { return list_.empty(); }
  const Diagnostic& operator[](std::size_t i) const { return list_[i]; }
  const Diagnostic& front() const { return list_.front(); }
  const Diagnostic& back() const { return list_.back(); }

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  struct PerFile {
    std::size_t kept = 0, unreported = 0;
    std::size_t summary = kNone;  // index in list_ of the "N more" diagnostic
  };

  void count_unreported(PerFile& file, const std::string& path, std::size_t n) {
    if (file.summary == kNone) {
      file.summary = list_.size();
      list_.push_back({{path, 0, 0}, {}});
    }
    file.unreported += n;
    // Rewritten in place (no allocation once it is long enough): a flood rewrites it millions of times.
    char digits[24];
    auto end = std::to_chars(digits, digits + sizeof digits, file.unreported).ptr;
    list_[file.summary].message.assign(digits, end).append(" more problems in this file are not reported");
  }

  std::vector<Diagnostic> list_;
  std::unordered_map<std::string, PerFile> files_;
};

}  // namespace openlock
