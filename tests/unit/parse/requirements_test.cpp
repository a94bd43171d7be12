#include "parse/requirements.hpp"

#include <gtest/gtest.h>

#include "parse/pep508.hpp"
#include "unit/parse/parse_helpers.hpp"

using namespace openlock;
using openlock::testing::of_kind;
using openlock::testing::run;
using openlock::testing::values;

namespace {
ParseOutput reqs(std::string_view text, std::string_view path = "svc/requirements.txt") {
  return run(parse_requirements, text, path);
}

std::string messages(const ParseOutput& out) {
  std::string all;
  for (const auto& d : out.diagnostics) all += std::to_string(d.location.line) + ": " + d.message + "\n";
  return all;
}

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }
}  // namespace

TEST(Requirements, AcceptsRequirementFileNames) {
  for (const char* name : {"requirements.txt", "a/requirements-dev.txt", "Requirements_GPU.TXT", "constraints.txt",
                           "constraints-cu12.txt", "requirements.in", "requirements-dev.in", "requirements/cuda.txt",
                           "a/Requirements/ROCM.txt", "ci/test-requirements.txt", "docs_requirements.txt"})
    EXPECT_TRUE(requirements_accepts(name)) << name;
  for (const char* name : {"notes.txt", "requirements.md", "setup.py", "requirements/sub/cuda.txt", "constraints.in",
                           "requirements.txt.bak", "myrequirements.txt"})
    EXPECT_FALSE(requirements_accepts(name)) << name;
}

TEST(Requirements, NamesAreNormalizedPerPep503) {
  ParseOutput out = reqs(
      "tensorrt_llm\n"
      "Foo.Bar__baz\n"
      "nvidia-cudnn-cu12==9.1.0.70\n"
      "cupy-cuda12x\n"
      "  indented\n");
  ASSERT_TRUE(out.diagnostics.empty()) << messages(out);
  auto deps = of_kind(out, "dependency");
  ASSERT_EQ(deps.size(), 5u);
  EXPECT_EQ(deps[0]->get("name"), "tensorrt-llm");
  EXPECT_EQ(deps[0]->get("raw_name"), "tensorrt_llm");
  EXPECT_EQ(deps[0]->get("ecosystem"), "pypi");
  EXPECT_EQ(deps[1]->get("name"), "foo-bar-baz");
  EXPECT_EQ(deps[2]->get("name"), "nvidia-cudnn-cu12");
  EXPECT_EQ(deps[2]->get("version"), "9.1.0.70");
  EXPECT_EQ(deps[3]->get("name"), "cupy-cuda12x");
  EXPECT_FALSE(deps[3]->has("spec"));
  EXPECT_EQ(deps[4]->location.line, 5u);
  EXPECT_EQ(deps[4]->location.column, 3u);  // where the name starts
  EXPECT_EQ(deps[4]->evidence, "indented");
}

TEST(Requirements, VersionSpecs) {
  ParseOutput out = reqs(
      "torch==2.3.0+cu121\n"
      "uvicorn >= 0.30 , < 1\n"
      "requests (>=2.0, !=2.1)\n"
      "tensorrt~=10.13.3\n"
      "legacy===1.0-weird\n"
      "numpy==1.*\n"
      "pinned == ${VERSION}\n"
      "epoch<=1!2.0.post1\n");
  ASSERT_TRUE(out.diagnostics.empty()) << messages(out);
  auto deps = of_kind(out, "dependency");
  ASSERT_EQ(deps.size(), 8u);
  EXPECT_EQ(deps[0]->get("spec"), "==2.3.0+cu121");
  EXPECT_EQ(deps[0]->get("version"), "2.3.0+cu121");
  EXPECT_EQ(deps[1]->get("spec"), ">=0.30,<1");
  EXPECT_FALSE(deps[1]->has("version"));
  EXPECT_EQ(deps[2]->get("spec"), ">=2.0,!=2.1");
  EXPECT_EQ(deps[3]->get("spec"), "~=10.13.3");
  EXPECT_EQ(deps[4]->get("spec"), "===1.0-weird");
  EXPECT_FALSE(deps[4]->has("version"));  // only a single == clause is a version
  EXPECT_EQ(deps[5]->get("version"), "1.*");
  EXPECT_EQ(deps[6]->get("version"), "${VERSION}");  // environment variables stay as text
  EXPECT_EQ(deps[7]->get("spec"), "<=1!2.0.post1");
}

