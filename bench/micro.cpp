// Micro-benchmarks: throughput of each parser, of license identification and of the rules' glob
// matcher on synthetic inputs written here (sizes chosen to look like real files, repeated to a
// few hundred KB).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/text.hpp"
#include "discover/discover.hpp"
#include "discover/ignore.hpp"
#include "openlock/license.hpp"
#include "parse/c_family_source.hpp"
#include "parse/cargo_toml.hpp"
#include "parse/conda_env.hpp"
#include "parse/deploy_yaml.hpp"
#include "parse/dockerfile.hpp"
#include "parse/model_card.hpp"
#include "parse/package_json.hpp"
#include "parse/parser.hpp"
#include "parse/pyproject.hpp"
#include "parse/python_source.hpp"
#include "parse/requirements.hpp"
#include "rules/glob.hpp"
#include "rules/loader.hpp"
#include "rules/matcher.hpp"
#include "score/openness.hpp"

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

const std::vector<openlock::Rule>& builtin_rules() {
  static const std::vector<openlock::Rule> rules = [] {
    std::vector<openlock::Rule> out;
    std::vector<openlock::RuleError> errors;
    openlock::load_builtin_rules(out, errors);
    return out;
  }();
  return rules;
}

// Facts of the kinds the rules test most, a few matching and most not, as in a code base.
std::vector<openlock::Fact> glob_facts() {
  const char* modules[] = {"os", "numpy", "openai", "torch.cuda.amp", "anthropic", "transformers.models.llama",
                           "my_project.utils.helpers", "tensorrt_llm.runtime", "requests", "google.cloud.aiplatform"};
  const char* packages[] = {"numpy", "openai", "nvidia-cublas-cu12", "requests", "boto3", "pydantic", "cupy-cuda12x", "rich"};
  const char* models[] = {"gpt-4o", "bert-base-uncased", "meta-llama/Llama-3.1-8B", "claude-3-5-sonnet", "resnet50"};
  const char* vars[] = {"HOME", "OPENAI_API_KEY", "DATABASE_URL", "CUDA_VISIBLE_DEVICES", "LOG_LEVEL"};
  std::vector<openlock::Fact> facts;
  for (int i = 0; i < 2000; ++i) {
    openlock::Fact f;
    f.location = {"pkg/app.py", static_cast<std::uint32_t>(i + 1), 1};
    switch (i % 4) {
      case 0: f.kind = "import"; f.set("module", modules[i % 10]).set("language", "python"); break;
      case 1: f.kind = "dependency"; f.set("ecosystem", "pypi").set("name", packages[i % 8]).set("spec", ">=1"); break;
      case 2: f.kind = "model_ref"; f.set("name", models[i % 5]).set("language", "python"); break;
      default: f.kind = "env_var"; f.set("name", vars[i % 5]).set("language", "python"); break;
    }
    facts.push_back(std::move(f));
  }
  return facts;
}

std::int64_t value_bytes(const std::vector<openlock::Fact>& facts) {
  std::int64_t bytes = 0;
  for (const auto& f : facts)
    for (const auto& kv : f.attrs) bytes += static_cast<std::int64_t>(kv.second.size());
  return bytes;
}

// Every value of every fact through the built-in rules' compiled globs: once per value.
void BM_GlobMatcher(benchmark::State& state) {
  const openlock::GlobMatcher matcher(builtin_rules());
  const auto facts = glob_facts();
  std::vector<openlock::GlobMatcher::Hit> hits;
  for (auto _ : state) {
    hits.clear();
    for (const auto& f : facts) matcher.match(f, hits);
    benchmark::DoNotOptimize(hits.data());
  }
  state.SetBytesProcessed(state.iterations() * value_bytes(facts));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(facts.size()));
}

// Baseline for BM_GlobMatcher: the same tests as the engine ran them before, glob_match per
// pattern of every test that names the fact's kind and attribute.
void BM_GlobLoop(benchmark::State& state) {
  struct Test {
    std::string kind;
    const openlock::Condition::AttrTest* test;
  };
  std::vector<Test> tests;
  auto walk = [&](const openlock::Condition& c, auto& self) -> void {
    for (const auto& t : c.tests)
      if (!t.patterns.empty()) tests.push_back({c.fact_kind, &t});
    for (const auto& child : c.children) self(child, self);
  };
  for (const auto& r : builtin_rules()) walk(r.match, walk);
  const auto facts = glob_facts();
  for (auto _ : state) {
    std::size_t passed = 0;
    for (const auto& f : facts)
      for (const auto& [kind, test] : tests)
        if (kind == f.kind)
          for (const auto& [key, value] : f.attrs)
            if (key == test->attr)
              passed += std::any_of(test->patterns.begin(), test->patterns.end(),
                                    [&](const std::string& p) { return openlock::glob_match(p, value); });
    benchmark::DoNotOptimize(passed);
  }
  state.SetBytesProcessed(state.iterations() * value_bytes(facts));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(facts.size()));
}

