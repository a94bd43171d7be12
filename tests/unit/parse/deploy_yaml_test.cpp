#include "parse/deploy_yaml.hpp"

#include <gtest/gtest.h>

#include "unit/parse/parse_helpers.hpp"

using namespace openlock;
using openlock::testing::of_kind;
using openlock::testing::run;
using openlock::testing::values;

namespace {
ParseOutput deploy(std::string_view text, std::string_view path = "deploy/app.yaml") {
  return run(parse_deploy_yaml, text, path);
}
}  // namespace

TEST(DeployYaml, Accepts) {
  for (const char* p : {"docker-compose.yml", "compose.gpu.yaml", "charts/app/values.yaml", "values-prod.yml",
                        "k8s/deployment.yaml", "ops/kubernetes/pod.yml", "Ops/K8S/Pod.YML"})
    EXPECT_TRUE(deploy_yaml_accepts(p)) << p;
  for (const char* p : {"charts/app/templates/deployment.yaml", "config.yaml", ".github/workflows/ci.yml", "k8s/README.md",
                        "Charts/App/Templates/Deployment.yaml", "k8s/pod.json"})
    EXPECT_FALSE(deploy_yaml_accepts(p)) << p;
}

TEST(DeployYaml, ComposeAndKubernetesFacts) {
  ParseOutput out = deploy(
      "services:\n"
      "  api:\n"
      "    image: nvcr.io/nvidia/pytorch:24.05-py3\n"
      "    runtime: nvidia\n"
      "    environment:\n"
      "      - NVIDIA_VISIBLE_DEVICES=all\n"
      "    deploy:\n"
      "      resources:\n"
      "        reservations:\n"
      "          devices:\n"
      "            - driver: nvidia\n"
      "              capabilities: [gpu, utility]\n"
      "---\n"
      "spec:\n"
      "  runtimeClassName: nvidia\n"
      "  nodeSelector: {nvidia.com/gpu.product: H100}\n"
      "  tolerations: [{key: nvidia.com/gpu, operator: Exists}]\n"
      "  containers:\n"
      "    - image: {repository: vllm/vllm-openai, tag: v0.6.0}\n"
      "      env: [{name: HF_TOKEN}]\n"
      "      resources: {limits: {nvidia.com/gpu: 2, memory: 8Gi}}\n");
  ASSERT_TRUE(out.diagnostics.empty()) << out.diagnostics[0].message;
  auto images = of_kind(out, "image");
  ASSERT_EQ(images.size(), 2u);
  EXPECT_EQ(images[0]->get("name"), "nvcr.io/nvidia/pytorch");
  EXPECT_EQ(images[0]->location.line, 3u);
  EXPECT_EQ(images[1]->get("reference"), "vllm/vllm-openai:v0.6.0");
  auto runtimes = of_kind(out, "runtime");
  ASSERT_EQ(runtimes.size(), 2u);
  EXPECT_EQ(runtimes[1]->location.line, 15u) << "lines count across documents";
  auto devices = of_kind(out, "device");
  ASSERT_EQ(devices.size(), 1u);
  EXPECT_EQ(values(*devices[0], "capability"), (std::vector<std::string>{"gpu", "utility"}));
  auto resources = of_kind(out, "resource");
  ASSERT_EQ(resources.size(), 2u);
  EXPECT_EQ(resources[0]->get("name"), "nvidia.com/gpu");
  EXPECT_EQ(resources[0]->get("value"), "2");
  EXPECT_EQ(of_kind(out, "label")[0]->get("key"), "nvidia.com/gpu.product");
  EXPECT_EQ(of_kind(out, "toleration")[0]->get("key"), "nvidia.com/gpu");
  auto env = of_kind(out, "env_var");
  ASSERT_EQ(env.size(), 2u);
  EXPECT_EQ(env[0]->get("name"), "NVIDIA_VISIBLE_DEVICES");
  EXPECT_EQ(env[1]->get("name"), "HF_TOKEN");
}

TEST(DeployYaml, MalformedInput) {
  ParseOutput broken = deploy("services:\n  api:\n    image: [unclosed\n");
  ASSERT_EQ(broken.diagnostics.size(), 1u);
  EXPECT_GE(broken.diagnostics[0].location.line, 3u);
  EXPECT_NE(broken.diagnostics[0].message.find("invalid YAML"), std::string::npos);

  ParseOutput deep = deploy("x: " + std::string(10000, '[') + std::string(10000, ']') + "\n");
  ASSERT_EQ(deep.diagnostics.size(), 1u);
  EXPECT_NE(deep.diagnostics[0].message.find("nests deeper"), std::string::npos);

  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'h'; ++c) {
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) bomb += std::string(i ? "," : "") + "*" + static_cast<char>(c - 1);
    bomb += "]\n";
  }
  ParseOutput expanded = deploy(bomb);  // 70 aliases pass the text check; the walk budget stops it
  ASSERT_EQ(expanded.diagnostics.size(), 1u);
  EXPECT_NE(expanded.diagnostics[0].message.find("200000 nodes"), std::string::npos);

  EXPECT_TRUE(deploy("").diagnostics.empty());
  EXPECT_TRUE(deploy("just a scalar\n").facts.empty());
  EXPECT_TRUE(deploy("image: \"{{ .Values.image }}\"\n").facts.empty()) << "templated values are not images";
}

TEST(DeployYaml, DocumentsKeepTheirLinesAndABrokenOneDoesNotLoseTheOthers) {
  ParseOutput out = deploy(
      "image: nvcr.io/nvidia/cuda:12.4\n"
      "---\n"
      "# second\n"
      "image: [unclosed\n"
      "---\n"
      "spec:\n"
      "  image: rocm/pytorch:latest\n"
      "...\n"
      "image: ubuntu:24.04\n");
  auto images = of_kind(out, "image");
  ASSERT_EQ(images.size(), 3u);
  EXPECT_EQ(images[0]->location.line, 1u);
  EXPECT_EQ(images[1]->get("name"), "rocm/pytorch");
  EXPECT_EQ(images[1]->location.line, 7u);
  EXPECT_EQ(images[2]->location.line, 9u);
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_EQ(out.diagnostics[0].location.line, 5u);  // where yaml-cpp notices the open flow sequence
}

TEST(DeployYaml, StrayCommaAfterADocumentEnds) {
  // yaml-cpp's LoadAll never returns on this (found by tests/fuzz); each document is loaded alone.
  ParseOutput out = deploy("{image: a},\n");
  EXPECT_LE(out.diagnostics.size(), 1u);
  EXPECT_LE(of_kind(out, "image").size(), 1u);
}
