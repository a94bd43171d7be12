#include "parse/dockerfile.hpp"

#include <gtest/gtest.h>

#include "unit/parse/parse_helpers.hpp"

using namespace openlock;
using openlock::testing::of_kind;
using openlock::testing::run;

namespace {
ParseOutput docker(std::string_view text) { return run(parse_dockerfile, text, "docker/Dockerfile.cuda"); }
}  // namespace

TEST(Dockerfile, Accepts) {
  for (const char* n : {"Dockerfile", "a/Dockerfile.cuda", "dockerfile-rocm", "Dockerfile_amd", "gpu.Dockerfile", "Containerfile"})
    EXPECT_TRUE(dockerfile_accepts(n)) << n;
  EXPECT_FALSE(dockerfile_accepts("docker-compose.yml"));
  EXPECT_FALSE(dockerfile_accepts("Dockerfile_notes.md"));
}

TEST(Dockerfile, ImagesWithArgsAndStages) {
  ParseOutput out = docker(
      "ARG CUDA_VERSION=12.4.1\n"
      "ARG BASE=nvcr.io/nvidia/cuda\n"
      "FROM --platform=linux/amd64 ${BASE}:${CUDA_VERSION}-devel-ubuntu22.04 AS build\n"
      "RUN make\n"
      "FROM build AS test\n"
      "FROM rocm/dev-ubuntu-22.04@sha256:abc AS rocm\n"
      "FROM ${RUNTIME:-python:3.11-slim}\n"
      "FROM scratch\n");
  ASSERT_TRUE(out.diagnostics.empty());
  auto images = of_kind(out, "image");
  ASSERT_EQ(images.size(), 3u);
  EXPECT_EQ(images[0]->get("name"), "nvcr.io/nvidia/cuda");
  EXPECT_EQ(images[0]->get("tag"), "12.4.1-devel-ubuntu22.04");
  EXPECT_EQ(images[0]->get("stage"), "build");
  EXPECT_EQ(images[0]->location.line, 3u);
  EXPECT_EQ(images[1]->get("name"), "rocm/dev-ubuntu-22.04");
  EXPECT_EQ(images[1]->get("digest"), "sha256:abc");
  EXPECT_EQ(images[2]->get("name"), "python");
  EXPECT_EQ(images[2]->get("tag"), "3.11-slim");
}

TEST(Dockerfile, EnvLabelsAndInstalls) {
  ParseOutput out = docker(
      "FROM ubuntu:22.04\n"
      "ENV NVIDIA_VISIBLE_DEVICES=all NVIDIA_DRIVER_CAPABILITIES=compute,utility\n"
      "ENV LEGACY value with spaces\n"
      "LABEL com.nvidia.volumes.needed=\"nvidia_driver\"\n"
      "# a comment\n"
      "RUN apt-get update && apt-get install -y --no-install-recommends \\\n"
      "    # comment inside\n"
      "    python3-pip git=1:2.34 && \\\n"
      "    pip install --no-cache-dir --extra-index-url https://pypi.nvidia.com \\\n"
      "      'tensorrt-llm==0.12.0' \"openai>=1\" -r requirements.txt && \\\n"
      "    python3 -m pip install vllm\n");
  ASSERT_TRUE(out.diagnostics.empty());
  auto env = of_kind(out, "env_var");
  ASSERT_EQ(env.size(), 3u);
  EXPECT_EQ(env[0]->get("name"), "NVIDIA_VISIBLE_DEVICES");
  EXPECT_EQ(env[1]->get("value"), "compute,utility");
  EXPECT_EQ(env[2]->get("name"), "LEGACY");
  EXPECT_EQ(env[2]->get("value"), "value with spaces");
  EXPECT_EQ(of_kind(out, "label")[0]->get("key"), "com.nvidia.volumes.needed");
  auto deps = of_kind(out, "dependency");
  ASSERT_EQ(deps.size(), 5u);
  EXPECT_EQ(deps[0]->get("ecosystem"), "deb");
  EXPECT_EQ(deps[0]->get("name"), "python3-pip");
  EXPECT_EQ(deps[1]->get("name"), "git");
  EXPECT_EQ(deps[2]->get("name"), "tensorrt-llm");
  EXPECT_EQ(deps[2]->get("version"), "0.12.0");
  EXPECT_EQ(deps[2]->location.line, 6u);
  EXPECT_EQ(deps[3]->get("name"), "openai");
  EXPECT_EQ(deps[4]->get("name"), "vllm");
  auto idx = of_kind(out, "index");
  ASSERT_EQ(idx.size(), 1u);
  EXPECT_EQ(idx[0]->get("url"), "https://pypi.nvidia.com");
}

TEST(Dockerfile, MalformedInput) {
  ParseOutput out = docker("FROM\nRUN pip install \\\n");
  ASSERT_EQ(out.diagnostics.size(), 2u);
  EXPECT_EQ(out.diagnostics[0].location.line, 2u);  // sorted by the order found: continuation first
  EXPECT_TRUE(docker("").facts.empty());
  ParseOutput junk = docker(std::string("\x00\xff FROM ${", 9) + std::string(100000, '{'));
  EXPECT_TRUE(of_kind(junk, "image").empty());
  ParseOutput crlf = docker("FROM a:1\r\nFROM b\r\n");
  ASSERT_EQ(of_kind(crlf, "image").size(), 2u);
  EXPECT_EQ(of_kind(crlf, "image")[1]->location.line, 2u);
}
