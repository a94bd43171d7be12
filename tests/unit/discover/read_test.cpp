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
  EXPECT_TRUE(read_text_file({"a.txt", path, 12}, 1000, text, diags));
  EXPECT_EQ(text, "line1\r\nline2");
  EXPECT_TRUE(diags.empty());
}

TEST(ReadTextFile, BinaryIsSkippedSilently) {
  TempTree t;
  auto path = t.write("model.bin", std::string("GGUF\0\0\1", 7));
  std::string text;
  std::vector<Diagnostic> diags;
  EXPECT_FALSE(read_text_file({"model.bin", path, 7}, 1000, text, diags));
  EXPECT_TRUE(diags.empty());
}

TEST(ReadTextFile, VanishedFileIsADiagnostic) {
  TempTree t;
  std::string text;
  std::vector<Diagnostic> diags;
  EXPECT_FALSE(read_text_file({"gone.txt", t.root() / "gone.txt", 3}, 1000, text, diags));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].location.path, "gone.txt");
}

TEST(ReadTextFile, GrownFileOverCapIsADiagnostic) {
  TempTree t;
  auto path = t.write("grew.txt", std::string(64, 'x'));
  std::string text;
  std::vector<Diagnostic> diags;
  EXPECT_FALSE(read_text_file({"grew.txt", path, 10}, 32, text, diags));
  ASSERT_EQ(diags.size(), 1u);
}

TEST(ReadTextFile, UnreadableFileIsADiagnostic) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads files whatever their mode";
  TempTree t;
  auto path = t.write("secret.txt", "x");
  std::filesystem::permissions(path, std::filesystem::perms::none);
  std::string text;
  std::vector<Diagnostic> diags;
  EXPECT_FALSE(read_text_file({"secret.txt", path, 1}, 100, text, diags));
  EXPECT_EQ(diags.size(), 1u);
}

TEST(ReadTextFile, OverTheCapIsADiagnostic) {
  TempTree t;
  auto path = t.write("requirements.txt", std::string(100, 'x'));
  std::string text;
  std::vector<Diagnostic> diags;
  EXPECT_FALSE(read_text_file({"requirements.txt", path, 100}, 50, text, diags));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_NE(diags[0].message.find("over the size cap of 50 bytes"), std::string::npos);
}
