#include "license/fingerprint.hpp"

#include <gtest/gtest.h>

using namespace openlock;

TEST(Fingerprint, ReflowMarkdownAndCaseDoNotChangeTheGrams) {
  auto plain = gram_set(text_grams("The quick brown fox may copy the work\nand share it with anyone."));
  auto markdown = gram_set(text_grams("# THE QUICK\n\n* **brown fox** may _copy_ the work and\n> share it with   anyone!"));
  EXPECT_EQ(plain, markdown);
  EXPECT_EQ(plain.size(), 11u);  // 13 words, 11 trigrams
}

TEST(Fingerprint, GramsCarryTheLineOfTheirFirstWord) {
  auto grams = text_grams("one two\nthree four\n");
  ASSERT_EQ(grams.size(), 2u);
  EXPECT_EQ(grams[0].line, 1u);
  EXPECT_EQ(grams[1].line, 1u);  // "two three four" starts on line 1
  EXPECT_EQ(text_grams("\n\nalpha beta gamma")[0].line, 3u);
}

TEST(Fingerprint, CopyrightNoticesAreSkippedButListItemsAreNot) {
  auto bare = gram_set(text_grams("you may share the work freely"));
  EXPECT_EQ(gram_set(text_grams("Copyright (c) 2024 Jane Roe\nyou may share the work freely")), bare);
  EXPECT_EQ(gram_set(text_grams("  \xc2\xa9 2021 Someone Else\nyou may share the work freely")), bare);
  EXPECT_EQ(gram_set(text_grams("(c) 1999 Them\nyou may share the work freely")), bare);
  EXPECT_EQ(gram_set(text_grams("All rights reserved.\nyou may share the work freely")), bare);
  EXPECT_EQ(gram_set(text_grams("Copyright Jane Roe and others\nyou may share the work freely")), bare);
  EXPECT_NE(gram_set(text_grams("(c) You must keep notices\nyou may share the work freely")), bare);
  EXPECT_NE(gram_set(text_grams("copyright notice and this permission\nyou may share the work freely")), bare);
}

TEST(Fingerprint, CjkCharactersAreWordsAndSpellingsAreOne) {
  EXPECT_EQ(text_grams("许可协议").size(), 2u);  // four characters, two trigrams
  EXPECT_EQ(gram_set(text_grams("this licence is granted")), gram_set(text_grams("this license is granted")));
  EXPECT_EQ(text_grams("na\xefve caf\xc3\xa9 words here").size(), 3u) << "an invalid byte separates words";
}

TEST(Fingerprint, EncodingRoundTrips) {
  std::vector<std::uint32_t> set = {0, 1, 127, 128, 300000, 0xFFFFFFFFu};
  auto text = encode_gram_set(set);
  auto back = decode_gram_set(text);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, set);
  std::string wrapped = text.substr(0, 3) + "\n    " + text.substr(3);
  EXPECT_EQ(decode_gram_set(wrapped), set) << "whitespace is ignored";
  EXPECT_EQ(decode_gram_set(encode_gram_set({})), std::vector<std::uint32_t>{});
}

TEST(Fingerprint, MalformedEncodingsAreRefused) {
  EXPECT_FALSE(decode_gram_set("not base64!"));
  EXPECT_FALSE(decode_gram_set("gA=="));           // a varint that never ends
  EXPECT_FALSE(decode_gram_set("AQA="));           // 1 then a zero step: not strictly rising
  EXPECT_FALSE(decode_gram_set("//////8P"));       // runs past 32 bits
  EXPECT_FALSE(decode_gram_set("AQ==AQ=="));       // data after padding
}

TEST(Fingerprint, OptionalPartIsSplitFromTheFirstMarkedLine) {
  auto fp = fingerprint_text("you may share the work\nAPPENDIX how to apply these terms\n", "APPENDIX");
  ASSERT_TRUE(fp);
  EXPECT_EQ(fp->required.size(), 5u);  // trigrams starting on line 1
  EXPECT_EQ(fp->optional.size(), 4u);
  EXPECT_FALSE(fingerprint_text("no marker here at all", "APPENDIX"));
}

TEST(Fingerprint, SharedCountOfSortedSets) {
  EXPECT_EQ(shared_count({1, 3, 5, 7}, {2, 3, 4, 7, 9}), 2u);
  EXPECT_EQ(shared_count({}, {1}), 0u);
}
