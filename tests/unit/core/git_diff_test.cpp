#include "core/git_diff.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>

#include "unit/discover/temp_tree.hpp"

using namespace openlock;
using openlock::testing::TempTree;
using Lines = std::set<std::uint32_t>;

namespace {

constexpr std::uint64_t kCap = 8u << 20;

bool has_git() { return std::system("git --version >/dev/null 2>&1") == 0; }

// Makes `t` a repository (if it is not yet) and commits everything in it.
void commit_all(const TempTree& t, const std::string& message) {
  std::string git = "git -C '" + t.root().string() + "' -c user.name=t -c user.email=t@t -c commit.gpgsign=false ";
  ASSERT_EQ(std::system((git + "init -q 2>/dev/null; " + git + "add -A && " + git + "commit -qm " + message).c_str()), 0);
}

ChangedLines changed(const std::filesystem::path& target, const std::string& rev, const std::vector<std::string>& paths) {
  GitRevision revision;
  std::string error;
  EXPECT_TRUE(revision.open(target, rev, error)) << error;
  ChangedLines result;
  EXPECT_TRUE(revision.changed_lines(paths, kCap, result, error)) << error;
  return result;
}

}  // namespace

TEST(GitRevision, ModifiedNewUnchangedAndRenamedFiles) {
  if (!has_git()) GTEST_SKIP() << "git is not installed";
  TempTree t;
  t.write("requirements.txt", "numpy\nscipy\n");
  t.write("same.txt", "x\n");
  t.write("old-name.txt", "openai\n");
  t.write("shrunk.txt", "a\nb\n");
  commit_all(t, "one");
  t.write("requirements.txt", "numpy\nopenai\nscipy\n");  // one line inserted, not committed
  t.write("untracked.txt", "openai\n");
  std::filesystem::rename(t.root() / "old-name.txt", t.root() / "new-name.txt");
  t.write("shrunk.txt", "a\n");
  auto c = changed(t.root(), "HEAD",
                   {"requirements.txt", "same.txt", "untracked.txt", "new-name.txt", "shrunk.txt", "no-such-file"});
  EXPECT_EQ(c["requirements.txt"].lines, (Lines{2}));
  EXPECT_FALSE(c["requirements.txt"].covers(1));
  EXPECT_TRUE(c["requirements.txt"].covers(0)) << "a finding on the whole file: the file changed";
  EXPECT_FALSE(c.count("same.txt"));
  EXPECT_TRUE(c["untracked.txt"].whole) << "an untracked file is new";
  EXPECT_TRUE(c["new-name.txt"].whole) << "a renamed file is new under its new name";
  ASSERT_TRUE(c.count("shrunk.txt")) << "only lines removed: the file still changed";
  EXPECT_TRUE(c["shrunk.txt"].lines.empty());
  EXPECT_FALSE(c.count("no-such-file"));
}

TEST(GitRevision, CommittedChangesAgainstAnOlderRevision) {
  if (!has_git()) GTEST_SKIP() << "git is not installed";
  TempTree t;
  t.write("a.txt", "1\n2\n");
  commit_all(t, "one");
  t.write("a.txt", "1\n2\n3\n");
  commit_all(t, "two");
  EXPECT_EQ(changed(t.root(), "HEAD~1", {"a.txt"})["a.txt"].lines, (Lines{3}));
  EXPECT_FALSE(changed(t.root(), "HEAD", {"a.txt"}).count("a.txt"));
}

TEST(GitRevision, TargetInASubfolderOrAFile) {
  if (!has_git()) GTEST_SKIP() << "git is not installed";
  TempTree t;
  t.write("sub/dir/requirements.txt", "numpy\n");
  t.write("requirements.txt", "numpy\n");  // same name at the top: must not be taken for sub/dir's
  commit_all(t, "one");
  t.write("sub/dir/requirements.txt", "numpy\nopenai\n");
  EXPECT_EQ(changed(t.root() / "sub" / "dir", "HEAD", {"requirements.txt"})["requirements.txt"].lines, (Lines{2}));
  EXPECT_EQ(changed(t.root() / "sub" / "dir" / "requirements.txt", "HEAD", {"requirements.txt"})["requirements.txt"].lines,
            (Lines{2}));
  EXPECT_EQ(changed(t.root() / "sub", "HEAD", {"dir/requirements.txt"})["dir/requirements.txt"].lines, (Lines{2}));
}

TEST(GitRevision, CrlfCheckoutOfAnLfBlobIsUnchanged) {
  if (!has_git()) GTEST_SKIP() << "git is not installed";
  TempTree t;
  t.write("a.txt", "1\n2\n");
  commit_all(t, "one");
  t.write("a.txt", "1\r\n2\r\n");
  EXPECT_FALSE(changed(t.root(), "HEAD", {"a.txt"}).count("a.txt"));
}

TEST(GitRevision, BadRevisionsAndPlacesAreClearErrors) {
  if (!has_git()) GTEST_SKIP() << "git is not installed";
  TempTree t;
  t.write("a.txt", "1\n");
  commit_all(t, "one");
  GitRevision revision;
  std::string error;
  EXPECT_FALSE(revision.open(t.root(), "no-such-revision", error));
  EXPECT_NE(error.find("'no-such-revision' is not a commit"), std::string::npos) << error;
  error.clear();
  EXPECT_FALSE(revision.open(t.root(), "--output=x", error));
  EXPECT_NE(error.find("needs a git revision"), std::string::npos) << error;
  EXPECT_FALSE(std::filesystem::exists(t.root() / "x"));
  error.clear();
  EXPECT_FALSE(revision.open(t.root(), "HEAD:a.txt", error)) << "a blob is not a commit";
  TempTree plain;
  error.clear();
  EXPECT_FALSE(revision.open(plain.root(), "HEAD", error));
  EXPECT_NE(error.find("not a git repository"), std::string::npos) << error;
}

TEST(GitRevision, CallersGitVariablesDoNotRedirectGit) {
  if (!has_git()) GTEST_SKIP() << "git is not installed";
  TempTree t;
  t.write("a.txt", "1\n");
  commit_all(t, "one");
  t.write("a.txt", "1\n2\n");
  ::setenv("GIT_DIR", "/nonexistent", 1);
  ::setenv("GIT_WORK_TREE", "/nonexistent", 1);
  auto c = changed(t.root(), "HEAD", {"a.txt"});
  ::unsetenv("GIT_DIR");
  ::unsetenv("GIT_WORK_TREE");
  EXPECT_EQ(c["a.txt"].lines, (Lines{2}));
}

// A CI container job checks out as one user and runs as another; with the user's global config
// (and its safe.directory list) left out, git's ownership check must not refuse the repository.
TEST(GitRevision, ARepositoryOwnedByAnotherUserIsRead) {
  if (!has_git()) GTEST_SKIP() << "git is not installed";
  if (geteuid() != 0) GTEST_SKIP() << "needs root to give the repository to another user";
  TempTree t;
  t.write("requirements.txt", "numpy\n");
  commit_all(t, "one");
  t.write("requirements.txt", "numpy\nopenai\n");
  ASSERT_EQ(std::system(("chown -R 65534:65534 '" + t.root().string() + "'").c_str()), 0);
  EXPECT_EQ(changed(t.root(), "HEAD", {"requirements.txt"})["requirements.txt"].lines, (Lines{2}));
  ASSERT_EQ(std::system(("chown -R 0:0 '" + t.root().string() + "'").c_str()), 0);
}
