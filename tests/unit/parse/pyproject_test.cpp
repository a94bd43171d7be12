#include "parse/pyproject.hpp"

#include <gtest/gtest.h>

#include "unit/parse/parse_helpers.hpp"

using namespace openlock;
using openlock::testing::of_kind;
using openlock::testing::run;

namespace {
ParseOutput pyproject(std::string_view text) { return run(parse_pyproject, text, "svc/pyproject.toml"); }
}  // namespace

TEST(Pyproject, Accepts) {
  EXPECT_TRUE(pyproject_accepts("pyproject.toml"));
  EXPECT_TRUE(pyproject_accepts("a/b/pyproject.toml"));
  EXPECT_FALSE(pyproject_accepts("pyproject.toml.bak"));
}

TEST(Pyproject, Pep621GroupsBuildPoetryAndIndexes) {
  ParseOutput out = pyproject(R"([build-system]
requires = ["setuptools>=61", "torch==2.3.0"]

[project]
name = "svc"
dependencies = [
  "openai>=1.30",
  "tensorrt_llm[extra]==0.12 ; sys_platform == 'linux'",
]

[project.optional-dependencies]
cuda = ["cupy-cuda12x"]

[dependency-groups]
dev = ["pytest", {include-group = "lint"}]

[tool.poetry.dependencies]
python = "^3.10"
anthropic = "^0.30"
torch = {version = "2.3.0", source = "pytorch-cu121"}

[tool.poetry.group.test.dependencies]
pytest-cov = "*"

[[tool.poetry.source]]
name = "pytorch-cu121"
url = "https://download.pytorch.org/whl/cu121"

[[tool.uv.index]]
url = "https://pypi.nvidia.com"
)");
  ASSERT_TRUE(out.diagnostics.empty()) << out.diagnostics[0].message;
  auto deps = of_kind(out, "dependency");
  ASSERT_EQ(deps.size(), 9u);
  EXPECT_EQ(deps[0]->get("name"), "openai");
  EXPECT_EQ(deps[0]->get("scope"), "prod");
  EXPECT_EQ(deps[0]->location.line, 7u);
  EXPECT_EQ(deps[0]->evidence, "\"openai>=1.30\",");
  EXPECT_EQ(deps[1]->get("name"), "tensorrt-llm");
  EXPECT_EQ(deps[1]->get("extra"), "extra");
  EXPECT_EQ(deps[1]->get("marker"), "sys_platform == 'linux'");
  EXPECT_EQ(deps[2]->get("name"), "cupy-cuda12x");
  EXPECT_EQ(deps[2]->get("scope"), "optional");
  EXPECT_EQ(deps[2]->get("group"), "cuda");
  EXPECT_EQ(deps[3]->get("name"), "pytest");
  EXPECT_EQ(deps[3]->get("scope"), "group");
  EXPECT_EQ(deps[4]->get("name"), "setuptools");
  EXPECT_EQ(deps[4]->get("scope"), "build");
  EXPECT_EQ(deps[6]->get("name"), "anthropic");
  EXPECT_EQ(deps[6]->get("spec"), "^0.30");
  EXPECT_EQ(deps[7]->get("source"), "pytorch-cu121");
  EXPECT_EQ(deps[8]->get("name"), "pytest-cov");
  auto indexes = of_kind(out, "index");
  ASSERT_EQ(indexes.size(), 2u);
  EXPECT_EQ(indexes[0]->get("url"), "https://download.pytorch.org/whl/cu121");
  EXPECT_EQ(indexes[1]->get("option"), "uv-index");
}

TEST(Pyproject, MalformedInput) {
  ParseOutput broken = pyproject("[project]\ndependencies = [\"a\",\n  \"b\"\nname = 1\n");
  ASSERT_EQ(broken.diagnostics.size(), 1u);
  EXPECT_GE(broken.diagnostics[0].location.line, 3u);
  EXPECT_NE(broken.diagnostics[0].message.find("invalid TOML"), std::string::npos);

  ParseOutput wrong = pyproject("[project]\ndependencies = \"openai\"\noptional-dependencies = {x = [\"==bad\", \"ok\"]}\n");
  ASSERT_EQ(wrong.diagnostics.size(), 2u);
  EXPECT_EQ(wrong.diagnostics[0].location.line, 2u);
  EXPECT_EQ(of_kind(wrong, "dependency").size(), 1u);

  std::string deep = "x = " + std::string(10000, '[') + std::string(10000, ']') + "\n";
  ParseOutput nested = pyproject(deep);
  EXPECT_EQ(nested.diagnostics.size(), 1u);
  EXPECT_TRUE(pyproject("").diagnostics.empty());
  EXPECT_EQ(pyproject("\xff\xfe = 1\n").diagnostics.size(), 1u);
}

TEST(Pyproject, LicenseFieldsBecomeManifestLicenses) {
  auto out = pyproject("[project]\nname = \"x\"\nlicense = \"mit OR apache-2.0\"\n[tool.poetry]\nlicense = {text = \"GPL-2.0\"}\n");
  auto lics = of_kind(out, "license");
  ASSERT_EQ(lics.size(), 2u);
  EXPECT_EQ(lics[0]->location.line, 3u);
  EXPECT_EQ(lics[0]->get("source"), "manifest");
  EXPECT_EQ(lics[0]->get("expression"), "MIT OR Apache-2.0");
  EXPECT_EQ(lics[0]->get("valid"), "true");
  EXPECT_EQ(lics[1]->get("field"), "tool.poetry.license.text");
  EXPECT_EQ(lics[1]->get("deprecated"), "GPL-2.0");
  // A file reference or a non-string names no expression; nothing is recorded, nothing breaks.
  EXPECT_TRUE(of_kind(pyproject("[project]\nlicense = {file = \"LICENSE\"}\n"), "license").empty());
  auto odd = pyproject("[project]\nlicense = 7\n");
  EXPECT_TRUE(of_kind(odd, "license").empty());
  EXPECT_TRUE(odd.diagnostics.empty());
}
