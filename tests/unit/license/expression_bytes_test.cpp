// Every byte value, at the start, inside an id, after an operator and inside parentheses: the
// grammar gives a result or a clean error, never reaches X3's character classes with a byte they
// do not take (a failed assertion in the Debug and sanitizer builds, undefined behaviour in
// release).
#include <gtest/gtest.h>

#include <string>

#include "openlock/license.hpp"

using openlock::parse_license_expression;

namespace {

bool printable_ascii_or_space(unsigned char byte) {
  return (byte >= 0x20 && byte < 0x7F) || (byte >= '\t' && byte <= '\r');
}

}  // namespace

TEST(LicenseExpressionBytes, EveryByteInEveryPositionGivesACleanAnswer) {
  const std::string templates[] = {"@", "M@T", "MIT OR @", "(MIT AND @)", "Apache-2.0 WITH LLVM-@", "MIT@"};
  for (int value = 0; value < 256; ++value) {
    const auto byte = static_cast<unsigned char>(value);
    for (const std::string& shape : templates) {
      std::string text = shape;
      std::size_t at = text.find('@');
      text[at] = static_cast<char>(byte);
      auto e = parse_license_expression(text);
      SCOPED_TRACE("byte " + std::to_string(value) + " in '" + shape + "'");
      if (printable_ascii_or_space(byte)) {
        EXPECT_EQ(e.error.find("is not ASCII"), std::string::npos);
        continue;
      }
      EXPECT_FALSE(e.parsed);
      EXPECT_FALSE(e.valid);
      EXPECT_EQ(e.error_column, at + 1) << e.error;
      EXPECT_NE(e.error.find(byte >= 0x80 ? "is not ASCII" : "is a control character"), std::string::npos) << e.error;
    }
  }
}

TEST(LicenseExpressionBytes, UnicodeInACardLicenseNamesTheByte) {
  auto e = parse_license_expression("apache-2.0 OR m\xc3\xaft");
  EXPECT_FALSE(e.parsed);
  EXPECT_EQ(e.error_column, 16u);
  EXPECT_EQ(e.error, "byte 0xC3 is not ASCII: an SPDX license expression is printable ASCII");
  EXPECT_EQ(parse_license_expression("MIT\tOR\nISC").normalized, "MIT OR ISC") << "white space is still white space";
}
