// One long line with many matches (reliability report D2, D6, D17): evidence stays a bounded
// excerpt, parsing stays linear, and memory stays a small multiple of the file.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <string>

#include "openlock/openlock.hpp"
#include "parse/parser.hpp"
#include "parse/text_lines.hpp"
#include "unit/discover/temp_tree.hpp"

using namespace openlock;
using openlock::testing::TempTree;

namespace {

constexpr int kRepeats = 4000;  // whole-line evidence: 4000 × a 100-400 KB line, GBs

std::string repeat(std::string_view s, int n) {
  std::string out;
  out.reserve(s.size() * n);
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

struct Case {
  const char* path;
  std::string text;
  std::size_t min_facts;
};

std::vector<Case> one_line_manifests(int n) {
  std::string package_json = "{\"dependencies\":{";
  for (int i = 0; i < n; ++i) package_json += (i ? "," : "") + std::string("\"openai") + std::to_string(i) + "\":\"1\"";
  package_json += "}}";
  return {
      {"Dockerfile", "FROM ubuntu\nRUN " + repeat("pip install tensorrt_llm && ", n) + "true\n", std::size_t(n)},
      {"pyproject.toml", "[project]\nname=\"x\"\ndependencies=[" + repeat("\"tensorrt_llm\",", n) + "]\n", std::size_t(n)},
      {"package.json", package_json, std::size_t(n)},
      {"environment.yml", "name: x\ndependencies: [" + repeat("pytorch-cuda, ", n) + "x]\n", std::size_t(n)},
      {"docker-compose.yml",
       "services:\n  a:\n    image: nvidia/cuda:12\n    environment: [" + repeat("OPENAI_API_KEY=1, ", n) + "x=1]\n",
       std::size_t(n)},
      {"models/m/config.pbtxt", "backend: \"tensorrtllm\" " + repeat("instance_group { kind: KIND_GPU } ", n) + "\n",
       std::size_t(n)},
      {"CMakeLists.txt", repeat("find_package(CUDA) ", n) + "\n", std::size_t(n)},
      {"a.py", repeat("import openai; ", n) + "\n", std::size_t(n)},
      {"a.js", repeat("require(\"openai\");", n) + "\n", std::size_t(n)},
      {"a.go", "package x\nvar x = []string{" + repeat("\"https://api.openai.com/v1\",", n) + "}\n", std::size_t(n)},
  };
}

ParseOutput parse(const Case& c) {
  const Parser* parser = parser_for(c.path);
  EXPECT_NE(parser, nullptr) << c.path;
  ParseOutput out;
  if (parser) parser->parse(ParseInput{c.path, c.text}, out);
  return out;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST(LongLines, EveryFactOfALongLineKeepsABoundedExcerpt) {
  for (const Case& c : one_line_manifests(kRepeats)) {
    ParseOutput out = parse(c);
    EXPECT_GE(out.facts.size(), c.min_facts) << c.path;
    std::size_t longest = 0;
    for (const Fact& f : out.facts) longest = std::max(longest, f.evidence.size());
    EXPECT_LE(longest, kMaxEvidenceBytes + 6) << c.path << ": the evidence is an excerpt, not the line";
  }
}

TEST(LongLines, AnExcerptShowsItsOwnMatch) {
  std::string line = "RUN " + repeat("pip install numpy && ", 200) + "pip install tensorrt_llm && true";
  ParseOutput out = parse({"Dockerfile", "FROM ubuntu\n" + line + "\n", 0});
  auto it = std::find_if(out.facts.begin(), out.facts.end(), [](const Fact& f) { return f.get("name") == "tensorrt-llm"; });
  ASSERT_NE(it, out.facts.end());
  EXPECT_NE(it->evidence.find("tensorrt_llm"), std::string::npos) << it->evidence;
  EXPECT_TRUE(it->evidence.starts_with("...")) << it->evidence;
}

// D6: quadratic in the line's length before (9-18 s at 16 000 in a release build); linear now.
TEST(LongLines, SourceLexersAreLinearOnOneLongLine) {
  const int n = 32000;
  for (const Case& c : {Case{"a.py", repeat("import openai; ", n) + "\n", 0},
                        Case{"a.go", "package x\nvar x = []string{" + repeat("\"https://api.openai.com/v1\",", n) + "}\n", 0},
                        // before each '#' the C lexer read the line's leading blanks again
                        Case{"a.cpp", std::string(2 << 20, ' ') + "x " + repeat("# ", 16 * n) + "\n", 0}}) {
    auto start = std::chrono::steady_clock::now();
    ParseOutput out = parse(c);
    EXPECT_LT(seconds_since(start), 20.0) << c.path;
  }
}

// A scan with the long lines keeps every finding of the other files; a file over the size cap
// becomes a diagnostic.
TEST(LongLines, OtherFilesKeepTheirFindings) {
  TempTree tree;
  for (const Case& c : one_line_manifests(kRepeats)) tree.write(std::string("long/") + c.path, c.text);
  tree.write("capped/requirements.txt", "tensorrt_llm==0.12.0\n" + std::string(64 << 10, '#') + "\n");
  tree.write("sentinel/requirements.txt", "tensorrt_llm==0.12.0\n");
  AuditOptions options;
  options.targets = {tree.root().string()};
  options.jobs = 2;
  options.max_file_size = 32 << 10;
  AuditResult r;
  AuditError error;
  ASSERT_TRUE(Auditor(std::move(options)).audit(r, error)) << error.message;
  EXPECT_TRUE(std::any_of(r.findings.begin(), r.findings.end(),
                          [](const Finding& f) { return f.location.path == "sentinel/requirements.txt"; }));
  EXPECT_TRUE(std::any_of(r.diagnostics.begin(), r.diagnostics.end(),
                          [](const Diagnostic& d) { return d.location.path == "capped/requirements.txt"; }));
  for (const Finding& f : r.findings) EXPECT_LE(f.evidence.size(), kMaxEvidenceBytes + 6) << f.location.path;
}

#if defined(OPENLOCK_BIN) && !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
// D17: peak RSS of the command on one 4 MB file; the tokens of a dotted name and repeated
// extras cost 40-60 times the file before.
long peak_rss_kb(const std::string& target) {
  pid_t pid = fork();
  if (pid == 0) {
    execl(OPENLOCK_BIN, OPENLOCK_BIN, "scan", target.c_str(), "--format", "json", "-o", "/dev/null", "-q",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) <= 1) << target;
  return usage.ru_maxrss;
}

TEST(LongLines, MemoryIsASmallMultipleOfTheFile) {
  const int mb4 = 4 << 20;
  for (const Case& c : {Case{"a.py", "import " + repeat("a.", mb4 / 2) + "b\n", 0},
                        Case{"a.rs", "use " + repeat("a::", mb4 / 3) + "b;\n", 0},
                        Case{"requirements.txt", "tensorrt_llm[" + repeat("a,", mb4 / 2) + "b]==1\n", 0}}) {
    TempTree tree;
    tree.write(c.path, c.text);
    EXPECT_LT(peak_rss_kb(tree.root().string()), 100 * 1024) << c.path;
  }
}
#endif

// D17 keeps a dotted name (a.b.c, a::b::c) as one token; what the readers make of it is unchanged.
TEST(LongLines, DottedNamesAsOneTokenGiveTheSameFacts) {
  auto has = [](const ParseOutput& out, std::string_view kind, std::string_view key, std::string_view value) {
    return std::any_of(out.facts.begin(), out.facts.end(),
                       [&](const Fact& f) { return f.kind == kind && f.get(key) == value; });
  };
  ParseOutput py = parse({"a.py",
                          "import a.b.c\nos.environ.get(\"K1\")\nos.environ[\"K2\"]\nos.getenv(\"K3\")\n"
                          "environ . get(\"K4\")\nos.environ .get(\"K5\")\nclient = openai.OpenAI(\"x\")\n",
                          0});
  EXPECT_TRUE(has(py, "import", "module", "a.b.c"));
  for (const char* k : {"K1", "K2", "K3", "K4", "K5"}) EXPECT_TRUE(has(py, "env_var", "name", k)) << k;
  EXPECT_TRUE(has(py, "call", "function", "openai.OpenAI"));
  ParseOutput rs = parse({"a.rs", "use tch::nn::{Module};\nfn f() { std::env::var(\"K\"); env::var_os(\"L\"); }\n", 0});
  EXPECT_TRUE(has(rs, "import", "module", "tch"));
  EXPECT_TRUE(has(rs, "import", "path", "tch::nn"));
  EXPECT_TRUE(has(rs, "env_var", "name", "K"));
  EXPECT_TRUE(has(rs, "env_var", "name", "L"));
  ParseOutput cpp = parse({"a.cpp", "auto k = std::getenv(\"K\");\n", 0});
  EXPECT_TRUE(has(cpp, "env_var", "name", "K"));
  EXPECT_TRUE(has(cpp, "call", "function", "std::getenv"));
  ParseOutput req = parse({"requirements.txt", "jax[tpu,TPU,cuda,tpu]==0.4\n", 0});
  ASSERT_EQ(req.facts.size(), 1u);
  std::vector<std::string> extras;
  for (const auto& [k, v] : req.facts[0].attrs)
    if (k == "extra") extras.push_back(v);
  EXPECT_EQ(extras, (std::vector<std::string>{"tpu", "cuda"}));
}
