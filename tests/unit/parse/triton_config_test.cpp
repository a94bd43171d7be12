#include "parse/triton_config.hpp"

#include <gtest/gtest.h>

#include "unit/parse/parse_helpers.hpp"

using namespace openlock;
using openlock::testing::of_kind;
using openlock::testing::run;

TEST(TritonConfig, Accepts) {
  EXPECT_TRUE(triton_config_accepts("models/llama/config.pbtxt"));
  EXPECT_FALSE(triton_config_accepts("config.json"));
}

TEST(TritonConfig, PlatformBackendAndInstanceKind) {
  ParseOutput out = run(parse_triton_config,
                        "name: \"llama\"\n"
                        "backend: \"tensorrtllm\"  # the engine\n"
                        "# platform: \"onnxruntime_onnx\"\n"
                        "instance_group [\n"
                        "  { count: 1 kind: KIND_GPU }\n"
                        "]\n"
                        "parameters { key: \"x\" value: { string_value: \"platform\" } }\n",
                        "config.pbtxt");
  auto facts = of_kind(out, "serving_backend");
  ASSERT_EQ(facts.size(), 2u);
  EXPECT_EQ(facts[0]->get("field"), "backend");
  EXPECT_EQ(facts[0]->get("name"), "tensorrtllm");
  EXPECT_EQ(facts[0]->location.line, 2u);
  EXPECT_EQ(facts[1]->get("field"), "kind");
  EXPECT_EQ(facts[1]->get("name"), "KIND_GPU");
  EXPECT_EQ(facts[1]->location.line, 5u);
  EXPECT_TRUE(out.diagnostics.empty());
}

TEST(TritonConfig, MalformedInputIsDiagnosed) {
  ParseOutput out = run(parse_triton_config, "platform: \"tensorrt_plan\n}\ninput [\n  { name: \"x\"\n", "config.pbtxt");
  ASSERT_EQ(out.diagnostics.size(), 3u);  // open string, stray '}', an unclosed bracket
  EXPECT_EQ(out.diagnostics[0].location.line, 1u);
  EXPECT_EQ(out.diagnostics[1].location.line, 2u);
  EXPECT_EQ(out.diagnostics[2].location.line, 4u);
}