TEST(Requirements, ExtrasMarkersAndDirectReferences) {
  ParseOutput out = reqs(
      "Uvicorn[Standard, Http_2]>=0.30;python_version >= \"3.10\"  \n"
      "cutlass[cu13] ; platform_system == \"Linux\" and python_version < '3.13'\n"
      "empty[]\n"
      "etcd3 @ git+https://github.com/example/python-etcd3.git@e58a899\n"
      "pkg[gpu]@https://example.org/pkg-1.0-py3-none-any.whl ; sys_platform == 'linux'\n");
  ASSERT_TRUE(out.diagnostics.empty()) << messages(out);
  auto deps = of_kind(out, "dependency");
  ASSERT_EQ(deps.size(), 5u);
  EXPECT_EQ(values(*deps[0], "extra"), (std::vector<std::string>{"standard", "http-2"}));
  EXPECT_EQ(deps[0]->get("spec"), ">=0.30");
  EXPECT_EQ(deps[0]->get("marker"), "python_version >= \"3.10\"");
  EXPECT_EQ(deps[1]->get("marker"), "platform_system == \"Linux\" and python_version < '3.13'");
  EXPECT_TRUE(values(*deps[2], "extra").empty());
  EXPECT_EQ(deps[3]->get("name"), "etcd3");
  EXPECT_EQ(deps[3]->get("url"), "git+https://github.com/example/python-etcd3.git@e58a899");
  EXPECT_FALSE(deps[3]->has("spec"));
  EXPECT_EQ(deps[4]->get("name"), "pkg");
  EXPECT_EQ(deps[4]->get("extra"), "gpu");
  EXPECT_EQ(deps[4]->get("url"), "https://example.org/pkg-1.0-py3-none-any.whl");
  EXPECT_EQ(deps[4]->get("marker"), "sys_platform == 'linux'");
}

TEST(Requirements, UrlsPathsAndEditables) {
  ParseOutput out = reqs(
      "git+https://example.org/repo.git@v1#egg=My_Pkg&subdirectory=python\n"
      "https://download.example.org/whl/cu121/torch-2.3.0%2Bcu121-cp311-cp311-linux_x86_64.whl\n"
      "./vendor/thing[dev, Extra_X]\n"
      "-e .\n"
      "--editable=git+ssh://git@example.org/org/tool.git#egg=tool\n"
      "-e \"../sibling lib\"\n"
      "local-1.0.tar.gz ; python_version > '3'\n"
      "name@./relative\n");
  ASSERT_TRUE(out.diagnostics.empty()) << messages(out);
  auto deps = of_kind(out, "dependency");
  ASSERT_EQ(deps.size(), 8u);
  EXPECT_EQ(deps[0]->get("name"), "my-pkg");
  EXPECT_EQ(deps[0]->get("raw_name"), "My_Pkg");
  EXPECT_EQ(deps[0]->get("url"), "git+https://example.org/repo.git@v1#egg=My_Pkg&subdirectory=python");
  EXPECT_FALSE(deps[0]->has("editable"));
  EXPECT_EQ(deps[1]->get("name"), "torch");  // from the wheel's file name
  EXPECT_EQ(deps[1]->get("version"), "2.3.0+cu121");
  EXPECT_FALSE(deps[2]->has("name"));
  EXPECT_EQ(deps[2]->get("url"), "./vendor/thing");
  EXPECT_EQ(values(*deps[2], "extra"), (std::vector<std::string>{"dev", "extra-x"}));
  EXPECT_EQ(deps[3]->get("url"), ".");
  EXPECT_EQ(deps[3]->get("editable"), "true");
  EXPECT_EQ(deps[3]->get("ecosystem"), "pypi");
  EXPECT_FALSE(deps[3]->has("name"));
  EXPECT_EQ(deps[3]->location.column, 4u);  // where the path starts
  EXPECT_EQ(deps[4]->get("name"), "tool");
  EXPECT_EQ(deps[4]->get("url"), "git+ssh://git@example.org/org/tool.git#egg=tool");  // ssh user names stay
  EXPECT_EQ(deps[4]->get("editable"), "true");
  EXPECT_EQ(deps[5]->get("url"), "../sibling lib");
  EXPECT_EQ(deps[6]->get("url"), "local-1.0.tar.gz");
  EXPECT_EQ(deps[6]->get("marker"), "python_version > '3'");
  EXPECT_EQ(deps[7]->get("name"), "name");  // PEP 508 `name@url`, not a path
  EXPECT_EQ(deps[7]->get("url"), "./relative");
}

