#include "discover/ignore.hpp"

#include <fnmatch.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "unit/concatenations.hpp"

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

TEST(IgnoreRules, HostilePatternsStayCheapAndCorrect) {
  IgnoreRules stars;
  stars.add_file("", std::string(40, '*') + "a\n");
  EXPECT_TRUE(stars.ignored(std::string(250, 'a'), false)) << "many stars are still a valid pattern";
  IgnoreRules backtrack;
  backtrack.add_file("", "*a*a*a*a*a*a*a*a*a*a*b\n");
  EXPECT_FALSE(backtrack.ignored(std::string(250, 'a'), false));
}

TEST(PathGlob, DoubleStarOnlySpansFoldersAsAWholeSegment) {
  EXPECT_FALSE(path_glob_match("**/b", "xb")) << "**/ ends at a folder boundary";
  EXPECT_TRUE(path_glob_match("**/b", "x/y/b"));
  EXPECT_FALSE(path_glob_match("a/**", "a")) << "a/** is what is inside a, not a itself";
  EXPECT_TRUE(path_glob_match("a/**/b/**/c", "a/1/b/2/3/c"));
  EXPECT_TRUE(path_glob_match("a**b", "axxb"));
  EXPECT_FALSE(path_glob_match("a**b", "a/b")) << "a ** inside a segment is a plain *";
  EXPECT_TRUE(path_glob_match("**", "any/thing/at/all"));
}

TEST(PathGlob, ClassesAndEscapes) {
  EXPECT_TRUE(path_glob_match("v[[:digit:]].txt", "v7.txt"));
  EXPECT_FALSE(path_glob_match("v[[:digit:]].txt", "vx.txt"));
  EXPECT_TRUE(path_glob_match("[]]x", "]x")) << "a ] first in a class is literal";
  EXPECT_TRUE(path_glob_match("[^a]", "b"));
  EXPECT_FALSE(path_glob_match("[!a]", "/"));
  EXPECT_TRUE(path_glob_match("a\\*b", "a*b"));
  EXPECT_FALSE(path_glob_match("a\\*b", "axb"));
  EXPECT_TRUE(path_glob_match("a?c", "a\xff" "c")) << "non-UTF-8 bytes are plain bytes";
}

TEST(IgnoreRules, EscapesAndTrailingSpaces) {
  IgnoreRules rules;
  rules.add_file("", "\\!important\nspace\\ \n  \n\\#not-a-comment\n");
  EXPECT_TRUE(rules.ignored("!important", false));
  EXPECT_TRUE(rules.ignored("space ", false)) << "an escaped trailing space stays";
  EXPECT_FALSE(rules.ignored("space", false));
  EXPECT_TRUE(rules.ignored("#not-a-comment", false));
}

TEST(IgnoreRules, NegationAndDirOnly) {
  IgnoreRules rules;
  rules.add_file("", "*\n!*/\n!*.py\nnode_modules/\n");
  EXPECT_TRUE(rules.ignored("data.bin", false));
  EXPECT_FALSE(rules.ignored("src", true));
  EXPECT_FALSE(rules.ignored("src/main.py", false));
  EXPECT_TRUE(rules.ignored("src/node_modules", true));
  EXPECT_FALSE(rules.ignored("node_modules.py", false));
}

TEST(IgnoreRules, AnchoredPatternsInANestedFile) {
  IgnoreRules rules;
  rules.add_file("a/b", "/top\nmid/x\n");
  EXPECT_TRUE(rules.ignored("a/b/top", false));
  EXPECT_FALSE(rules.ignored("a/b/c/top", false));
  EXPECT_TRUE(rules.ignored("a/b/mid/x", false));
  EXPECT_FALSE(rules.ignored("a/b/c/mid/x", false)) << "a middle slash anchors too";
  EXPECT_FALSE(rules.ignored("a/bc/top", false)) << "base is a whole folder, not a prefix";
}

TEST(IgnoreRules, LongPathsAndPatternsStayCheap) {
  IgnoreRules rules;
  std::string stars;
  for (int i = 0; i < 200; ++i) stars += "*a";
  rules.add_file("", stars + "b\n**/**/**/**/**/**/**/**/z\n" + std::string(10000, 'x') + "\n");
  std::string deep;
  for (int i = 0; i < 500; ++i) deep += "aaaaaaa/";
  EXPECT_FALSE(rules.ignored(deep + std::string(2000, 'a'), false));
  EXPECT_TRUE(rules.ignored(deep + "z", false));
}

