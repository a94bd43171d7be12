// glob_to_regex must agree with glob_match on every pattern and value: hand-picked edge cases,
// then many generated pairs (fixed seed) over an alphabet rich in metacharacters.
#include "rules/glob_regex.hpp"

#include <gtest/gtest.h>

#include <random>

#include "rules/glob.hpp"

namespace {

using openlock::glob_match;
using openlock::glob_to_regex;

// Whether the translated regex matches the whole value, as the matcher's RE2::Set does.
bool regex_match(std::string_view glob, std::string_view value) {
  re2::RE2 re(glob_to_regex(glob), openlock::glob_regex_options());
  EXPECT_TRUE(re.ok()) << glob << " -> " << glob_to_regex(glob) << ": " << re.error();
  return re2::RE2::FullMatch(re2::StringPiece(value.data(), value.size()), re);
}

void expect_same(std::string_view glob, std::string_view value) {
  EXPECT_EQ(regex_match(glob, value), glob_match(glob, value))
      << "glob '" << glob << "' value '" << value << "' regex " << glob_to_regex(glob);
}

TEST(GlobRegex, ReadableForPlainGlobs) {
  EXPECT_EQ(glob_to_regex("ab1"), "[Aa][Bb]1");
  EXPECT_EQ(glob_to_regex("a.*"), "[Aa]\\x{2e}[\\x{00}-\\x{ff}]*");
  EXPECT_EQ(glob_to_regex("a**?"), "[Aa][\\x{00}-\\x{ff}]*[\\x{00}-\\x{ff}]");
}

TEST(GlobRegex, EdgeCases) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"openai", {"openai", "OpenAI", "OPENAI", "openai-agents", "opena", ""}},
      {"torch.cuda*", {"torch.cuda", "torch.cuda.amp", "TORCH.CUDA", "torchxcuda", "torch"}},
      {"nvidia-*-cu1[0-9]", {"nvidia-cudnn-cu12", "nvidia-cudnn-cu1x", "nvidia--cu10", "nvidia-ml-py"}},
      {"*", {"", "x", "\n", "\xe9"}},
      {"?", {"", "a", "ab", "\n", "\xff", std::string(1, '\0')}},
      {"a?c", {"abc", "ac", "a\nc", "ABC"}},
      {"[!a]x", {"bx", "ax", "Ax", "x", "\nx"}},
      {"[^a]x", {"bx", "ax", "Ax"}},
      {"[a-c]", {"a", "B", "c", "d", "-"}},
      {"[A-C]", {"a", "B", "C", "d"}},
      {"[Z-a]", {"Z", "z", "a", "A", "["}},   // lower('Z') > 'a': an empty range
      {"[_-z]", {"_", "`", "q", "Q", "z", "Z", "^"}},
      {"[a-]", {"a", "-", "b"}},
      {"[]]", {"]", "[", "a"}},
      {"[]a]", {"]", "a", "A", "b"}},
      {"[!]a]", {"]", "a", "b"}},
      {"[]-a]", {"]", "^", "a", "A", "b"}},
      {"[!]", {"[!]", "!", "a"}},
      {"[", {"[", "a", ""}},
      {"x[", {"x[", "X[", "x"}},
      {"[]", {"[]", "]", "["}},
      {"a[b", {"a[b", "A[B", "ab"}},
      {"[[]", {"[", "]"}},
      {"[a-c", {"[a-c", "a"}},
      {"\\*", {"\\", "\\x", "*"}},
      {"a\\?", {"a\\x", "a?"}},
      {"(x)|y.+$", {"(x)|y.+$", "(X)|Y.+$", "y", "x"}},
      {"\xe9", {"\xe9", "\xc9", "e"}},  // Latin-1 letters do not fold: glob_match folds ASCII only
      {"caf\xc3\xa9*", {"caf\xc3\xa9", "CAF\xc3\xa9s", "caf\xc3\x89"}},
      {"*a*a*a*b", {std::string(200, 'a'), std::string(200, 'a') + "b"}},
  };
  for (const auto& [glob, values] : cases)
    for (const auto& value : values) expect_same(glob, value);
}

// Generated pairs: random globs, and values both random and drawn from the glob (so that about
// half of the pairs match). The alphabet is small so classes, ranges and case collide often.
TEST(GlobRegex, AgreesWithGlobMatchOnGeneratedPairs) {
  std::mt19937 rng(20261201);
  const std::string glob_chars = "aAbzZ_-!^[]*?.\\\xe9\xc9\n";
  const std::string value_chars = "aAbBzZ_`-!^[].\\\xe9\xc9\n0";
  auto pick = [&](const std::string& from) { return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng)]; };
  auto length = [&](int most) { return std::uniform_int_distribution<int>(0, most)(rng); };
  int matched = 0, pairs = 0;
  for (int g = 0; g < 4000; ++g) {
    std::string glob;
    for (int i = length(8); i > 0; --i) glob += pick(glob_chars);
    re2::RE2 re(glob_to_regex(glob), openlock::glob_regex_options());
    ASSERT_TRUE(re.ok()) << glob;
    for (int v = 0; v < 40; ++v) {
      std::string value;
      if (v % 2 == 0) {
        for (int i = length(8); i > 0; --i) value += pick(value_chars);
      } else {  // the glob's own characters, some replaced, dropped or repeated
        for (char c : glob) {
          int roll = length(9);
          if (roll == 0) continue;
          value += roll == 1 ? pick(value_chars) : c;
          if (roll == 2) value += pick(value_chars);
        }
      }
      bool want = glob_match(glob, value);
      ASSERT_EQ(re2::RE2::FullMatch(value, re), want)
          << "glob '" << glob << "' value '" << value << "' regex " << glob_to_regex(glob);
      matched += want;
      ++pairs;
    }
  }
  EXPECT_GT(matched, pairs / 20) << "the generator should give many matching pairs";
}

}  // namespace
