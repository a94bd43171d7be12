#include "parse/requirements.hpp"

#include <gtest/gtest.h>


#include "unit/parse/parse_helpers.hpp"

using namespace openlock;
using openlock::testing::of_kind;
using openlock::testing::run;
using openlock::testing::values;

namespace {
ParseOutput reqs(std::string_view text, std::string_view path = "svc/requirements.txt") {
  return run(parse_requirements, text, path);
}
}  // namespace

TEST(Requirements, AcceptsRequirementFileNames) {
  for (const char* name : {"requirements.txt", "a/requirements-dev.txt", "constraints.txt", "requirements.in",
                           "requirements/cuda.txt", "ci/test-requirements.txt", "docs_requirements.txt"})
    EXPECT_TRUE(requirements_accepts(name)) << name;
  for (const char* name : {"notes.txt", "requirements.md", "setup.py"}) EXPECT_FALSE(requirements_accepts(name)) << name;
}

TEST(Requirements, NamesSpecsExtrasMarkers) {
  ParseOutput out = reqs(
      "tensorrt_llm==0.12.0\n"
      "Uvicorn[Standard, http2] >= 0.30, <1 ; python_version >= \"3.10\"\n"
      "torch==2.3.0+cu121\n"
      "requests (>=2.0)\n"
      "pkg @ https://example.org/pkg.whl\n"
      "plain\n");
  ASSERT_TRUE(out.diagnostics.empty()) << out.diagnostics[0].message;
  auto deps = of_kind(out, "dependency");
  ASSERT_EQ(deps.size(), 6u);
  EXPECT_EQ(deps[0]->get("name"), "tensorrt-llm");
  EXPECT_EQ(deps[0]->get("raw_name"), "tensorrt_llm");
  EXPECT_EQ(deps[0]->get("version"), "0.12.0");
  EXPECT_EQ(deps[0]->get("ecosystem"), "pypi");
  EXPECT_EQ(deps[1]->get("name"), "uvicorn");
  EXPECT_EQ(values(*deps[1], "extra"), (std::vector<std::string>{"standard", "http2"}));
  EXPECT_EQ(deps[1]->get("spec"), ">=0.30,<1");
  EXPECT_EQ(deps[1]->get("version"), "");
  EXPECT_EQ(deps[1]->get("marker"), "python_version >= \"3.10\"");
  EXPECT_EQ(deps[2]->get("version"), "2.3.0+cu121");
  EXPECT_EQ(deps[3]->get("spec"), ">=2.0");
  EXPECT_EQ(deps[4]->get("url"), "https://example.org/pkg.whl");
  EXPECT_EQ(deps[5]->get("spec"), "");
  EXPECT_EQ(deps[5]->location.line, 6u);
  EXPECT_EQ(deps[5]->location.column, 1u);
}

TEST(Requirements, CommentsContinuationsAndHashes) {
  ParseOutput out = reqs(
      "# a comment\n"
      "\n"
      "numpy \\\n"
      "  >=1.26 \\\n"
      "  --hash=sha256:abc\n"
      "scipy  # trailing comment\n"
      "git+https://example.org/repo.git#egg=My_Pkg\n");
  ASSERT_TRUE(out.diagnostics.empty()) << out.diagnostics[0].message;
  auto deps = of_kind(out, "dependency");
  ASSERT_EQ(deps.size(), 3u);
  EXPECT_EQ(deps[0]->location.line, 3u);
  EXPECT_EQ(deps[0]->get("spec"), ">=1.26");
  EXPECT_EQ(deps[1]->evidence, "scipy");
  EXPECT_EQ(deps[2]->get("name"), "my-pkg");
  EXPECT_EQ(deps[2]->get("url"), "git+https://example.org/repo.git#egg=My_Pkg");
}

