#include <gtest/gtest.h>

#include "openlock/license.hpp"

using openlock::license_kind;
using openlock::parse_license_expression;

TEST(LicenseExpression, NormalisesCaseAndPrecedence) {
  auto e = parse_license_expression("apache-2.0 or mit");
  EXPECT_FALSE(e.parsed) << "operators are case-sensitive";
  EXPECT_EQ(e.error, "operators must be upper case (AND, OR, WITH)");
  EXPECT_EQ(e.error_column, 12u);

  e = parse_license_expression("  mit   OR apache-2.0 AND (bsd-3-clause OR isc)");
  ASSERT_TRUE(e.valid) << e.error;
  EXPECT_EQ(e.normalized, "MIT OR Apache-2.0 AND (BSD-3-Clause OR ISC)");
  EXPECT_EQ(e.licenses, (std::vector<std::string>{"MIT", "Apache-2.0", "BSD-3-Clause", "ISC"}));
  EXPECT_TRUE(e.osi_approved);
  EXPECT_EQ(license_kind(e), "osi");

  EXPECT_EQ(parse_license_expression("(MIT AND ISC) OR 0BSD").normalized, "MIT AND ISC OR 0BSD");
  EXPECT_EQ(parse_license_expression("((MIT))").normalized, "MIT");
}

TEST(LicenseExpression, WithPlusAndRefs) {
  auto e = parse_license_expression("GPL-2.0-or-later WITH classpath-exception-2.0");
  ASSERT_TRUE(e.valid) << e.error;
  EXPECT_EQ(e.normalized, "GPL-2.0-or-later WITH Classpath-exception-2.0");
  EXPECT_EQ(e.exceptions, (std::vector<std::string>{"Classpath-exception-2.0"}));

  e = parse_license_expression("GPL-2.0+");
  ASSERT_TRUE(e.valid);
  EXPECT_EQ(e.normalized, "GPL-2.0+");
  EXPECT_EQ(e.deprecated, (std::vector<std::string>{"GPL-2.0"}));

  e = parse_license_expression("licenseref-llama3.1 AND DocumentRef-spdx-doc:LicenseRef-custom");
  ASSERT_TRUE(e.valid) << e.error;
  EXPECT_EQ(e.normalized, "LicenseRef-llama3.1 AND DocumentRef-spdx-doc:LicenseRef-custom");
  EXPECT_FALSE(e.osi_approved);
  EXPECT_EQ(license_kind(e), "open-weight");
  EXPECT_EQ(license_kind(parse_license_expression("CC-BY-NC-4.0 AND MIT")), "non-commercial");
  EXPECT_EQ(license_kind(parse_license_expression("LicenseRef-mystery")), "unknown");
}

TEST(LicenseExpression, ErrorsSayWhereAndWhy) {
  auto e = parse_license_expression("MIT AND");
  EXPECT_FALSE(e.parsed);
  EXPECT_EQ(e.error_column, 8u);
  EXPECT_NE(e.error.find("ends early"), std::string::npos) << e.error;

  e = parse_license_expression("(MIT OR ISC");
  EXPECT_FALSE(e.parsed);
  EXPECT_NE(e.error.find("')'"), std::string::npos) << e.error;

  e = parse_license_expression("MIT WITH");
  EXPECT_FALSE(e.parsed);

  e = parse_license_expression("Not-A-License-9 OR MIT");
  EXPECT_TRUE(e.parsed);
  EXPECT_FALSE(e.valid);
  EXPECT_EQ(e.error_column, 1u);
  EXPECT_EQ(e.unknown, (std::vector<std::string>{"Not-A-License-9"}));

  e = parse_license_expression("MIT WITH Not-An-Exception");
  EXPECT_FALSE(e.valid);
  EXPECT_EQ(e.error_column, 10u);

  EXPECT_FALSE(parse_license_expression("").parsed);
  EXPECT_FALSE(parse_license_expression("MIT MIT").parsed);
  EXPECT_FALSE(parse_license_expression("AND").parsed);
  EXPECT_FALSE(parse_license_expression("MIT+ +").parsed);
  EXPECT_FALSE(parse_license_expression("LicenseRef-x+").valid);
  EXPECT_FALSE(parse_license_expression("LicenseRef-").valid) << "the differential test found this one";
  EXPECT_FALSE(parse_license_expression("DocumentRef-x").valid);
  EXPECT_FALSE(parse_license_expression("DocumentRef-:LicenseRef-y").valid);
}

TEST(LicenseExpression, DeepNestingDoesNotCrash) {
  std::string deep(100000, '(');
  deep += "MIT" + std::string(100000, ')');
  auto e = parse_license_expression(deep);
  EXPECT_FALSE(e.parsed);
  EXPECT_EQ(e.error_column, 65u);
  EXPECT_TRUE(parse_license_expression(std::string(60, '(') + "MIT" + std::string(60, ')')).valid);
}
