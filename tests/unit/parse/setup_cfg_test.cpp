#include "parse/setup_cfg.hpp"

#include <gtest/gtest.h>

#include "unit/parse/parse_helpers.hpp"

using namespace openlock;
using openlock::testing::of_kind;
using openlock::testing::run;

TEST(SetupCfg, Accepts) {
  EXPECT_TRUE(setup_cfg_accepts("pkg/setup.cfg"));
  EXPECT_FALSE(setup_cfg_accepts("setup.py"));
}

TEST(SetupCfg, RequirementsExtrasAndLicense) {
  ParseOutput out = run(parse_setup_cfg,
                        "[metadata]\n"
                        "name = demo\n"
                        "license = Apache-2.0\n"
                        "\n"
                        "[options]\n"
                        "install_requires =\n"
                        "    openai>=1.0\n"
                        "    # a comment line\n"
                        "    torch; platform_system != \"Darwin\"\n"
                        "setup_requires = setuptools_scm\n"
                        "\n"
                        "[options.extras_require]\n"
                        "gpu =\n"
                        "    cupy-cuda12x\n",
                        "setup.cfg");
  auto deps = of_kind(out, "dependency");
  ASSERT_EQ(deps.size(), 4u);
  EXPECT_EQ(deps[0]->get("name"), "openai");
  EXPECT_EQ(deps[0]->get("scope"), "prod");
  EXPECT_EQ(deps[0]->location.line, 7u);
  EXPECT_EQ(deps[1]->get("name"), "torch");
  EXPECT_FALSE(deps[1]->get("marker").empty());
  EXPECT_EQ(deps[2]->get("name"), "setuptools-scm");
  EXPECT_EQ(deps[2]->get("scope"), "build");
  EXPECT_EQ(deps[3]->get("name"), "cupy-cuda12x");
  EXPECT_EQ(deps[3]->get("group"), "gpu");
  auto licenses = of_kind(out, "license");
  ASSERT_EQ(licenses.size(), 1u);
  EXPECT_EQ(licenses[0]->location.line, 3u);
  EXPECT_TRUE(out.diagnostics.empty());
}

TEST(SetupCfg, MalformedLinesAreDiagnosedAndTheRestIsRead) {
  ParseOutput out = run(parse_setup_cfg,
                        "[options\n"
                        "just words\n"
                        "[options]\n"
                        "install_requires =\n"
                        "    not a requirement !!\n"
                        "    anthropic\n",
                        "setup.cfg");
  ASSERT_EQ(out.diagnostics.size(), 3u);
  EXPECT_EQ(out.diagnostics[0].location.line, 1u);
  EXPECT_EQ(out.diagnostics[1].location.line, 2u);
  EXPECT_EQ(out.diagnostics[2].location.line, 5u);
  auto deps = of_kind(out, "dependency");
  ASSERT_EQ(deps.size(), 1u);
  EXPECT_EQ(deps[0]->get("name"), "anthropic");
}
