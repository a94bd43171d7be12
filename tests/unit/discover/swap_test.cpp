// A file found by the walk is read where the walk found it: a folder on its way or the file itself
// replaced by a symlink out of the target before it is read is not followed (report D4).
#include <gtest/gtest.h>

#include <filesystem>

#include "discover/discover.hpp"
#include "unit/discover/temp_tree.hpp"

using namespace openlock;
using openlock::testing::TempTree;
namespace fs = std::filesystem;

namespace {

std::vector<DiscoveredFile> walk(const fs::path& root) {
  std::vector<DiscoveredFile> files;
  std::vector<Diagnostic> diagnostics;
  discover(root, files, diagnostics);
  return files;
}

}  // namespace

TEST(SwappedAfterTheWalk, AFolderTurnedSymlinkIsNotFollowed) {
  TempTree t;
  t.write("outside/requirements.txt", "secret-canary\n");
  t.write("target/d/requirements.txt", "numpy\n");
  auto files = walk(t.root() / "target");
  ASSERT_EQ(files.size(), 1u);
  fs::rename(t.root() / "target/d", t.root() / "target/d.real");
  fs::create_directory_symlink(t.root() / "outside", t.root() / "target/d");
  std::string text;
  std::vector<Diagnostic> diagnostics;
  EXPECT_FALSE(read_text_file(files[0], 1000, text, diagnostics));
  EXPECT_EQ(text.find("secret"), std::string::npos);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].location.path, "d/requirements.txt");
  EXPECT_NE(diagnostics[0].message.find("symlink"), std::string::npos) << diagnostics[0].message;
}

TEST(SwappedAfterTheWalk, AFileTurnedSymlinkIsNotFollowed) {
  TempTree t;
  t.write("outside.txt", "secret-canary\n");
  t.write("target/requirements.txt", "numpy\n");
  auto files = walk(t.root() / "target");
  ASSERT_EQ(files.size(), 1u);
  fs::remove(t.root() / "target/requirements.txt");
  fs::create_symlink(t.root() / "outside.txt", t.root() / "target/requirements.txt");
  std::string text;
  std::vector<Diagnostic> diagnostics;
  EXPECT_FALSE(read_text_file(files[0], 1000, text, diagnostics));
  EXPECT_EQ(text.find("secret"), std::string::npos);
  std::uint64_t size = 0;
  EXPECT_FALSE(discovered_size(files[0], size));  // nor is its size taken through the link
}

TEST(SwappedAfterTheWalk, ASymlinkInsideTheTargetIsReadByItsRealPath) {
  TempTree t;
  t.write("target/real/requirements.txt", "numpy\n");
  fs::create_directory_symlink(t.root() / "target/real", t.root() / "target/.hidden-link");
  fs::create_symlink(t.root() / "target/real/requirements.txt", t.root() / "target/req-link.txt");
  auto files = walk(t.root() / "target");
  ASSERT_EQ(files.size(), 2u);  // the folder link adds nothing the real walk did not reach
  EXPECT_EQ(files[0].rel_path, "real/requirements.txt");
  EXPECT_EQ(files[1].rel_path, "req-link.txt");
  EXPECT_EQ(files[1].real_path, "real/requirements.txt");
  std::string text;
  std::vector<Diagnostic> diagnostics;
  EXPECT_TRUE(read_text_file(files[1], 1000, text, diagnostics));
  EXPECT_EQ(text, "numpy\n");
}
