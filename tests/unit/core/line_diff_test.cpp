#include "core/line_diff.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>
#include <vector>

using openlock::diff_lines;
using Lines = std::vector<std::uint32_t>;

namespace {

std::string join(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& l : lines) text += l + "\n";
  return text;
}

// Length of a longest common subsequence, the slow way.
std::size_t lcs(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::vector<std::size_t>> t(a.size() + 1, std::vector<std::size_t>(b.size() + 1, 0));
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j)
      t[i][j] = a[i - 1] == b[j - 1] ? t[i - 1][j - 1] + 1 : std::max(t[i - 1][j], t[i][j - 1]);
  return t[a.size()][b.size()];
}

bool is_subsequence(const std::vector<std::string>& small, const std::vector<std::string>& big) {
  std::size_t i = 0;
  for (std::size_t j = 0; j < big.size() && i < small.size(); ++j)
    if (small[i] == big[j]) ++i;
  return i == small.size();
}

}  // namespace

TEST(LineDiff, EqualTextsDoNotDiffer) {
  auto d = diff_lines("a\nb\nc\n", "a\nb\nc\n");
  EXPECT_FALSE(d.differs);
  EXPECT_TRUE(d.added.empty());
  EXPECT_FALSE(diff_lines("", "").differs);
}

TEST(LineDiff, CommonHeadAndTailAreNotChanged) {
  EXPECT_EQ(diff_lines("a\nb\nc\n", "a\nX\nc\n").added, (Lines{2}));
  EXPECT_EQ(diff_lines("a\nb\nc\n", "a\nb\nc\nd\n").added, (Lines{4}));
  EXPECT_EQ(diff_lines("b\nc\n", "a\nb\nc\n").added, (Lines{1}));
}

TEST(LineDiff, InsertionsInTheMiddle) {
  EXPECT_EQ(diff_lines("a\nb\nc\nd\n", "a\nX\nb\nc\nY\nZ\nd\n").added, (Lines{2, 5, 6}));
}

TEST(LineDiff, DeletionOnlyDiffersWithNoAddedLine) {
  auto d = diff_lines("a\nb\nc\n", "a\nc\n");
  EXPECT_TRUE(d.differs);
  EXPECT_TRUE(d.added.empty());
}

TEST(LineDiff, NewAndDeletedFiles) {
  EXPECT_EQ(diff_lines("", "a\nb\n").added, (Lines{1, 2}));
  auto gone = diff_lines("a\nb\n", "");
  EXPECT_TRUE(gone.differs);
  EXPECT_TRUE(gone.added.empty());
}

TEST(LineDiff, CrlfEqualsLfAndLastLineNeedsNoNewline) {
  EXPECT_FALSE(diff_lines("a\nb\n", "a\r\nb\r\n").differs);
  EXPECT_FALSE(diff_lines("a\nb", "a\nb\n").differs);
  EXPECT_EQ(diff_lines("a\nb\n", "a\r\nB\r\n").added, (Lines{2}));
}

TEST(LineDiff, OverTheEditCapTheWholeMiddleIsChanged) {
  // Head "h", tail "t"; in between 1 2 3 becomes x 2 y: four edits (two deletions, two insertions).
  const char* old_text = "h\n1\n2\n3\nt\n";
  const char* new_text = "h\nx\n2\ny\nt\n";
  EXPECT_EQ(diff_lines(old_text, new_text, 4).added, (Lines{2, 4}));
  EXPECT_EQ(diff_lines(old_text, new_text, 3).added, (Lines{2, 3, 4})) << "line 3 is the same, but past the cap";
}

TEST(LineDiff, AddedLinesAreAShortestScript) {
  std::mt19937 random(7);
  for (int round = 0; round < 300; ++round) {
    std::vector<std::string> a, b;
    for (int i = static_cast<int>(random() % 12); i > 0; --i) a.push_back(std::string(1, static_cast<char>('a' + random() % 3)));
    for (int i = static_cast<int>(random() % 12); i > 0; --i) b.push_back(std::string(1, static_cast<char>('a' + random() % 3)));
    auto d = diff_lines(join(a), join(b));
    std::vector<std::string> kept;  // b without the added lines: must be common to both
    for (std::size_t j = 0, k = 0; j < b.size(); ++j) {
      if (k < d.added.size() && d.added[k] == j + 1) {
        ++k;
        continue;
      }
      kept.push_back(b[j]);
    }
    ASSERT_EQ(d.added.size(), b.size() - lcs(a, b)) << join(a) << "--\n" << join(b);
    ASSERT_TRUE(is_subsequence(kept, a)) << join(a) << "--\n" << join(b);
    ASSERT_EQ(d.differs, a != b);
  }
}

TEST(LineDiff, AFileRewrittenWholeStaysFast) {
  // 50 000 lines, every one different: capped at kMaxLineEdits, so linear, not quadratic.
  std::string old_text, new_text;
  for (int i = 0; i < 50000; ++i) {
    old_text += "old " + std::to_string(i) + "\n";
    new_text += "new " + std::to_string(i) + "\n";
  }
  auto start = std::chrono::steady_clock::now();
  auto d = diff_lines(old_text, new_text);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(d.added.size(), 50000u);
  EXPECT_LT(seconds, 20.0);
}
