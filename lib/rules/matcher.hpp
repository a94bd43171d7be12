// The glob tests of all loaded rules, compiled once. Per fact kind and attribute, one RE2::Set
// holds every test's non-literal globs and a hash map its literal ones (most globs are plain
// names), so one value is matched once however many rules test that attribute.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/fact.hpp"
#include "rules/rule.hpp"

namespace openlock {

class GlobMatcher {
 public:
  /// Value `attr` (an index into Fact::attrs) passes the globs of `test` (one of the rules' tests).
  struct Hit {
    std::uint32_t attr;
    const Condition::AttrTest* test;
    bool operator==(const Hit&) const = default;
  };

  /// Compiles the globs of every attribute test in `rules`; the rules must outlive the matcher.
  explicit GlobMatcher(std::span<const Rule> rules);
  ~GlobMatcher();
  GlobMatcher(const GlobMatcher&) = delete;
  GlobMatcher& operator=(const GlobMatcher&) = delete;

  /// Appends a Hit for each value of `fact` and each glob test over its kind and attribute that
  /// the value passes, ordered by attribute (then by test address). Safe to call from several
  /// threads.
  void match(const Fact& fact, std::vector<Hit>& hits) const;

 private:
  struct Attr;
  std::unordered_map<std::string, std::vector<Attr>> kinds_;  // fact kind -> its tested attributes
};

}  // namespace openlock
