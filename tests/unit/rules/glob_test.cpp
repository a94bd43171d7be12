#include "rules/glob.hpp"

#include <fnmatch.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "unit/concatenations.hpp"

using openlock::glob_match;

TEST(Glob, ExactIsCaseInsensitive) {
  EXPECT_TRUE(glob_match("openai", "OpenAI"));
  EXPECT_FALSE(glob_match("openai", "openai-agents"));
  EXPECT_TRUE(openlock::is_literal_pattern("openai"));
  EXPECT_FALSE(openlock::is_literal_pattern("nvidia-*"));
}

TEST(Glob, CaseIsAsciiOnly) {
  EXPECT_TRUE(glob_match("*.SafeTensors", "MODEL.safetensors"));
  EXPECT_TRUE(glob_match("[a-c]x", "Bx"));
  EXPECT_FALSE(glob_match("@", "`")) << "'@' and '`' differ by the case bit but are no letters";
  EXPECT_FALSE(glob_match("[[]", "{"));
  EXPECT_FALSE(glob_match("\xC3\xA4", "\xC3\x84")) << "non-ASCII letters keep their case";
}

TEST(Glob, Wildcards) {
  EXPECT_TRUE(glob_match("nvidia-*-cu1[0-9]", "nvidia-cudnn-cu12"));
  EXPECT_FALSE(glob_match("nvidia-*-cu1[0-9]", "nvidia-ml-py"));
  EXPECT_TRUE(glob_match("cupy-cuda*", "cupy-cuda12x"));
  EXPECT_TRUE(glob_match("*", ""));
  EXPECT_TRUE(glob_match("a?c", "abc"));
  EXPECT_FALSE(glob_match("a?c", "ac"));
  EXPECT_TRUE(glob_match("[!a]x", "bx"));
  EXPECT_FALSE(glob_match("[!a]x", "ax"));
  EXPECT_TRUE(glob_match("*download.pytorch.org/whl/cu[0-9]*", "https://download.pytorch.org/whl/cu121"));
  EXPECT_FALSE(glob_match("*download.pytorch.org/whl/cu[0-9]*", "https://download.pytorch.org/whl/cpu"));
  EXPECT_TRUE(glob_match("x[", "x["));
}

TEST(Glob, ManyStarsStayLinear) {
  EXPECT_FALSE(glob_match("*a*a*a*a*a*a*a*a*a*b", std::string(5000, 'a')));
}

// File-name globs as the openness knowledge writes them: literal chars around a star.
TEST(Glob, LiteralStartAndEnd) {
  EXPECT_TRUE(glob_match("inference*.py", "Inference_server.PY"));
  EXPECT_FALSE(glob_match("inference*.py", "inferenc.py")) << "too short for the start";
  EXPECT_FALSE(glob_match("inference*.py", "inference.pyc"));
  EXPECT_FALSE(glob_match("*.py", "py"));
  EXPECT_FALSE(glob_match("a*a", "a")) << "start and end may not share a char";
  EXPECT_TRUE(glob_match("a*a", "aa"));
  EXPECT_TRUE(glob_match("[ab]]", "B]")) << "a ']' after a class is a literal end";
  EXPECT_TRUE(glob_match("x[", "X["));
  EXPECT_TRUE(glob_match("x[*", "x[yz")) << "an unclosed '[' is a literal";
  EXPECT_FALSE(glob_match("x[*", "xy["));
  EXPECT_TRUE(glob_match("step*", "STEP1000"));
  EXPECT_TRUE(glob_match("step*", "steps/x")) << "a rule glob's star crosses '/'";
}

// glob_match is fnmatch(3) without escapes and with case folded: all small patterns and texts.
TEST(Glob, AgreesWithFnmatchOnSmallPatternsAndTexts) {
  using openlock::testing::concatenations;
  const auto patterns = concatenations({"a", "B", ".", "*", "?", "[ab]", "[!a]", "]", "["}, 3);
  const auto texts = concatenations({"a", "A", "b", ".", "/", "]"}, 5);
  std::size_t matched = 0;
  for (const auto& pattern : patterns)
    for (const auto& text : texts) {
      bool expected = fnmatch(pattern.c_str(), text.c_str(), FNM_NOESCAPE | FNM_CASEFOLD) == 0;
      ASSERT_EQ(glob_match(pattern, text), expected) << "pattern '" << pattern << "' text '" << text << "'";
      matched += expected;
    }
  EXPECT_GT(matched, 1000u);
}