TEST(Requirements, CommentsAndPerRequirementOptions) {
  ParseOutput out = reqs(
      "# a comment\n"
      "   # an indented comment\n"
      "\n"
      "scipy  # trailing comment\n"
      "numpy==1.26.4 --hash=sha256:abc --hash=sha256:def\n"
      "pkg --config-settings=--build-option=--cuda\n"
      "url-frag @ https://example.org/x.zip#sha256=abc\n");
  ASSERT_TRUE(out.diagnostics.empty()) << messages(out);
  auto deps = of_kind(out, "dependency");
  ASSERT_EQ(deps.size(), 4u);
  EXPECT_EQ(deps[0]->evidence, "scipy");
  EXPECT_EQ(deps[0]->location.line, 4u);
  EXPECT_EQ(deps[1]->get("version"), "1.26.4");
  EXPECT_EQ(deps[2]->get("name"), "pkg");
  EXPECT_EQ(deps[3]->get("url"), "https://example.org/x.zip#sha256=abc");  // '#' inside a word is no comment
}

TEST(Requirements, ContinuationsKeepTheFirstLine) {
  ParseOutput out = reqs(
      "first==1\n"
      "numpy \\\n"
      "  >=1.26 \\\n"
      "  --hash=sha256:abc\n"
      "tor\\\n"
      "ch==2.3\n"
      "joined \\\n"
      "# a comment line ends the continuation\n"
      "after\n");
  ASSERT_TRUE(out.diagnostics.empty()) << messages(out);
  auto deps = of_kind(out, "dependency");
  ASSERT_EQ(deps.size(), 5u);
  EXPECT_EQ(deps[1]->get("name"), "numpy");
  EXPECT_EQ(deps[1]->get("spec"), ">=1.26");
  EXPECT_EQ(deps[1]->location.line, 2u);
  EXPECT_EQ(deps[2]->get("name"), "torch");  // pip joins without a space
  EXPECT_EQ(deps[2]->location.line, 5u);
  EXPECT_EQ(deps[3]->get("name"), "joined");
  EXPECT_EQ(deps[4]->get("name"), "after");
  EXPECT_EQ(deps[4]->location.line, 9u);
}

TEST(Requirements, ErrorsInContinuationsPointAtThePhysicalLine) {
  ParseOutput out = reqs(
      "numpy \\\n"
      "  >= \\\n"
      "  \n"
      "ok\n");
  ASSERT_EQ(out.diagnostics.size(), 1u) << messages(out);
  EXPECT_EQ(out.diagnostics[0].location.line, 2u);
  EXPECT_EQ(out.diagnostics[0].location.column, 5u);  // just after '>='
  EXPECT_TRUE(contains(out.diagnostics[0].message, "expected a version after '>='"));
  ASSERT_EQ(of_kind(out, "dependency").size(), 1u);
  EXPECT_EQ(of_kind(out, "dependency")[0]->get("name"), "ok");
}

