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

TEST(Walker, FilesOverTheSizeCapAreStillListed) {  // the cap applies when a parser reads one
  TempTree t;
  t.write("big.txt", std::string(100, 'x'));
  t.write("small.txt", "x");
  std::vector<DiscoveredFile> files;
  std::vector<Diagnostic> diags;
  discover(t.root(), files, diags);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].rel_path, "big.txt");
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
  TempTree t;
  t.write("locked/a.txt", "a");
  fs::permissions(t.root() / "locked", fs::perms::none);
  Walked w;
  {
    openlock::testing::AsNobodyIfRoot nobody;
    w = walk(t.root());
  }
  fs::permissions(t.root() / "locked", fs::perms::owner_all);
  EXPECT_TRUE(w.diagnosed("locked", "cannot read folder"));
}

namespace {

bool unique(const Paths& paths) {
  Paths sorted = paths;
  std::sort(sorted.begin(), sorted.end());
  return std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end();
}

}  // namespace

TEST(Walker, NestedIgnoreFilesAreRelativeToTheirFolder) {
  TempTree t;
  t.write(".gitignore", "**/cache/\nlogs/**\n");
  t.write("pkg/.openlockignore", "/gen.py\nout/\n**/*.snap\n!keep.snap\n");
  t.write("pkg/.gitignore", "*.bak\n");
  t.write("pkg/gen.py", "");
  t.write("pkg/lib/gen.py", "");      // "/gen.py" is anchored to pkg/, not to lib/
  t.write("pkg/out/a.txt", "");       // dir-only pattern, folder matched
  t.write("pkg/lib/out", "");         // dir-only pattern, a file of that name stays
  t.write("pkg/a/b/x.snap", "");
  t.write("pkg/a/b/keep.snap", "");   // later negation wins
  t.write("pkg/x.bak", "");
  t.write("x.bak", "");               // pkg/.gitignore does not reach above pkg/
  t.write("deep/er/cache/c.txt", "");
  t.write("logs/today/l.txt", "");
  EXPECT_EQ(walk(t.root()).paths, (Paths{".gitignore", "pkg/.gitignore", "pkg/.openlockignore", "pkg/a/b/keep.snap",
                                         "pkg/lib/gen.py", "pkg/lib/out", "x.bak"}));
}

TEST(Walker, FileInsideAnIgnoredFolderCannotBeReincluded) {
  TempTree t;
  t.write(".gitignore", "build/\n!build/keep.txt\n");
  t.write("build/keep.txt", "");
  t.write("sub/.gitignore", "!*.txt\n");
  t.write("sub/build/k.txt", "");
  EXPECT_EQ(walk(t.root()).paths, (Paths{".gitignore", "sub/.gitignore"}));
}

TEST(Walker, IgnoredSymlinkIsSilent) {
  TempTree outside;
  TempTree t;
  t.write(".gitignore", "result\n");
  fs::create_directory_symlink(outside.root(), t.root() / "result");
  Walked w = walk(t.root());
  EXPECT_EQ(w.paths, (Paths{".gitignore"}));
  EXPECT_TRUE(w.diagnostics.empty());
}

TEST(Walker, SymlinkedFolderInsideKeepsRealPaths) {
  TempTree t;
  t.write("z-real/f.txt", "");
  fs::create_directory_symlink(t.root() / "z-real", t.root() / "a-alias");
  Walked w = walk(t.root());
  EXPECT_EQ(w.paths, (Paths{"z-real/f.txt"})) << "the real path wins over an alias walked first";
  EXPECT_TRUE(w.diagnostics.empty());
}

TEST(Walker, SymlinkedFolderIsFollowedWhenItsRealPlaceIsIgnored) {
  TempTree t;
  t.write(".gitignore", "hidden/\n");
  t.write("hidden/f.txt", "");
  fs::create_directory_symlink("hidden", t.root() / "view");
  EXPECT_EQ(walk(t.root()).paths, (Paths{".gitignore", "view/f.txt"}));
}

