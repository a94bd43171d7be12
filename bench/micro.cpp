// Micro-benchmarks: throughput of each parser and of license identification on synthetic inputs
// written here (sizes chosen to look like real files, repeated to a few hundred KB).
#include <benchmark/benchmark.h>

#include <string>

#include "openlock/license.hpp"
#include "parse/c_family_source.hpp"
#include "parse/cargo_toml.hpp"
#include "parse/conda_env.hpp"
#include "parse/deploy_yaml.hpp"
#include "parse/dockerfile.hpp"
#include "parse/model_card.hpp"
#include "parse/package_json.hpp"
#include "parse/pyproject.hpp"
#include "parse/python_source.hpp"
#include "parse/requirements.hpp"

namespace {

using ParseFn = void (*)(const openlock::ParseInput&, openlock::ParseOutput&);

std::string repeat(const std::string& unit, std::size_t times) {
  std::string out;
  out.reserve(unit.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += unit;
  return out;
}

std::string requirements() {
  std::string out;
  for (int i = 0; i < 4000; ++i)
    out += "package-" + std::to_string(i) + "[extra]>=1." + std::to_string(i % 10) + ",<3 ; python_version >= \"3.9\"  # pin\n";
  return out;
}

std::string package_json() {
  std::string out = "{\n  \"name\": \"bench\",\n  \"license\": \"MIT\",\n  \"dependencies\": {\n";
  for (int i = 0; i < 3000; ++i) out += "    \"pkg-" + std::to_string(i) + "\": \"^1.2." + std::to_string(i % 9) + "\",\n";
  return out + "    \"last\": \"1.0.0\"\n  }\n}\n";
}

std::string pyproject() {
  std::string out = "[project]\nname = \"bench\"\nlicense = \"Apache-2.0\"\ndependencies = [\n";
  for (int i = 0; i < 3000; ++i) out += "  \"package-" + std::to_string(i) + ">=1.0\",\n";
  return out + "]\n[tool.uv]\nindex-url = \"https://example.org/simple\"\n";
}

std::string dockerfile() {
  return repeat("ARG BASE=ubuntu:22.04\nFROM ${BASE} AS build\nENV A=1 B=2\nRUN apt-get update && apt-get install -y "
                "build-essential git && pip install torch numpy\nCOPY . /src\nLABEL org.example=x\n",
                2000);
}

std::string model_card() {
  std::string out = "---\nlicense: apache-2.0\ndatasets:\n  - example/data\ntags: [text, bench]\n---\n# Bench model\n";
  return out + repeat("## Section\n\nSome prose about training data and evaluation, see https://arxiv.org/abs/2501.00001 "
                      "and https://github.com/example/repo for the code.\n\n```python\nprint('x')\n```\n",
                      2000);
}

std::string python_source() {
  return repeat("import os\nfrom typing import Any\nimport openai\n\ndef call(x: Any) -> str:\n    # a comment\n"
                "    client = openai.OpenAI(base_url=os.environ.get(\"OPENAI_BASE_URL\"))\n"
                "    return client.chat.completions.create(model=\"gpt-4o\", messages=[x])\n\n",
                2000);
}

std::string typescript_source() {
  return repeat("import OpenAI from \"openai\";\nimport { z } from 'zod';\n// a comment with \"quotes\"\n"
                "export async function ask(q: string): Promise<string> {\n  const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n"
                "  const r = await client.chat.completions.create({ model: `gpt-4o`, messages: [{ role: 'user', content: q }] });\n"
                "  return r.choices[0].message.content ?? '';\n}\n\n",
                2000);
}

std::string cuda_source() {
  return repeat("#include <cuda_runtime.h>\n#include \"common.cuh\"\n/* block comment */\n"
                "template <int N> __global__ void k(const float* __restrict__ x, float* y) {\n"
                "  int i = blockIdx.x * blockDim.x + threadIdx.x;  // index\n  if (i < N) y[i] = x[i] * 2.0f;\n}\n\n",
                2000);
}

std::string cargo_toml() {
  std::string out = "[package]\nname = \"bench\"\nlicense = \"MIT OR Apache-2.0\"\n\n[dependencies]\n";
  for (int i = 0; i < 2000; ++i) out += "crate-" + std::to_string(i) + " = { version = \"1." + std::to_string(i % 9) + "\", features = [\"a\"] }\n";
  return out + "\n[features]\ncuda = [\"dep:cudarc\"]\n";
}

std::string compose_yaml() {
  std::string out = "services:\n";
  for (int i = 0; i < 800; ++i)
    out += "  svc" + std::to_string(i) + ":\n    image: nvcr.io/nvidia/tritonserver:24.0" + std::to_string(i % 9) +
           "-py3\n    runtime: nvidia\n    environment: [A=1, B=2]\n";
  return out;
}

std::string conda_env() {
  std::string out = "channels: [pytorch, nvidia, conda-forge]\ndependencies:\n";
  for (int i = 0; i < 2000; ++i) out += "  - package-" + std::to_string(i) + "=1." + std::to_string(i % 9) + "\n";
  return out + "  - pip:\n      - openai>=1.0\n";
}

std::string license_text() {
  return repeat("Permission is granted to use, copy and change this work for any purpose, provided this notice stays "
                "with every copy. The work comes without warranty of any kind; the authors owe nothing if it fails.\n",
                60);
}

void run_parser(benchmark::State& state, ParseFn fn, const char* path, const std::string& text) {
  for (auto _ : state) {
    openlock::ParseOutput out;
    fn(openlock::ParseInput{path, text}, out);
    benchmark::DoNotOptimize(out.facts.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void BM_Requirements(benchmark::State& s) { run_parser(s, openlock::parse_requirements, "requirements.txt", requirements()); }
void BM_PackageJson(benchmark::State& s) { run_parser(s, openlock::parse_package_json, "package.json", package_json()); }
void BM_Pyproject(benchmark::State& s) { run_parser(s, openlock::parse_pyproject, "pyproject.toml", pyproject()); }
void BM_Dockerfile(benchmark::State& s) { run_parser(s, openlock::parse_dockerfile, "Dockerfile", dockerfile()); }
void BM_ModelCard(benchmark::State& s) { run_parser(s, openlock::parse_model_card, "README.md", model_card()); }
void BM_PythonSource(benchmark::State& s) { run_parser(s, openlock::parse_python_source, "app.py", python_source()); }
void BM_TypeScriptSource(benchmark::State& s) { run_parser(s, openlock::parse_c_family_source, "agent.ts", typescript_source()); }
void BM_CudaSource(benchmark::State& s) { run_parser(s, openlock::parse_c_family_source, "kernel.cu", cuda_source()); }
void BM_CargoToml(benchmark::State& s) { run_parser(s, openlock::parse_cargo_toml, "Cargo.toml", cargo_toml()); }
void BM_ComposeYaml(benchmark::State& s) { run_parser(s, openlock::parse_deploy_yaml, "compose.yaml", compose_yaml()); }
void BM_CondaEnv(benchmark::State& s) { run_parser(s, openlock::parse_conda_env, "environment.yml", conda_env()); }

void BM_IdentifyLicense(benchmark::State& state) {
  std::string text = license_text();
  for (auto _ : state) benchmark::DoNotOptimize(openlock::identify_license(text).status);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void BM_LicenseClauses(benchmark::State& state) {
  std::string text = license_text();
  for (auto _ : state) benchmark::DoNotOptimize(openlock::find_license_clauses(text).size());
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void BM_SpdxExpression(benchmark::State& state) {
  const std::string expr = "(Apache-2.0 OR MIT) AND (BSD-3-Clause WITH LLVM-exception OR LicenseRef-custom-1)";
  for (auto _ : state) benchmark::DoNotOptimize(openlock::parse_license_expression(expr).valid);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * expr.size()));
}

}  // namespace

BENCHMARK(BM_Requirements);
BENCHMARK(BM_PackageJson);
BENCHMARK(BM_Pyproject);
BENCHMARK(BM_Dockerfile);
BENCHMARK(BM_ModelCard);
BENCHMARK(BM_PythonSource);
BENCHMARK(BM_TypeScriptSource);
BENCHMARK(BM_CudaSource);
BENCHMARK(BM_CargoToml);
BENCHMARK(BM_ComposeYaml);
BENCHMARK(BM_CondaEnv);
BENCHMARK(BM_IdentifyLicense);
BENCHMARK(BM_LicenseClauses);
BENCHMARK(BM_SpdxExpression);
BENCHMARK_MAIN();
