#include "parse/conda_env.hpp"

#include <gtest/gtest.h>

#include "unit/parse/parse_helpers.hpp"

using namespace openlock;
using openlock::testing::of_kind;
using openlock::testing::run;

TEST(CondaEnv, Accepts) {
  EXPECT_TRUE(conda_env_accepts("environment.yml"));
  EXPECT_TRUE(conda_env_accepts("envs/environment-gpu.yaml"));
  EXPECT_FALSE(conda_env_accepts("values.yaml"));
}

TEST(CondaEnv, ChannelsPackagesAndPipList) {
  ParseOutput out = run(parse_conda_env,
                        "name: train\n"
                        "channels:\n"
                        "  - pytorch\n"
                        "  - nvidia\n"
                        "dependencies:\n"
                        "  - python=3.11\n"
                        "  - nvidia::cuda-toolkit=12.1\n"
                        "  - pytorch-cuda>=12.1\n"
                        "  - pip:\n"
                        "      - openai>=1.0\n"
                        "      - -r requirements.txt\n",
                        "environment.yml");
  auto channels = of_kind(out, "index");
  ASSERT_EQ(channels.size(), 2u);
  EXPECT_EQ(channels[1]->get("url"), "nvidia");
  EXPECT_EQ(channels[1]->get("option"), "conda-channel");
  EXPECT_EQ(channels[1]->location.line, 4u);
  auto deps = of_kind(out, "dependency");
  ASSERT_EQ(deps.size(), 4u);
  EXPECT_EQ(deps[0]->get("name"), "python");
  EXPECT_EQ(deps[0]->get("ecosystem"), "conda");
  EXPECT_EQ(deps[1]->get("name"), "cuda-toolkit");
  EXPECT_EQ(deps[1]->get("channel"), "nvidia");
  EXPECT_EQ(deps[1]->get("spec"), "=12.1");
  EXPECT_EQ(deps[2]->get("name"), "pytorch-cuda");
  EXPECT_EQ(deps[3]->get("ecosystem"), "pypi");
  EXPECT_EQ(deps[3]->get("name"), "openai");
  EXPECT_EQ(deps[3]->location.line, 10u);
  EXPECT_TRUE(out.diagnostics.empty());
}

TEST(CondaEnv, MalformedFilesAreDiagnosed) {
  ParseOutput broken = run(parse_conda_env, "channels: [nvidia\ndependencies:\n", "environment.yml");
  ASSERT_EQ(broken.diagnostics.size(), 1u);
  EXPECT_NE(broken.diagnostics[0].message.find("invalid YAML"), std::string::npos);

  ParseOutput shape = run(parse_conda_env, "channels: nvidia\ndependencies:\n  - '::'\n  - numpy\n", "environment.yml");
  EXPECT_EQ(shape.diagnostics.size(), 2u);  // channels not a list, a package without a name
  EXPECT_EQ(of_kind(shape, "dependency").size(), 1u);

  ParseOutput list = run(parse_conda_env, "- just\n- a list\n", "environment.yml");
  EXPECT_EQ(list.diagnostics.size(), 1u);

  std::string bomb = "a: &a [x, x]\n";
  for (int i = 0; i < 60; ++i) bomb += "b" + std::to_string(i) + ": [*a, *a]\n";
  EXPECT_EQ(run(parse_conda_env, bomb, "environment.yml").diagnostics.size(), 1u);
}