TEST(Requirements, OptionsIncludesAndIndexes) {
  ParseOutput out = reqs(
      "-r base.txt\n"
      "--requirement=../common/dev.txt\n"
      "-c ../../outside.txt\n"
      "--extra-index-url https://download.pytorch.org/whl/cu121\n"
      "-i https://pypi.example.org/simple\n"
      "--pre\n"
      "-e ./local[dev]\n");
  auto includes = of_kind(out, "include");
  ASSERT_EQ(includes.size(), 2u);
  EXPECT_EQ(includes[0]->get("path"), "svc/base.txt");
  EXPECT_EQ(includes[1]->get("path"), "common/dev.txt");
  EXPECT_EQ(includes[1]->get("option"), "requirement");
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_EQ(out.diagnostics[0].location.line, 3u);
  EXPECT_NE(out.diagnostics[0].message.find("outside the target"), std::string::npos);
  auto indexes = of_kind(out, "index");
  ASSERT_EQ(indexes.size(), 2u);
  EXPECT_EQ(indexes[0]->get("option"), "extra-index-url");
  EXPECT_EQ(indexes[0]->get("url"), "https://download.pytorch.org/whl/cu121");
  EXPECT_EQ(indexes[1]->get("option"), "index-url");
  auto deps = of_kind(out, "dependency");
  ASSERT_EQ(deps.size(), 1u);
  EXPECT_EQ(deps[0]->get("editable"), "true");
}

TEST(Requirements, MalformedLinesAreDiagnosedAndTheRestIsRead) {
  ParseOutput out = reqs(
      "foo[bar\n"
      "foo >= \n"
      "==1.0\n"
      "ok-one\n"
      "bad ; \n"
      "\x01\x02garbage\n"
      "ok-two==1\n");
  ASSERT_EQ(out.diagnostics.size(), 5u);
  EXPECT_EQ(out.diagnostics[0].location.line, 1u);
  EXPECT_NE(out.diagnostics[0].message.find("never closed"), std::string::npos);
  EXPECT_EQ(out.diagnostics[1].location.line, 2u);
  EXPECT_NE(out.diagnostics[1].message.find("expected a version after '>='"), std::string::npos);
  EXPECT_EQ(out.diagnostics[2].location.line, 3u);
  EXPECT_EQ(out.diagnostics[2].location.column, 1u);
  EXPECT_NE(out.diagnostics[2].message.find("package name"), std::string::npos);
  EXPECT_EQ(out.diagnostics[3].location.line, 5u);
  EXPECT_EQ(out.diagnostics[4].location.line, 6u);
  auto deps = of_kind(out, "dependency");
  ASSERT_EQ(deps.size(), 2u);
  EXPECT_EQ(deps[0]->get("name"), "ok-one");
  EXPECT_EQ(deps[1]->get("name"), "ok-two");
}

TEST(Requirements, LineEndingsBomAndEmpty) {
  ParseOutput out = reqs("\xEF\xBB\xBF" "a\r\nb\rc\n");
  auto deps = of_kind(out, "dependency");
  ASSERT_EQ(deps.size(), 3u);
  EXPECT_EQ(deps[0]->get("name"), "a");
  EXPECT_EQ(deps[2]->location.line, 3u);
  ParseOutput empty = reqs("");
  EXPECT_TRUE(empty.facts.empty());
  EXPECT_TRUE(empty.diagnostics.empty());
}

TEST(Requirements, ContinuationAtEndOfFile) {
  ParseOutput out = reqs("numpy \\");
  ASSERT_EQ(of_kind(out, "dependency").size(), 1u);
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_NE(out.diagnostics[0].message.find("continuation"), std::string::npos);
}

TEST(Requirements, HugeLines) {
  std::string line = "x==" + std::string(1 << 20, '1') + "\n" + std::string(1 << 20, ' ') + "#\nok\n";
  ParseOutput out = reqs(line);
  EXPECT_EQ(of_kind(out, "dependency").size(), 2u);
  EXPECT_EQ(of_kind(out, "dependency")[0]->get("version").size(), std::size_t{1} << 20);
}
