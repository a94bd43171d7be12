#include "parse/cmake_presets.hpp"

#include <gtest/gtest.h>

#include "unit/parse/parse_helpers.hpp"

using namespace openlock;
using openlock::testing::of_kind;
using openlock::testing::run;

TEST(CMakePresets, Accepts) {
  EXPECT_TRUE(cmake_presets_accepts("CMakePresets.json"));
  EXPECT_TRUE(cmake_presets_accepts("sub/CMakeUserPresets.json"));
  EXPECT_FALSE(cmake_presets_accepts("presets.json"));
}

TEST(CMakePresets, TrueCacheVariablesAreOptions) {
  ParseOutput out = run(parse_cmake_presets,
                        "{\n"
                        "  \"version\": 4,\n"
                        "  \"configurePresets\": [\n"
                        "    { \"name\": \"cuda\",\n"
                        "      \"cacheVariables\": {\n"
                        "        \"GGML_CUDA\": \"ON\",\n"
                        "        \"GGML_METAL\": \"OFF\",\n"
                        "        \"CMAKE_BUILD_TYPE\": \"Release\"\n"
                        "      } },\n"
                        "    { \"name\": \"vulkan\", \"cacheVariables\": {\n"
                        "        \"GGML_VULKAN\": { \"type\": \"BOOL\", \"value\": \"TRUE\" } } }\n"
                        "  ]\n"
                        "}\n",
                        "CMakePresets.json");
  auto options = of_kind(out, "cmake_option");
  ASSERT_EQ(options.size(), 2u);
  EXPECT_EQ(options[0]->get("name"), "GGML_CUDA");
  EXPECT_EQ(options[0]->get("preset"), "cuda");
  EXPECT_EQ(options[0]->location.line, 6u);
  EXPECT_EQ(options[1]->get("name"), "GGML_VULKAN");
  EXPECT_EQ(options[1]->location.line, 11u);
  EXPECT_TRUE(out.diagnostics.empty());
}

TEST(CMakePresets, MalformedInputIsDiagnosed) {
  ParseOutput broken = run(parse_cmake_presets, "{\n  \"configurePresets\": [\n", "CMakePresets.json");
  ASSERT_EQ(broken.diagnostics.size(), 1u);
  EXPECT_EQ(broken.diagnostics[0].location.path, "CMakePresets.json");
  ParseOutput shape = run(parse_cmake_presets, "{\"configurePresets\": 3}", "CMakePresets.json");
  EXPECT_EQ(shape.diagnostics.size(), 1u);
  EXPECT_EQ(run(parse_cmake_presets, std::string(100, '[') + std::string(100, ']'), "CMakePresets.json").diagnostics.size(), 1u);
}