TEST(Requirements, IncludesAndIndexes) {
  ParseOutput out = reqs(
      "-r base.txt\n"
      "--requirement=../common/./dev.txt\n"
      "-rshort.txt\n"
      "--constraint constraints.txt\n"
      "-c sub\\win.txt\n"
      "--extra-index-url https://download.example.org/whl/cu121\n"
      "-i https://pypi.example.org/simple --trusted-host pypi.example.org\n"
      "--index-url=https://user:s3cret@private.example.org/simple\n"
      "-f ./wheels\n"
      "--find-links https://example.org/links.html\n"
      "--pre\n"
      "--no-binary :all:\n");
  ASSERT_TRUE(out.diagnostics.empty()) << messages(out);
  auto includes = of_kind(out, "include");
  ASSERT_EQ(includes.size(), 5u);
  EXPECT_EQ(includes[0]->get("path"), "svc/base.txt");
  EXPECT_EQ(includes[0]->get("option"), "requirement");
  EXPECT_EQ(includes[0]->location.line, 1u);
  EXPECT_EQ(includes[1]->get("path"), "common/dev.txt");
  EXPECT_EQ(includes[2]->get("path"), "svc/short.txt");
  EXPECT_EQ(includes[3]->get("option"), "constraint");
  EXPECT_EQ(includes[3]->get("path"), "svc/constraints.txt");
  EXPECT_EQ(includes[4]->get("path"), "svc/sub/win.txt");
  auto indexes = of_kind(out, "index");
  ASSERT_EQ(indexes.size(), 5u);
  EXPECT_EQ(indexes[0]->get("option"), "extra-index-url");
  EXPECT_EQ(indexes[0]->get("url"), "https://download.example.org/whl/cu121");
  EXPECT_EQ(indexes[1]->get("option"), "index-url");
  EXPECT_EQ(indexes[1]->get("url"), "https://pypi.example.org/simple");
  EXPECT_EQ(indexes[2]->get("url"), "https://user:****@private.example.org/simple");  // secrets stay out of reports
  EXPECT_FALSE(contains(indexes[2]->evidence, "s3cret"));
  EXPECT_EQ(indexes[3]->get("option"), "find-links");
  EXPECT_EQ(indexes[3]->get("url"), "./wheels");
  EXPECT_EQ(indexes[4]->get("option"), "find-links");
  EXPECT_TRUE(of_kind(out, "dependency").empty());
}

TEST(Requirements, IncludesOutsideTheTargetAreNotFollowed) {
  ParseOutput out = reqs(
      "-r ../../outside.txt\n"
      "-c /etc/constraints.txt\n"
      "-r https://example.org/requirements.txt\n"
      "-r\n"
      "-r ../inside.txt\n");
  auto includes = of_kind(out, "include");
  ASSERT_EQ(includes.size(), 1u);
  EXPECT_EQ(includes[0]->get("path"), "inside.txt");
  ASSERT_EQ(out.diagnostics.size(), 4u) << messages(out);
  for (unsigned i = 0; i < 3; ++i) {
    EXPECT_EQ(out.diagnostics[i].location.line, i + 1);
    EXPECT_TRUE(contains(out.diagnostics[i].message, "points outside the target; not followed")) << i;
  }
  EXPECT_EQ(out.diagnostics[3].location.line, 4u);
  EXPECT_TRUE(contains(out.diagnostics[3].message, "needs a file name"));
  // A file at the top of the target cannot include its parent folder either.
  EXPECT_EQ(reqs("-r ../x.txt\n", "requirements.txt").diagnostics.size(), 1u);
}

TEST(Requirements, MalformedLinesAreDiagnosedAndTheRestIsRead) {
  ParseOutput out = reqs(
      "foo[bar\n"
      "foo >= \n"
      "==1.0\n"
      "ok-one\n"
      "bad ; \n"
      "\x01\x02garbage\n"
      "foo (>=1.0\n"
      "foo 1.0\n"
      "foo=1.0\n"
      "foo[a,]\n"
      "- \n"
      "ok-two==1\n");
  ASSERT_EQ(out.diagnostics.size(), 10u) << messages(out);
  struct Expected {
    unsigned line, column;
    const char* message;
  };
  const Expected expected[] = {
      {1, 8, "expected ']' to close the extras"},
      {2, 7, "expected a version after '>='"},
      {3, 1, "expected a package name"},
      {5, 6, "expected an environment marker after ';'"},
      {6, 1, "expected a package name"},
      {7, 11, "expected ')' to close the version list"},
      {8, 5, "unexpected text '1.0'"},
      {9, 4, "expected a version operator"},
      {10, 7, "expected an extra name"},
      {11, 1, "expected a pip option"},
  };
  for (std::size_t i = 0; i < std::size(expected); ++i) {
    EXPECT_EQ(out.diagnostics[i].location.path, "svc/requirements.txt");
    EXPECT_EQ(out.diagnostics[i].location.line, expected[i].line) << i;
    EXPECT_EQ(out.diagnostics[i].location.column, expected[i].column) << out.diagnostics[i].message;
    EXPECT_TRUE(contains(out.diagnostics[i].message, expected[i].message)) << out.diagnostics[i].message;
  }
  EXPECT_TRUE(contains(out.diagnostics[0].message, "cannot parse requirement 'foo[bar'"));
  EXPECT_TRUE(contains(out.diagnostics[4].message, "'??garbage'"));  // no control bytes in messages
  auto deps = of_kind(out, "dependency");
  ASSERT_EQ(deps.size(), 2u);
  EXPECT_EQ(deps[0]->get("name"), "ok-one");
  EXPECT_EQ(deps[1]->get("name"), "ok-two");
}

