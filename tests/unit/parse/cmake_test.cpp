#include "parse/cmake.hpp"

#include <gtest/gtest.h>

#include "unit/parse/parse_helpers.hpp"

using namespace openlock;
using openlock::testing::of_kind;
using openlock::testing::run;

namespace {
ParseOutput cmake(std::string_view text) { return run(parse_cmake, text, "CMakeLists.txt"); }
}  // namespace

TEST(Cmake, Accepts) {
  EXPECT_TRUE(cmake_accepts("CMakeLists.txt"));
  EXPECT_TRUE(cmake_accepts("cmake/backends.cmake"));
  EXPECT_FALSE(cmake_accepts("CMakeCache.txt"));
  EXPECT_FALSE(cmake_accepts("cmake.md"));
}

TEST(Cmake, LanguagesPackagesAndOptions) {
  auto out = cmake(
      "cmake_minimum_required(VERSION 3.25)\n"
      "project(demo VERSION 1.2 DESCRIPTION \"a (demo)\" LANGUAGES C CXX CUDA)\n"
      "enable_language(HIP)\n"
      "find_package(CUDAToolkit 12 REQUIRED COMPONENTS cublas)\n"
      "option(DEMO_METAL \"Metal backend\" ON)\n"
      "option(DEMO_VULKAN \"Vulkan backend\")\n"
      "set(DEMO_SYCL ON CACHE BOOL \"SYCL\")\n"
      "set(NOT_CACHED ON)\n"
      "if(DEMO_METAL)\n  target_compile_definitions(x PRIVATE DEMO_METAL=1)\nendif()\n");
  EXPECT_TRUE(out.diagnostics.empty());
  auto langs = of_kind(out, "cmake_language");
  ASSERT_EQ(langs.size(), 4u);
  EXPECT_EQ(langs[2]->get("language"), "CUDA");
  EXPECT_EQ(langs[2]->location.line, 2u);
  EXPECT_EQ(langs[3]->get("language"), "HIP");
  auto pkgs = of_kind(out, "cmake_package");
  ASSERT_EQ(pkgs.size(), 1u);
  EXPECT_EQ(pkgs[0]->get("name"), "CUDAToolkit");
  auto opts = of_kind(out, "cmake_option");
  ASSERT_EQ(opts.size(), 3u);
  EXPECT_EQ(opts[0]->get("name"), "DEMO_METAL");
  EXPECT_EQ(opts[0]->get("default"), "ON");
  EXPECT_EQ(opts[1]->get("default"), "OFF") << "an option without a value is OFF";
  EXPECT_EQ(opts[2]->get("name"), "DEMO_SYCL");
  EXPECT_EQ(opts[2]->location.line, 7u);
}

TEST(Cmake, ProjectWithoutLanguagesKeywordAndCommentsAndBrackets) {
  auto out = cmake(
      "#[[ find_package(CUDAToolkit)\n option(IN_COMMENT \"x\" ON) ]]\n"
      "project(p CXX CUDA) # enable_language(HIP)\n"
      "message([=[ a ) bracket ( argument ]=])\n"
      "option(AFTER \"x\" ON)\n");
  EXPECT_TRUE(out.diagnostics.empty());
  auto langs = of_kind(out, "cmake_language");
  ASSERT_EQ(langs.size(), 2u);
  EXPECT_EQ(langs[1]->get("language"), "CUDA");
  EXPECT_EQ(langs[1]->location.line, 3u);
  EXPECT_TRUE(of_kind(out, "cmake_package").empty()) << "a bracket comment is not code";
  auto opts = of_kind(out, "cmake_option");
  ASSERT_EQ(opts.size(), 1u);
  EXPECT_EQ(opts[0]->get("name"), "AFTER");
  EXPECT_EQ(opts[0]->location.line, 5u);
}

TEST(Cmake, MalformedInput) {
  auto open = cmake("project(p LANGUAGES CUDA\noption(X \"y\" ON)\n");
  ASSERT_EQ(open.diagnostics.size(), 1u);
  EXPECT_EQ(open.diagnostics[0].location.line, 1u);
  EXPECT_NE(open.diagnostics[0].message.find("not closed"), std::string::npos);
  auto quote = cmake("set(A \"unterminated CACHE BOOL)\n");
  EXPECT_TRUE(of_kind(quote, "cmake_option").empty());
  EXPECT_FALSE(quote.diagnostics.empty());
  auto bracket = cmake("message([==[ never closed\n");
  EXPECT_FALSE(bracket.diagnostics.empty());
  for (const char* junk : {"", "))))", "(((((", "\"", "#[[", "\xff\xfe\x00garbage", "option", "option(", "set(A B CACHE"})
    EXPECT_NO_THROW(cmake(junk)) << junk;
  std::string deep(100000, '(');
  EXPECT_NO_THROW(cmake("f" + deep));
}
