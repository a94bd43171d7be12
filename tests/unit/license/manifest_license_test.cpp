#include "license/manifest_license.hpp"

#include <gtest/gtest.h>

using namespace openlock;

TEST(SpdxHeaders, FoundInAnyCommentSyntaxNearTheTop) {
  std::vector<Fact> facts;
  find_spdx_headers("a.c", "/* SPDX-License-Identifier: MIT */\nint x;\n", facts);
  find_spdx_headers("b.html", "<!-- SPDX-License-Identifier: Apache-2.0 -->\n", facts);
  find_spdx_headers("c.py", "#!/usr/bin/env python\r\n# SPDX-License-Identifier: GPL-2.0+\r\n", facts);
  ASSERT_EQ(facts.size(), 3u);
  EXPECT_EQ(facts[0].get("expression"), "MIT");
  EXPECT_EQ(facts[0].get("source"), "spdx_header");
  EXPECT_EQ(facts[0].location.line, 1u);
  EXPECT_EQ(facts[1].get("valid"), "true");
  EXPECT_EQ(facts[2].location.line, 2u);
  EXPECT_EQ(facts[2].get("deprecated"), "GPL-2.0") << "GPL-2.0+ is the deprecated GPL-2.0 with the + operator";
}

TEST(SpdxHeaders, DeepMentionsAndEmptyTagsAreNotHeaders) {
  std::vector<Fact> facts;
  std::string text(50, '\n');
  find_spdx_headers("d.py", text + "# SPDX-License-Identifier: MIT\n", facts);
  find_spdx_headers("e.py", "# SPDX-License-Identifier:\n", facts);
  find_spdx_headers("f.py", "", facts);
  EXPECT_TRUE(facts.empty());
}
