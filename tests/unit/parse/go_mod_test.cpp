#include "parse/go_mod.hpp"

#include <gtest/gtest.h>

#include "unit/parse/parse_helpers.hpp"

using namespace openlock;
using openlock::testing::of_kind;
using openlock::testing::run;

namespace {
ParseOutput gomod(std::string_view text) { return run(parse_go_mod, text, "svc/go.mod"); }
}  // namespace

TEST(GoMod, RequireLinesAndBlocks) {
  ParseOutput out = gomod(
      "module example.com/svc\r\n\r\ngo 1.22\r\n\r\nrequire github.com/sashabaranov/go-openai v1.20.0\r\n"
      "require (\r\n  github.com/NVIDIA/go-nvml v0.12.0-1 // indirect\r\n  // a comment\r\n"
      "  golang.org/x/sync v0.7.0\r\n)\r\nreplace golang.org/x/sync => ../sync\r\n");
  ASSERT_TRUE(out.diagnostics.empty()) << out.diagnostics[0].message;
  auto deps = of_kind(out, "dependency");
  ASSERT_EQ(deps.size(), 3u);
  EXPECT_EQ(deps[0]->get("name"), "github.com/sashabaranov/go-openai");
  EXPECT_EQ(deps[0]->get("version"), "v1.20.0");
  EXPECT_EQ(deps[0]->location.line, 5u);
  EXPECT_EQ(deps[1]->get("name"), "github.com/NVIDIA/go-nvml");
  EXPECT_EQ(deps[1]->get("indirect"), "true");
  EXPECT_EQ(deps[2]->get("ecosystem"), "go");
}

TEST(GoMod, MalformedInput) {
  ParseOutput out = gomod("require (\n  onlyapath\n  good/path v1.0.0\n");
  ASSERT_EQ(out.diagnostics.size(), 2u);
  EXPECT_EQ(out.diagnostics[0].location.line, 2u);
  EXPECT_NE(out.diagnostics[1].message.find("never closed"), std::string::npos);
  EXPECT_EQ(of_kind(out, "dependency").size(), 1u);
  EXPECT_EQ(gomod("require\n").diagnostics.size(), 1u);
  EXPECT_TRUE(gomod("").facts.empty());
  EXPECT_TRUE(go_mod_accepts("a/go.mod"));
  EXPECT_FALSE(go_mod_accepts("go.sum"));
}

TEST(GoMod, CommentsAfterBlockMarkersAndIndirectExactly) {
  ParseOutput out = gomod(
      "module m // the module\n"
      "require ( // deps\n"
      "  a.example/x v1.0.0 // indirect; needed by y\n"
      "  a.example/y v1.0.0 // not indirect\n"
      ") // end\n"
      "require ()\n"
      "exclude a.example/z v0.1.0\n"
      "replace (\n  a.example/x => ./x\n)\n");
  ASSERT_TRUE(out.diagnostics.empty()) << out.diagnostics[0].message;
  auto deps = of_kind(out, "dependency");
  ASSERT_EQ(deps.size(), 2u);
  EXPECT_EQ(deps[0]->get("indirect"), "true");
  EXPECT_FALSE(deps[1]->has("indirect"));
  EXPECT_EQ(deps[1]->location.line, 4u);
  EXPECT_EQ(deps[1]->evidence, "a.example/y v1.0.0 // not indirect");
  EXPECT_EQ(deps[1]->get("raw_name"), "a.example/y");
}

TEST(GoMod, MalformedLinesCarryTheirLine) {
  ParseOutput out = gomod("require (\r\n  a v1 extra\r\n  \"quoted/path\" v2.0.0\r\n)\r\nrequire onlypath\r\n\x01\xff\r\n");
  ASSERT_EQ(out.diagnostics.size(), 2u);
  EXPECT_EQ(out.diagnostics[0].location.line, 2u);
  EXPECT_EQ(out.diagnostics[1].location.line, 5u);
  auto deps = of_kind(out, "dependency");
  ASSERT_EQ(deps.size(), 1u);
  EXPECT_EQ(deps[0]->get("name"), "quoted/path");
}