// What a scan pays once per rule set (twice per scan: the per-file rules and the rest).
void BM_GlobMatcherCompile(benchmark::State& state) {
  for (auto _ : state) {
    openlock::GlobMatcher matcher(builtin_rules());
    benchmark::DoNotOptimize(&matcher);
  }
}

// Paths shaped like a Python/ML repository's: folders x file names, 8 x 16 = 128 paths.
std::vector<std::string> repo_paths() {
  const char* folders[] = {"src/agents", "src/agents/models", "tests", "tests/models", "examples/basic",
                           "docs/ref", ".github/workflows", "src/agents/extensions/memory"};
  const char* names[] = {"__init__.py", "run.py", "test_runner.py", "README.md", "index.md", "pyproject.toml",
                         "config.yaml", "Dockerfile", "model.safetensors", "train.py", "utils.ts", "LICENSE",
                         "requirements.txt", "ci.yml", "logo.png", "data.json"};
  std::vector<std::string> out;
  for (const char* f : folders)
    for (const char* n : names) out.push_back(std::string(f) + "/" + n);
  return out;
}

// GitHub's Python .gitignore template as openai-agents-python ships it (its common patterns).
const char* kPythonGitignore =
    ".DS_Store\n__pycache__/\n**/__pycache__/\n*.py[cod]\n*$py.class\n*.so\n.Python\nbuild/\ndevelop-eggs/\ndist/\n"
    "downloads/\neggs/\n.eggs/\nlib/\nlib64/\nparts/\nsdist/\nvar/\nwheels/\nshare/python-wheels/\n*.egg-info/\n"
    ".installed.cfg\n*.egg\nMANIFEST\n*.manifest\n*.spec\npip-log.txt\npip-delete-this-directory.txt\nhtmlcov/\n"
    ".tox/\n.nox/\n.coverage\n.coverage.*\n.cache\n.tmp/\nnosetests.xml\ncoverage.xml\n*.cover\n*.py,cover\n"
    ".hypothesis/\n.pytest_cache/\ncover/\n*.mo\n*.pot\n*.log\nlocal_settings.py\ndb.sqlite3\ndb.sqlite3-journal\n"
    "instance/\n.webassets-cache\n.scrapy\ndocs/_build/\n.pybuilder/\ntarget/\n.ipynb_checkpoints\nprofile_default/\n"
    "ipython_config.py\n.pdm.toml\n__pypackages__/\ncelerybeat-schedule\ncelerybeat.pid\n*.sage.py\n.python-version\n"
    ".env*\n.venv\n.venv*\nenv/\nvenv/\nENV/\nenv.bak/\nvenv.bak/\n.spyderproject\n.ropeproject\n/site\n.mypy_cache/\n"
    ".dmypy.json\ndmypy.json\n.pyre/\n.pytype/\ncython_debug/\n.idea/\n.ruff_cache/\n.aider*\ndump.rdb\ntmp/\n";

// The walk's ignore check: every file and every folder on its path against the patterns.
void BM_PathIgnore(benchmark::State& state) {
  openlock::IgnoreRules rules;
  rules.add_file("", kPythonGitignore);
  const auto paths = repo_paths();
  for (auto _ : state) {
    std::size_t ignored = 0;
    for (const auto& p : paths) {
      ignored += rules.ignored(p, false);
      ignored += rules.ignored(openlock::folder_of(p), true);
    }
    benchmark::DoNotOptimize(ignored);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(paths.size()));
}

// What a scan asks of each file's path: its parser, kind, context and MOF component.
void BM_PathClassify(benchmark::State& state) {
  const auto paths = repo_paths();
  for (auto _ : state) {
    std::size_t n = 0;
    for (const auto& p : paths) {
      n += openlock::parser_for(p) != nullptr;
      n += openlock::classify(p).size() + openlock::context_of(p).size();
      n += openlock::artefact_component(p).has_value();
    }
    benchmark::DoNotOptimize(n);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(paths.size()));
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
BENCHMARK(BM_GlobMatcher);
BENCHMARK(BM_GlobLoop);
BENCHMARK(BM_GlobMatcherCompile)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PathIgnore);
BENCHMARK(BM_PathClassify);
BENCHMARK_MAIN();