// The checks of a pattern's fixed-width ends and of the one wildcard between them.
TEST(PathGlob, FixedWidthEndsAndOneWildcard) {
  EXPECT_TRUE(path_glob_match("file[0-9].txt", "file7.txt"));
  EXPECT_FALSE(path_glob_match("file[0-9].txt", "file77.txt")) << "no wildcard: the length is fixed";
  EXPECT_FALSE(path_glob_match("file[0-9].txt", "file7.txtx"));
  EXPECT_TRUE(path_glob_match("*.py[cod]", "a.pyc"));
  EXPECT_TRUE(path_glob_match("*.py[cod]", ".pyo")) << "the star may be empty";
  EXPECT_FALSE(path_glob_match("*.py[cod]", "a.py"));
  EXPECT_FALSE(path_glob_match("*.py[cod]", "a.pyx"));
  EXPECT_FALSE(path_glob_match("*.py[cod]", "dir/a.pyc")) << "a star never crosses a '/'";
  EXPECT_TRUE(path_glob_match(".coverage.*", ".coverage.1"));
  EXPECT_TRUE(path_glob_match(".coverage.*", ".coverage."));
  EXPECT_FALSE(path_glob_match(".coverage.*", ".coverage"));
  EXPECT_FALSE(path_glob_match(".coverage.*", ".coverage.1/x"));
  EXPECT_FALSE(path_glob_match("abc*abc", "abc")) << "the two ends may not overlap";
  EXPECT_TRUE(path_glob_match("abc*abc", "abcabc"));
  EXPECT_TRUE(path_glob_match("a?*?b", "axyb"));
  EXPECT_FALSE(path_glob_match("a?*?b", "axb"));
  EXPECT_TRUE(path_glob_match("a/**", "a/b"));
  EXPECT_FALSE(path_glob_match("a/**", "ab/c"));
  EXPECT_TRUE(path_glob_match("**/x.log", "a/b/x.log")) << "a **/ goes to the general matcher after the end matched";
  EXPECT_FALSE(path_glob_match("**/x.log", "a/b/y.log"));
  EXPECT_FALSE(path_glob_match("a*b*c", "a/b/c"));
  EXPECT_TRUE(path_glob_match("a*b*c", "axbxc"));
}

// Without "**", a gitignore glob is fnmatch(3) with FNM_PATHNAME: every pattern of up to three
// tokens over a small alphabet against every path of up to five chars, both ways.
TEST(PathGlob, AgreesWithFnmatchOnSmallPatternsAndPaths) {
  using openlock::testing::concatenations;
  const auto patterns = concatenations({"a", "b", ".", "/", "*", "?", "[ab]", "[!a]", "\\*"}, 3);
  const auto paths = concatenations({"a", "b", ".", "/", "*"}, 5);
  std::size_t checked = 0, matched = 0;
  for (const auto& pattern : patterns) {
    if (pattern.find("**") != std::string::npos) continue;  // git's "**" is not fnmatch's
    PathGlob glob(pattern);
    for (const auto& path : paths) {
      bool expected = fnmatch(pattern.c_str(), path.c_str(), FNM_PATHNAME) == 0;
      ASSERT_EQ(glob.matches(path), expected) << "pattern '" << pattern << "' path '" << path << "'";
      ++checked;
      matched += expected;
    }
  }
  EXPECT_GT(checked, 100000u);
  EXPECT_GT(matched, 1000u);
}

// The fast checks under every gitignore feature: negation, folder-only, anchoring, "**", a
// nested ignore file's base.
TEST(IgnoreRules, FastPatternsKeepGitSemantics) {
  IgnoreRules rules;
  rules.add_file("", "*.py[cod]\n!keep.pyc\n*.egg-info/\n/.env*\n**/__pycache__/\nlogs/**\ndocs/*.md\n");
  rules.add_file("pkg", "!*.pyo\n/gen_*\n");
  EXPECT_TRUE(rules.ignored("a/b.pyc", false));
  EXPECT_FALSE(rules.ignored("a/keep.pyc", false)) << "a later negation wins";
  EXPECT_FALSE(rules.ignored("a/b.py", false));
  EXPECT_TRUE(rules.ignored("src/x.egg-info", true));
  EXPECT_FALSE(rules.ignored("src/x.egg-info", false)) << "folder-only";
  EXPECT_TRUE(rules.ignored(".env.local", false));
  EXPECT_FALSE(rules.ignored("sub/.env.local", false)) << "anchored at the root";
  EXPECT_TRUE(rules.ignored("a/b/__pycache__", true));
  EXPECT_FALSE(rules.ignored("a/b/x__pycache__", true));
  EXPECT_TRUE(rules.ignored("logs/2024/x.txt", false));
  EXPECT_FALSE(rules.ignored("logs", true));
  EXPECT_TRUE(rules.ignored("docs/a.md", false));
  EXPECT_FALSE(rules.ignored("docs/sub/a.md", false)) << "a star in an anchored pattern stays in one folder";
  EXPECT_TRUE(rules.ignored("pkg/m.pyc", false));
  EXPECT_FALSE(rules.ignored("pkg/m.pyo", false)) << "the nested file's negation";
  EXPECT_TRUE(rules.ignored("other/m.pyo", false));
  EXPECT_TRUE(rules.ignored("pkg/gen_x", false));
  EXPECT_FALSE(rules.ignored("pkg/sub/gen_x", false)) << "anchored at the nested file's folder";
  EXPECT_FALSE(rules.ignored("gen_x", false));
}
