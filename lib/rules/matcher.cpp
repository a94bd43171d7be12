#include "rules/matcher.hpp"

#include <re2/set.h>

#include <algorithm>
#include <stdexcept>

#include "core/text.hpp"
#include "rules/glob.hpp"
#include "rules/glob_regex.hpp"

namespace openlock {

// The glob tests over one attribute of one fact kind.
struct GlobMatcher::Attr {
  std::string name;
  std::unordered_map<std::string, std::vector<const Condition::AttrTest*>> literals;  // lower-cased literal -> tests
  std::unique_ptr<re2::RE2::Set> set;  // one entry per test with non-literal globs: their alternation
  std::vector<const Condition::AttrTest*> set_tests;  // set entry -> test
};

namespace {

// ASCII case folding, as glob_match's, into a buffer the caller reuses.
std::string& lower_into(std::string& out, std::string_view text) {
  out.assign(text);
  std::transform(out.begin(), out.end(), out.begin(), to_ascii_lower);
  return out;
}

}  // namespace

GlobMatcher::GlobMatcher(std::span<const Rule> rules) {
  std::string lowered;
  for (const auto& rule : rules) {
    for_each_leaf(rule.match, [&](const Condition& leaf) {
      for (const auto& test : leaf.tests) {
        if (test.patterns.empty()) continue;
        auto& attrs = kinds_[leaf.fact_kind];
        auto attr = std::find_if(attrs.begin(), attrs.end(), [&](const Attr& a) { return a.name == test.attr; });
        if (attr == attrs.end()) attr = attrs.insert(attrs.end(), Attr{test.attr, {}, {}, {}});
        std::string alternation;
        for (const auto& glob : test.patterns) {
          if (is_literal_pattern(glob)) {
            auto& tests = attr->literals[lower_into(lowered, glob)];
            if (tests.empty() || tests.back() != &test) tests.push_back(&test);
          } else {
            alternation += (alternation.empty() ? "(?:" : "|(?:") + glob_to_regex(glob) + ")";
          }
        }
        if (alternation.empty()) continue;
        if (!attr->set) attr->set = std::make_unique<re2::RE2::Set>(glob_regex_options(), re2::RE2::ANCHOR_BOTH);
        std::string error;
        if (attr->set->Add(alternation, &error) < 0)  // cannot happen: glob_to_regex writes valid regexes
          throw std::logic_error("glob of " + rule.id + " as a regex: " + error);
        attr->set_tests.push_back(&test);
      }
    });
  }
  // A set too large to compile is dropped: its tests then fall back to glob_match in match().
  for (auto& [kind, attrs] : kinds_)
    for (auto& attr : attrs)
      if (attr.set && !attr.set->Compile()) attr.set.reset();
}

GlobMatcher::~GlobMatcher() = default;

void GlobMatcher::match(const Fact& fact, std::vector<Hit>& hits) const {
  auto kind = kinds_.find(fact.kind);
  if (kind == kinds_.end()) return;
  thread_local std::string lowered;  // buffers kept from call to call: match runs for every fact
  thread_local std::vector<int> found;
  for (std::uint32_t i = 0; i < fact.attrs.size(); ++i) {
    const std::string& key = fact.attrs[i].first;  // not a structured binding: clang 14 cannot capture one
    const std::string& value = fact.attrs[i].second;
    auto attr = std::find_if(kind->second.begin(), kind->second.end(), [&](const Attr& a) { return a.name == key; });
    if (attr == kind->second.end()) continue;
    std::size_t first = hits.size();
    if (!attr->literals.empty())
      if (auto it = attr->literals.find(lower_into(lowered, value)); it != attr->literals.end())
        for (const auto* test : it->second) hits.push_back({i, test});
    found.clear();
    re2::RE2::Set::ErrorInfo error{re2::RE2::Set::kNoError};
    if (attr->set && attr->set->Match(re2::StringPiece(value.data(), value.size()), &found, &error)) {
      for (int entry : found) hits.push_back({i, attr->set_tests[static_cast<std::size_t>(entry)]});
    } else if (!attr->set_tests.empty() && (!attr->set || error.kind != re2::RE2::Set::kNoError)) {
      // No set, or its DFA ran out of memory on this value: the globs one by one, as before.
      for (const auto* test : attr->set_tests) {
        const auto& globs = test->patterns;
        if (std::any_of(globs.begin(), globs.end(), [&](const std::string& g) { return glob_match(g, value); }))
          hits.push_back({i, test});
      }
    }
    // Ordered by test; a test with literal and other globs may have hit twice.
    auto begin = hits.begin() + static_cast<std::ptrdiff_t>(first);
    std::sort(begin, hits.end(), [](const Hit& a, const Hit& b) { return std::less<>()(a.test, b.test); });
    hits.erase(std::unique(begin, hits.end()), hits.end());
  }
}

}  // namespace openlock
