#include "discover/ignore.hpp"

#include <gtest/gtest.h>

using namespace openlock;

TEST(PathGlob, StarsAndClasses) {
  EXPECT_TRUE(path_glob_match("*.log", "a.log"));
  EXPECT_FALSE(path_glob_match("*.log", "dir/a.log"));
  EXPECT_TRUE(path_glob_match("**/a.log", "x/y/a.log"));
  EXPECT_TRUE(path_glob_match("**/a.log", "a.log"));
  EXPECT_TRUE(path_glob_match("a/**/b", "a/b"));
  EXPECT_TRUE(path_glob_match("a/**/b", "a/x/y/b"));
  EXPECT_TRUE(path_glob_match("a/**", "a/x/y"));
  EXPECT_TRUE(path_glob_match("file[0-9].txt", "file7.txt"));
  EXPECT_FALSE(path_glob_match("file[!0-9].txt", "file7.txt"));
  EXPECT_TRUE(path_glob_match("?.md", "a.md"));
  EXPECT_FALSE(path_glob_match("?.md", "/.md"));
  EXPECT_TRUE(path_glob_match("\\#x", "#x"));
  EXPECT_TRUE(path_glob_match("[unclosed", "[unclosed"));
}

TEST(IgnoreRules, GitSemantics) {
  IgnoreRules rules;
  rules.add_file("", "# comment\n*.log\n!keep.log\nbuild/\n/anchored.txt\n\\#hash\ntrailing   \n");
  EXPECT_TRUE(rules.ignored("x.log", false));
  EXPECT_TRUE(rules.ignored("deep/x.log", false));
  EXPECT_FALSE(rules.ignored("keep.log", false));
  EXPECT_TRUE(rules.ignored("build", true));
  EXPECT_FALSE(rules.ignored("build", false)) << "a trailing slash matches folders only";
  EXPECT_TRUE(rules.ignored("anchored.txt", false));
  EXPECT_FALSE(rules.ignored("sub/anchored.txt", false));
  EXPECT_TRUE(rules.ignored("#hash", false));
  EXPECT_TRUE(rules.ignored("trailing", false));
}

TEST(IgnoreRules, NestedFilesApplyBelowTheirFolderAndWin) {
  IgnoreRules rules;
  rules.add_file("", "*.tmp\n");
  rules.add_file("sub", "!*.tmp\nlocal.txt\n");
  EXPECT_TRUE(rules.ignored("a.tmp", false));
  EXPECT_FALSE(rules.ignored("sub/a.tmp", false));
  EXPECT_TRUE(rules.ignored("sub/x/local.txt", false));
  EXPECT_FALSE(rules.ignored("local.txt", false));
  std::size_t mark = rules.size();
  rules.add_file("other", "*\n");
  rules.truncate(mark);
  EXPECT_FALSE(rules.ignored("other/x", false));
}

TEST(IgnoreRules, HostilePatternsStayCheap) {
  IgnoreRules rules;
  rules.add_file("", std::string(40, '*') + "a\n" + "*a*a*a*a*a*a*a*a*a*a*b\n");
  EXPECT_FALSE(rules.ignored(std::string(250, 'a'), false));
}
