#include "parse/cargo_toml.hpp"

#include <gtest/gtest.h>

#include "unit/parse/parse_helpers.hpp"

using namespace openlock;
using openlock::testing::of_kind;
using openlock::testing::run;
using openlock::testing::values;

TEST(CargoToml, Accepts) {
  EXPECT_TRUE(cargo_toml_accepts("lib/llm/Cargo.toml"));
  EXPECT_FALSE(cargo_toml_accepts("Cargo.lock"));
}

TEST(CargoToml, DependenciesFeaturesAndLicense) {
  ParseOutput out = run(parse_cargo_toml,
                        "[package]\n"
                        "name = \"engine\"\n"
                        "license = \"Apache-2.0\"\n"
                        "\n"
                        "[dependencies]\n"
                        "async-openai = \"0.28\"\n"
                        "gpu = { package = \"cudarc\", version = \"0.16\", optional = true, features = [\"cuda-12060\"] }\n"
                        "\n"
                        "[dev-dependencies]\n"
                        "insta = \"1\"\n"
                        "\n"
                        "[target.'cfg(target_os = \"macos\")'.dependencies]\n"
                        "metal = \"0.29\"\n"
                        "\n"
                        "[features]\n"
                        "cuda = [\"dep:gpu\", \"candle-core/cuda\"]\n",
                        "Cargo.toml");
  auto deps = of_kind(out, "dependency");
  ASSERT_EQ(deps.size(), 4u);
  EXPECT_EQ(deps[0]->get("name"), "async-openai");
  EXPECT_EQ(deps[0]->get("ecosystem"), "cargo");
  EXPECT_EQ(deps[0]->location.line, 6u);
  EXPECT_EQ(deps[1]->get("name"), "cudarc");
  EXPECT_EQ(deps[1]->get("raw_name"), "gpu");
  EXPECT_EQ(deps[1]->get("optional"), "true");
  EXPECT_EQ(deps[1]->get("feature"), "cuda-12060");
  EXPECT_EQ(deps[2]->get("scope"), "dev");
  EXPECT_EQ(deps[3]->get("name"), "metal");
  EXPECT_EQ(deps[3]->get("target"), "cfg(target_os = \"macos\")");
  auto features = of_kind(out, "feature");
  ASSERT_EQ(features.size(), 1u);
  EXPECT_EQ(features[0]->get("name"), "cuda");
  EXPECT_EQ(values(*features[0], "enables"), (std::vector<std::string>{"dep:gpu", "candle-core/cuda"}));
  ASSERT_EQ(of_kind(out, "license").size(), 1u);
  EXPECT_TRUE(out.diagnostics.empty());
}

TEST(CargoToml, MalformedInputIsDiagnosed) {
  ParseOutput broken = run(parse_cargo_toml, "[dependencies]\nserde = \n", "Cargo.toml");
  ASSERT_EQ(broken.diagnostics.size(), 1u);
  EXPECT_EQ(broken.diagnostics[0].location.line, 2u);

  ParseOutput shape = run(parse_cargo_toml, "dependencies = 3\n[features]\nx = 1\n[dev-dependencies]\nbad = 7\nok = \"1\"\n", "Cargo.toml");
  EXPECT_EQ(shape.diagnostics.size(), 2u);  // dependencies not a table; a dependency that is a number
  EXPECT_EQ(of_kind(shape, "dependency").size(), 1u);
}