TEST(Requirements, ContinuationAtTheEndOfTheFile) {
  ParseOutput out = reqs("a\nnumpy \\");
  ASSERT_EQ(of_kind(out, "dependency").size(), 2u);
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_EQ(out.diagnostics[0].location.line, 2u);
  EXPECT_TRUE(contains(out.diagnostics[0].message, "continuation"));
}

TEST(Requirements, LineEndingsBomAndEmpty) {
  ParseOutput out = reqs("\xEF\xBB\xBF" "a==1\r\nb\rc \\\r\n>=2\n");
  ASSERT_TRUE(out.diagnostics.empty()) << messages(out);
  auto deps = of_kind(out, "dependency");
  ASSERT_EQ(deps.size(), 3u);
  EXPECT_EQ(deps[0]->get("name"), "a");
  EXPECT_EQ(deps[0]->location.column, 1u);
  EXPECT_EQ(deps[0]->get("version"), "1");
  EXPECT_EQ(deps[1]->location.line, 2u);
  EXPECT_EQ(deps[2]->location.line, 3u);
  EXPECT_EQ(deps[2]->get("spec"), ">=2");
  for (const char* empty : {"", "\xEF\xBB\xBF", "\n\n", "# only a comment\n"}) {
    ParseOutput nothing = reqs(empty);
    EXPECT_TRUE(nothing.facts.empty());
    EXPECT_TRUE(nothing.diagnostics.empty());
  }
}

TEST(Requirements, HugeLinesAreReadInOnePass) {
  const std::size_t mb = std::size_t{1} << 20;
  std::string text = "x==" + std::string(mb, '1') + "\n" + std::string(mb, ' ') + "#\n" + std::string(mb, 'a') + "-\n" +
                     "name[" + std::string(mb, 'e') + "\nok\n";
  ParseOutput out = reqs(text);
  auto deps = of_kind(out, "dependency");
  ASSERT_EQ(deps.size(), 2u);
  EXPECT_EQ(deps[0]->get("version").size(), mb);
  EXPECT_EQ(deps[1]->get("name"), "ok");
  ASSERT_EQ(out.diagnostics.size(), 2u);
  EXPECT_EQ(out.diagnostics[0].location.line, 3u);
  EXPECT_EQ(out.diagnostics[0].location.column, mb + 1);
  EXPECT_LT(out.diagnostics[0].message.size(), 200u);  // an excerpt, not the line
  EXPECT_EQ(out.diagnostics[1].location.line, 4u);
}

TEST(Requirements, ManyBadLinesAreCapped) {
  std::string text;
  for (int i = 0; i < 500; ++i) text += "not a requirement\n";
  text += "fine\n";
  ParseOutput out = reqs(text);
  EXPECT_LE(out.diagnostics.size(), 51u);
  EXPECT_TRUE(contains(out.diagnostics.back().message, "450 more problems"));
  EXPECT_EQ(of_kind(out, "dependency").size(), 1u);
}

TEST(Pep508, SharedParserForOtherManifests) {
  Pep508 req;
  Pep508Error error;
  ASSERT_TRUE(parse_pep508("Name.With_Dots[Cuda]>=1,<2; os_name == 'nt'", req, error));
  EXPECT_EQ(req.raw_name, "Name.With_Dots");
  EXPECT_EQ(req.extras, (std::vector<std::string>{"cuda"}));
  EXPECT_EQ(req.spec, ">=1,<2");
  EXPECT_EQ(req.marker, "os_name == 'nt'");
  EXPECT_EQ(normalize_pypi_name("Name.With_Dots"), "name-with-dots");

  EXPECT_FALSE(parse_pep508("name @ ", req, error));
  EXPECT_EQ(error.column, 7u);
  EXPECT_EQ(error.message, "expected a URL after '@'");
  EXPECT_FALSE(parse_pep508("", req, error));
  EXPECT_EQ(error.message, "expected a package name");
  EXPECT_FALSE(parse_pep508("name-", req, error));  // names end with a letter or digit
  EXPECT_EQ(error.column, 4u);
}