TEST(Walker, SymlinkLoopsTerminateWithoutDuplicates) {
  TempTree t;
  t.write("a/f.txt", "");
  t.write("b/g.txt", "");
  fs::create_directory_symlink("..", t.root() / "a/up");  // to the parent, relative
  fs::create_directory_symlink("../a", t.root() / "b/to-a");
  fs::create_directory_symlink("../b", t.root() / "a/to-b");
  Walked w = walk(t.root());
  EXPECT_EQ(w.paths, (Paths{"a/f.txt", "b/g.txt"}));
  EXPECT_TRUE(unique(w.paths));
}

TEST(Walker, SymlinkToAFifoIsNeverOpened) {
  TempTree t;
  ASSERT_EQ(::mkfifo((t.root() / "pipe").c_str(), 0600), 0);
  fs::create_symlink(t.root() / "pipe", t.root() / "link");
  Walked w = walk(t.root());
  EXPECT_TRUE(w.paths.empty());
  EXPECT_TRUE(w.diagnosed("link", "not a regular file"));
}

TEST(Walker, FifoNamedLikeAnIgnoreFileIsNotRead) {
  TempTree t;
  t.write("a.txt", "");
  ASSERT_EQ(::mkfifo((t.root() / ".gitignore").c_str(), 0600), 0);
  EXPECT_EQ(walk(t.root()).paths, (Paths{"a.txt"}));
}

TEST(Walker, HugeIgnoreFileIsADiagnostic) {
  TempTree t;
  t.write(".openlockignore", "a.txt\n" + std::string(2u << 20, '#'));
  t.write("a.txt", "");
  Walked w = walk(t.root());
  EXPECT_EQ(w.paths, (Paths{".openlockignore", "a.txt"}));
  EXPECT_TRUE(w.diagnosed(".openlockignore", "not applied"));
}

TEST(Walker, OutputIsSortedAndDeterministic) {
  TempTree t;
  for (const char* name : {"b/x", "a-b", "a/b", "B", "a.b", "_z", "\xc3\xa9"}) t.write(name, "");
  Walked first = walk(t.root());
  Walked second = walk(t.root());
  EXPECT_EQ(first.paths, second.paths);
  EXPECT_TRUE(std::is_sorted(first.paths.begin(), first.paths.end()));
  EXPECT_EQ(first.paths.size(), 7u);
}

TEST(Walker, MissingTargetIsADiagnosticNotACrash) {
  TempTree t;
  Walked w = walk(t.root() / "nope");
  EXPECT_TRUE(w.paths.empty());
  EXPECT_EQ(w.diagnostics.size(), 1u);
}

TEST(Walker, FifoTargetIsNotOpened) {
  TempTree t;
  ASSERT_EQ(::mkfifo((t.root() / "pipe").c_str(), 0600), 0);
  Walked w = walk(t.root() / "pipe");
  EXPECT_TRUE(w.paths.empty());
  EXPECT_EQ(w.diagnostics.size(), 1u);
}

// The callback lets parsing start during the walk: it must see exactly the files returned, once
// each (symlinked folders and ignored files included in the same way).
TEST(Walker, OnFileSeesEachReturnedFileOnceAsItIsFound) {
  TempTree t;
  t.write("b.txt", "b");
  t.write("a/z.txt", "z");
  t.write("a-b/x.txt", "x");
  t.write("ignored/y.txt", "y");
  t.write(".gitignore", "ignored/\n");
  t.write("real/file.txt", "f");
  fs::create_directory_symlink(t.root() / "real", t.root() / "linked");
  fs::create_directory_symlink(t.root(), t.root() / "real/loop");
  std::vector<DiscoveredFile> files;
  std::vector<Diagnostic> diagnostics;
  Paths seen;
  discover(t.root(), files, diagnostics, [&](const DiscoveredFile& f) { seen.push_back(f.rel_path); });
  Paths returned;
  for (const auto& f : files) returned.push_back(f.rel_path);
  EXPECT_EQ(returned, (Paths{".gitignore", "a-b/x.txt", "a/z.txt", "b.txt", "real/file.txt"}));
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen, returned);
}
