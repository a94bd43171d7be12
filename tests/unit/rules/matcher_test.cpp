// GlobMatcher must report exactly the tests whose globs glob_match would pass: hand-made rules,
// then the built-in rules over values drawn from their own globs (fixed seed).
#include "rules/matcher.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <thread>

#include "rules/glob.hpp"
#include "rules/loader.hpp"

using namespace openlock;

namespace {

Rule rule_from(const std::string& id, const std::string& match) {
  Rule rule;
  RuleError error;
  std::string text = "id: " + id + "\ntitle: T\ncategory: lockin.hardware\nseverity: medium\nmessage: m\nmatch: " + match;
  EXPECT_TRUE(load_rule(id + ".yaml", text, rule, error)) << error.to_string();
  return rule;
}

struct KindTest {
  std::string kind;
  const Condition::AttrTest* test;
};

// Every test with globs in `rules`, with the fact kind of its leaf.
std::vector<KindTest> glob_tests(const std::vector<Rule>& rules) {
  std::vector<KindTest> out;
  auto walk = [&](const Condition& c, auto& self) -> void {
    for (const auto& t : c.tests)
      if (!t.patterns.empty()) out.push_back({c.fact_kind, &t});
    for (const auto& child : c.children) self(child, self);
  };
  for (const auto& r : rules) walk(r.match, walk);
  return out;
}

// What the matcher must say: each value against each test's globs, one glob_match at a time.
// Hits in the matcher's order: by attribute, then by test address.
std::vector<GlobMatcher::Hit> sorted(std::vector<GlobMatcher::Hit> hits) {
  std::sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) {
    return a.attr != b.attr ? a.attr < b.attr : std::less<>()(a.test, b.test);
  });
  return hits;
}

std::vector<GlobMatcher::Hit> brute_force(const std::vector<KindTest>& tests, const Fact& fact) {
  std::vector<GlobMatcher::Hit> hits;
  for (std::uint32_t i = 0; i < fact.attrs.size(); ++i)
    for (const auto& [kind, test] : tests)
      if (kind == fact.kind && test->attr == fact.attrs[i].first &&
          std::any_of(test->patterns.begin(), test->patterns.end(),
                      [&](const std::string& g) { return glob_match(g, fact.attrs[i].second); }))
        hits.push_back({i, test});
  return sorted(hits);
}

std::vector<GlobMatcher::Hit> hits_of(const GlobMatcher& matcher, const Fact& fact) {
  std::vector<GlobMatcher::Hit> hits;
  matcher.match(fact, hits);
  return hits;
}

}  // namespace

TEST(GlobMatcher, LiteralAndWildcardGlobsOfSeveralRules) {
  const std::vector<Rule> rules = {
      rule_from("a", "{import: {module: [openai, 'openai.*']}}"),
      rule_from("b", "{import: {module: 'OpenAI'}}"),
      rule_from("c", "{any: [{import: {module: '*.cuda*', language: python}}, {dependency: {name: 'cupy-cuda1[0-9]x'}}]}"),
      rule_from("d", "{import: {module: {regex: '^x'}}}"),
  };
  GlobMatcher matcher(rules);
  const auto* a = &rules[0].match.tests[0];
  const auto* b = &rules[1].match.tests[0];
  const auto* c_module = &rules[2].match.children[0].tests[0];
  const auto* c_language = &rules[2].match.children[0].tests[1];
  const auto* c_dep = &rules[2].match.children[1].tests[0];
  using Hits = std::vector<GlobMatcher::Hit>;

  Fact imp{"import", {"x.py", 1, 1}, "import openai", {{"module", "OPENAI"}, {"language", "python"}}};
  EXPECT_EQ(hits_of(matcher, imp), sorted(Hits{{0, a}, {0, b}, {1, c_language}}));
  imp.attrs[0].second = "openai.cuda";  // the same test through a literal and a wildcard: one hit
  EXPECT_EQ(hits_of(matcher, imp), sorted(Hits{{0, a}, {0, c_module}, {1, c_language}}));
  imp.attrs[0].second = "x";  // only rule d's regex would match: not a glob test
  EXPECT_EQ(hits_of(matcher, imp), sorted(Hits{{1, c_language}}));
  Fact dep{"dependency", {"r.txt", 1, 1}, "cupy", {{"name", "CuPy-CUDA12x"}, {"name", "cupy-cuda1x"}, {"module", "openai"}}};
  EXPECT_EQ(hits_of(matcher, dep), sorted(Hits{{0, c_dep}}));
  Fact other{"env_var", {"x.py", 1, 1}, "openai", {{"module", "openai"}}};
  EXPECT_TRUE(hits_of(matcher, other).empty()) << "globs are per fact kind";
}

TEST(GlobMatcher, NoRulesNoHits) {
  GlobMatcher matcher({});
  EXPECT_TRUE(hits_of(matcher, Fact{"import", {}, "", {{"module", "openai"}}}).empty());
}

// The built-in rules over values made from their own globs (case flipped, characters dropped,
// replaced or added, wildcards filled in) and random ones: the matcher agrees with glob_match.
TEST(GlobMatcher, BuiltinRulesAgreeWithGlobMatch) {
  std::vector<Rule> rules;
  std::vector<RuleError> errors;
  load_builtin_rules(rules, errors);
  ASSERT_TRUE(errors.empty());
  const GlobMatcher matcher(rules);
  const auto tests = glob_tests(rules);
  ASSERT_GT(tests.size(), 50u);

  std::mt19937 rng(9);
  const std::string noise = "aZ09-_./*?[]\xe9";
  auto roll = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
  auto value_from = [&](const std::string& glob) {
    std::string out;
    for (char c : glob) {
      int r = roll(20);
      if (c == '*') {
        for (int i = roll(4); i > 0; --i) out += noise[static_cast<std::size_t>(roll(static_cast<int>(noise.size())))];
      } else if (c == '?' || r == 0) {
        out += noise[static_cast<std::size_t>(roll(static_cast<int>(noise.size())))];
      } else if (r == 1) {
        continue;
      } else {
        out += r < 8 ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      }
    }
    return out;
  };
  std::size_t facts = 0, hits = 0;
  for (int round = 0; round < 30; ++round) {
    for (const auto& [kind, test] : tests) {
      Fact fact{kind, {"f", 1, 1}, "e", {}};
      for (int v = 0; v < 3; ++v) {
        const auto& glob = test->patterns[static_cast<std::size_t>(roll(static_cast<int>(test->patterns.size())))];
        fact.set(test->attr, roll(3) == 0 ? glob : value_from(glob));
        fact.set("other", glob);
      }
      auto want = brute_force(tests, fact);
      ASSERT_EQ(hits_of(matcher, fact), want) << kind << "." << test->attr << " = " << fact.attrs[0].second;
      ++facts;
      hits += want.size();
    }
  }
  EXPECT_GT(hits, facts) << "the generated values should pass many tests";
}

TEST(GlobMatcher, ConcurrentMatchesAgree) {
  std::vector<Rule> rules;
  std::vector<RuleError> errors;
  load_builtin_rules(rules, errors);
  const GlobMatcher matcher(rules);
  const Fact fact{"import", {"x.py", 1, 1}, "e", {{"module", "openai.types.chat"}, {"language", "python"}}};
  const auto want = hits_of(matcher, fact);
  ASSERT_FALSE(want.empty());
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (std::size_t t = 0; t < wrong.size(); ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) wrong[t] += hits_of(matcher, fact) != want;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong, std::vector<int>(4, 0));
}
