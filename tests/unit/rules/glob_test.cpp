#include "rules/glob.hpp"

#include <gtest/gtest.h>

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
