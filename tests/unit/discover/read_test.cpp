#include <gtest/gtest.h>
#include <unistd.h>

#include "discover/discover.hpp"
#include "unit/discover/temp_tree.hpp"

using namespace openlock;
using openlock::testing::TempTree;

TEST(ReadTextFile, ReadsWholeText) {
  TempTree t;
  auto path = t.write("a.txt", "line1\r\nline2");
  std::string text;
  std::vector<Diagnostic> diags;
  EXPECT_TRUE(read_text_file({"a.txt", path}, 1000, text, diags));
  EXPECT_EQ(text, "line1\r\nline2");
  EXPECT_TRUE(diags.empty());
}

TEST(ReadTextFile, BinaryIsSkippedWithADiagnostic) {
  TempTree t;
  auto path = t.write("LICENSE", std::string("GGUF\0\0\1", 7));
  std::string text;
  std::vector<Diagnostic> diags;
  EXPECT_FALSE(read_text_file({"LICENSE", path}, 1000, text, diags));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].location.path, "LICENSE");
  EXPECT_NE(diags[0].message.find("binary"), std::string::npos);
  EXPECT_TRUE(text.empty());
}

TEST(ReadTextFile, UnreadableFileIsADiagnostic) {
  TempTree t;
  auto path = t.write("secret.txt", "x");
  std::filesystem::permissions(path, std::filesystem::perms::none);
  std::string text;
  std::vector<Diagnostic> diags;
  {
    openlock::testing::AsNobodyIfRoot nobody;
    EXPECT_FALSE(read_text_file({"secret.txt", path}, 100, text, diags));
  }
  EXPECT_EQ(diags.size(), 1u);
}

TEST(ReadTextFile, OverTheCapIsADiagnostic) {
  TempTree t;
  auto path = t.write("requirements.txt", std::string(100, 'x'));
  std::string text;
  std::vector<Diagnostic> diags;
  EXPECT_FALSE(read_text_file({"requirements.txt", path}, 50, text, diags));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_NE(diags[0].message.find("over the size cap of 50 bytes"), std::string::npos);
}

TEST(ReadTextFile, VanishedFileSaysWhy) {
  TempTree t;
  std::string text = "stale";
  std::vector<Diagnostic> diags;
  EXPECT_FALSE(read_text_file({"gone.txt", t.root() / "gone.txt"}, 1000, text, diags));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].message, "cannot read file: No such file or directory");
  EXPECT_TRUE(text.empty());
}

TEST(ReadTextFile, FifoSwappedInAfterTheWalkDoesNotBlock) {
  TempTree t;
  auto path = t.root() / "pipe";
  ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0);
  std::string text;
  std::vector<Diagnostic> diags;
  EXPECT_FALSE(read_text_file({"pipe", path}, 1000, text, diags));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_NE(diags[0].message.find("not a regular file"), std::string::npos);
}

TEST(ReadTextFile, OverTheCapMessageGivesTheSizeAndTheOption) {
  TempTree t;
  auto path = t.write("grew.txt", std::string(64, 'x'));
  std::string text;
  std::vector<Diagnostic> diags;
  EXPECT_FALSE(read_text_file({"grew.txt", path}, 32, text, diags));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].message, "file is 64 bytes, over the size cap of 32 bytes; skipped (raise with --max-file-size)");
}

TEST(ReadTextFile, NulAfterTheProbeIsText) {
  TempTree t;
  std::string content(9000, 'x');
  content += '\0';
  auto path = t.write("late-nul.txt", content);
  std::string text;
  std::vector<Diagnostic> diags;
  EXPECT_TRUE(read_text_file({"late-nul.txt", path}, 100000, text, diags));
  EXPECT_EQ(text.size(), content.size());
}

TEST(ReadTextFile, BomAndCrlfAreKept) {
  TempTree t;
  auto path = t.write("bom.txt", "\xef\xbb\xbfx\r\n");
  std::string text;
  std::vector<Diagnostic> diags;
  EXPECT_TRUE(read_text_file({"bom.txt", path}, 100, text, diags));
  EXPECT_EQ(text, "\xef\xbb\xbfx\r\n");
}

TEST(ReadTextFile, FolderIsADiagnostic) {
  TempTree t;
  std::string text;
  std::vector<Diagnostic> diags;
  EXPECT_FALSE(read_text_file({"dir", t.root()}, 100, text, diags));
  EXPECT_EQ(diags.size(), 1u);
}
