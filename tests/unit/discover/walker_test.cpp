#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>

#include "discover/discover.hpp"
#include "unit/discover/temp_tree.hpp"

using namespace openlock;
using openlock::testing::TempTree;
namespace fs = std::filesystem;

namespace {

struct Walked {
  std::vector<std::string> paths;
  std::vector<Diagnostic> diagnostics;
  bool diagnosed(const std::string& path, const std::string& words) const {
    return std::any_of(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& d) {
      return d.location.path == path && d.message.find(words) != std::string::npos;
    });
  }
};

Walked walk(const fs::path& root) {
  std::vector<DiscoveredFile> files;
  Walked w;
  discover(root, files, w.diagnostics);
  for (const auto& f : files) w.paths.push_back(f.rel_path);
  return w;
}

using Paths = std::vector<std::string>;

}  // namespace

TEST(Walker, ListsFilesSortedAndSkipsGit) {
  TempTree t;
  t.write("b.txt", "b");
  t.write("a/z.txt", "z");
  t.write("a/b.txt", "b");
  t.write(".git/config", "x");
  t.write("sub/.git", "gitdir: elsewhere");
  EXPECT_EQ(walk(t.root()).paths, (Paths{"a/b.txt", "a/z.txt", "b.txt"}));
}

TEST(Walker, HonoursNestedIgnoreFiles) {
  TempTree t;
  t.write(".gitignore", "*.log\nbuild/\n/top-only.txt\n");
  t.write(".openlockignore", "vendor\n");
  t.write("keep.txt", "");
  t.write("x.log", "");
  t.write("top-only.txt", "");
  t.write("sub/top-only.txt", "");
  t.write("build/out.txt", "");
  t.write("vendor/lib.py", "");
  t.write("sub/.gitignore", "!important.log\n*.tmp\n");
  t.write("sub/important.log", "");
  t.write("sub/other.log", "");
  t.write("sub/a.tmp", "");
  t.write("c.tmp", "");
  EXPECT_EQ(walk(t.root()).paths, (Paths{".gitignore", ".openlockignore", "c.tmp", "keep.txt", "sub/.gitignore",
                                         "sub/important.log", "sub/top-only.txt"}));
}

TEST(Walker, SizesAreRecordedNotCapped) {
  TempTree t;
  t.write("big.txt", std::string(100, 'x'));
  t.write("small.txt", "x");
  std::vector<DiscoveredFile> files;
  std::vector<Diagnostic> diags;
  discover(t.root(), files, diags);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].size, 100u);
  EXPECT_TRUE(diags.empty());
}

TEST(Walker, SymlinksStayInsideTheTarget) {
  TempTree outside;
  outside.write("secret.txt", "s");
  TempTree t;
  t.write("real/file.txt", "f");
  fs::create_symlink(outside.root() / "secret.txt", t.root() / "escape.txt");
  fs::create_directory_symlink(outside.root(), t.root() / "escape-dir");
  fs::create_symlink(t.root() / "real/file.txt", t.root() / "inside.txt");
  fs::create_directory_symlink(t.root(), t.root() / "real/loop");
  fs::create_symlink(t.root() / "missing", t.root() / "dangling");
  Walked w = walk(t.root());
  EXPECT_EQ(w.paths, (Paths{"inside.txt", "real/file.txt"}));
  EXPECT_TRUE(w.diagnosed("escape.txt", "outside the target"));
  EXPECT_TRUE(w.diagnosed("escape-dir", "outside the target"));
  EXPECT_TRUE(w.diagnosed("dangling", "broken symlink"));
}

TEST(Walker, FifoIsSkippedWithoutOpening) {
  TempTree t;
  t.write("a.txt", "a");
  ASSERT_EQ(::mkfifo((t.root() / "pipe").c_str(), 0600), 0);
  Walked w = walk(t.root());  // would block forever if the FIFO were opened
  EXPECT_EQ(w.paths, (Paths{"a.txt"}));
  EXPECT_TRUE(w.diagnosed("pipe", "not a regular file"));
}

TEST(Walker, StrangeFileNames) {
  TempTree t;
  t.write(std::string("new\nline.txt"), "x");
  t.write(std::string("bad-\xff\xfe.txt"), "x");
  EXPECT_EQ(walk(t.root()).paths.size(), 2u);
}

TEST(Walker, SingleFileTarget) {
  TempTree t;
  auto file = t.write("dir/requirements.txt", "x");
  EXPECT_EQ(walk(file).paths, (Paths{"requirements.txt"}));
}

TEST(Walker, UnreadableFolderIsADiagnostic) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads folders whatever their mode";
  TempTree t;
  t.write("locked/a.txt", "a");
  fs::permissions(t.root() / "locked", fs::perms::none);
  Walked w = walk(t.root());
  fs::permissions(t.root() / "locked", fs::perms::owner_all);
  EXPECT_TRUE(w.diagnosed("locked", "cannot read folder"));
}
