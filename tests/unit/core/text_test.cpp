#include "core/text.hpp"

#include <gtest/gtest.h>

using namespace openlock;

TEST(Text, AsciiCaseChangesLettersOnly) {
  EXPECT_EQ(ascii_lower("README.Md"), "readme.md");
  EXPECT_EQ(ascii_upper("License-v2.txt"), "LICENSE-V2.TXT");
  // The neighbours of A-Z and a-z ('@' '[' '`' '{') and bytes over 0x7F stay as they are.
  EXPECT_EQ(ascii_lower("@AZ[`{"), "@az[`{");
  EXPECT_EQ(ascii_upper("@az[`{"), "@AZ[`{");
  EXPECT_EQ(ascii_lower("\xC3\x84X\xFF"), "\xC3\x84x\xFF");
  EXPECT_EQ(ascii_upper("\xC3\xA4x\xFF"), "\xC3\xA4X\xFF");
  for (int c = 0; c < 256; ++c) {
    char ch = static_cast<char>(c);
    bool upper = c >= 'A' && c <= 'Z', lower = c >= 'a' && c <= 'z';
    EXPECT_EQ(to_ascii_lower(ch), upper ? static_cast<char>(c + 32) : ch) << c;
    EXPECT_EQ(to_ascii_upper(ch), lower ? static_cast<char>(c - 32) : ch) << c;
  }
}
