// evidence_excerpt: a short line is its own evidence; a long one is cut around the match.
#include <gtest/gtest.h>

#include <string>

#include "parse/text_lines.hpp"

using namespace openlock;

namespace {

bool ends_with(const std::string& s, std::string_view tail) { return s.size() >= tail.size() && s.ends_with(tail); }

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += len;
  }
  return true;
}

}  // namespace

TEST(EvidenceExcerpt, AShortLineIsItsLineTrimmed) {
  std::string text = "first\n  \tpip install openai  \r\nlast";
  std::size_t at = text.find("openai");
  EXPECT_EQ(evidence_excerpt(text, at, 6), "pip install openai");
  EXPECT_EQ(evidence_excerpt(text, text.find("first")), "first");
  EXPECT_EQ(evidence_excerpt(text, text.find("last")), "last");
  EXPECT_EQ(evidence_excerpt(text, text.find("pip")), "pip install openai");
  EXPECT_EQ(evidence_excerpt("\xEF\xBB\xBFimport a", 3), "import a") << "the BOM is not evidence";
  EXPECT_EQ(evidence_excerpt("", 0), "");
  EXPECT_EQ(evidence_excerpt("abc", 99), "abc") << "an offset past the end stays in the text";
}

TEST(EvidenceExcerpt, ALineOfExactlyTheLimitIsNotCut) {
  std::string line(kMaxEvidenceBytes, 'a');
  EXPECT_EQ(evidence_excerpt(line + "\n", kMaxEvidenceBytes - 1), line);
  EXPECT_EQ(evidence_excerpt(line + std::string(500, ' '), 0), line) << "trailing blanks are not counted";
}

TEST(EvidenceExcerpt, AMatchAtTheStartOfALongLineKeepsTheStart) {
  std::string text = "MATCH" + std::string(10000, 'x') + "\nnext";
  std::string e = evidence_excerpt(text, 0, 5);
  EXPECT_EQ(e, "MATCH" + std::string(kMaxEvidenceBytes - 5, 'x') + "...");
}

TEST(EvidenceExcerpt, AMatchAtTheEndOfALongLineKeepsTheEnd) {
  std::string text = "before\n" + std::string(10000, 'x') + "MATCH\nafter";
  std::string e = evidence_excerpt(text, text.find("MATCH"), 5);
  EXPECT_TRUE(e.starts_with("...")) << e;
  EXPECT_TRUE(ends_with(e, "xMATCH")) << e;
  EXPECT_LE(e.size(), kMaxEvidenceBytes + 3);
}

TEST(EvidenceExcerpt, AMatchInTheMiddleHasContextAndMarkersBothSides) {
  std::string text = std::string(5000, 'a') + "MATCH" + std::string(5000, 'b');
  std::string e = evidence_excerpt(text, 5000, 5);
  EXPECT_TRUE(e.starts_with("...a")) << e;
  EXPECT_TRUE(ends_with(e, "b...")) << e;
  EXPECT_NE(e.find("aMATCHb"), std::string::npos) << e;
  EXPECT_EQ(e.size(), kMaxEvidenceBytes + 6);
}

TEST(EvidenceExcerpt, AMatchLongerThanTheLimitShowsItsStart) {
  std::string text = "x = " + std::string(2000, 'm');
  std::string e = evidence_excerpt(text, 4, 2000);
  EXPECT_EQ(e, "x = " + std::string(kMaxEvidenceBytes - 4, 'm') + "...");
}

TEST(EvidenceExcerpt, CutsNeverSplitAUtf8Character) {
  std::string e_acute = "\xc3\xa9", euro = "\xe2\x82\xac";
  std::string text;
  for (int i = 0; i < 3000; ++i) text += i % 2 ? e_acute : euro;
  for (std::size_t at : {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{3000}, std::size_t{3001}, text.size() - 1}) {
    std::string e = evidence_excerpt(text, at, 1);
    EXPECT_TRUE(valid_utf8(e)) << "at " << at;
    EXPECT_LE(e.size(), kMaxEvidenceBytes + 6);
  }
}

TEST(EvidenceExcerpt, LineEvidenceCutsAroundTheColumn) {
  const std::string text = "short\n" + std::string(1000, 'a') + "HERE" + std::string(1000, 'b') + "\n";
  std::vector<TextLine> lines = split_lines(text);  // views into `text`, which must outlive them
  EXPECT_EQ(line_evidence(lines, 1), "short");
  EXPECT_EQ(line_evidence(lines, 1, 3), "short");
  EXPECT_NE(line_evidence(lines, 2, 1001).find("HERE"), std::string::npos);
  EXPECT_EQ(line_evidence(lines, 3, 1, "fallback"), "fallback");
  EXPECT_EQ(line_evidence(lines, 0), "");
}
