#include "core/diagnostics.hpp"

#include <gtest/gtest.h>

using namespace openlock;

namespace {

Diagnostic at(const std::string& path, std::uint32_t line, std::string level = "warning") {
  return {{path, line, 1}, "problem on line " + std::to_string(line), std::move(level)};
}

}  // namespace

TEST(Diagnostics, KeepsTheFirstOfEachFileAndCountsTheRest) {
  Diagnostics d;
  for (std::uint32_t i = 1; i <= 1000; ++i) d.push_back(at("a.txt", i));
  d.emplace_back(Location{"b.txt", 1, 1}, "other file");
  ASSERT_EQ(d.size(), Diagnostics::kMaxPerFile + 2);
  EXPECT_EQ(d[49].location.line, 50u);
  EXPECT_EQ(d[50].location.path, "a.txt");
  EXPECT_EQ(d[50].location.line, 0u);
  EXPECT_EQ(d[50].message, "950 more problems in this file are not reported");
  EXPECT_EQ(d.back().message, "other file");
}

TEST(Diagnostics, UnderTheCapNothingIsAdded) {
  Diagnostics d;
  for (std::uint32_t i = 1; i <= Diagnostics::kMaxPerFile; ++i) d.push_back(at("a.txt", i));
  EXPECT_EQ(d.size(), Diagnostics::kMaxPerFile);
  EXPECT_EQ(d.back().location.line, Diagnostics::kMaxPerFile);
}

TEST(Diagnostics, AnErrorIsNeverDropped) {
  Diagnostics d;
  for (std::uint32_t i = 1; i <= 100; ++i) d.push_back(at("a.txt", i));
  d.push_back({{"a.txt", 0, 0}, "parser failed", "error"});
  EXPECT_EQ(d.back().message, "parser failed");
  EXPECT_EQ(d.size(), Diagnostics::kMaxPerFile + 2);
}

TEST(Diagnostics, AppendKeepsTheCapAndTheCounts) {
  Diagnostics walk, file;
  for (std::uint32_t i = 1; i <= 10; ++i) walk.push_back(at("a.txt", i));
  for (std::uint32_t i = 11; i <= 100; ++i) file.push_back(at("a.txt", i));  // 50 kept, 40 counted
  file.push_back(at("b.txt", 1));
  walk.append(std::move(file));
  std::size_t of_a = 0;
  std::string summary;
  for (const auto& d : walk)
    if (d.location.path == "a.txt") {
      ++of_a;
      if (d.location.line == 0) summary = d.message;
    }
  EXPECT_EQ(of_a, Diagnostics::kMaxPerFile + 1);
  EXPECT_EQ(summary, "50 more problems in this file are not reported") << "10 over the cap here, 40 counted there";
  EXPECT_EQ(walk.back().location.path, "b.txt");
}

TEST(Diagnostics, AppendToEmptyTakesEverything) {
  Diagnostics all, file;
  for (std::uint32_t i = 1; i <= 60; ++i) file.push_back(at("a.txt", i));
  all.append(std::move(file));
  ASSERT_EQ(all.size(), Diagnostics::kMaxPerFile + 1);
  all.push_back(at("a.txt", 61));
  EXPECT_EQ(all[50].message, "11 more problems in this file are not reported") << "the counts came along";
  std::vector<Diagnostic> kept = std::move(all).take();
  EXPECT_EQ(kept.size(), Diagnostics::kMaxPerFile + 1);
}
