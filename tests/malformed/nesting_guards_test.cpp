// Hostile nesting, bytes and repeated keys that once crashed a parser, got past --max-nesting or
// were resolved unlike the file's own tool does (reliability report 2026-12: D3, D10, D15, D16).
// Each case scans a hostile file beside a good one whose finding must stay.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "openlock/openlock.hpp"
#include "rules/loader.hpp"
#include "unit/discover/temp_tree.hpp"

using namespace openlock;
using openlock::testing::TempTree;

namespace {

constexpr const char* kGood = "good/requirements.txt";
constexpr const char* kGoodRule = "lockin.hardware.cuda-wheels";

std::string repeat(const std::string& piece, int times) {
  std::string s;
  s.reserve(piece.size() * static_cast<std::size_t>(times));
  for (int i = 0; i < times; ++i) s += piece;
  return s;
}

std::string dotted(int parts) { return "a" + repeat(".a", parts - 1); }

class NestingGuards : public ::testing::Test {
 protected:
  void SetUp() override { tree.write(kGood, "cupy-cuda12x\n"); }

  AuditResult scan(AuditOptions options = {}) {
    options.targets = {tree.root().string()};
    options.jobs = 2;
    AuditResult r;
    AuditError error;
    EXPECT_TRUE(Auditor(std::move(options)).audit(r, error)) << error.message;
    EXPECT_TRUE(has_finding(r, kGoodRule, kGood)) << "the good file lost its finding";
    return r;
  }

  static const Diagnostic* diagnostic(const AuditResult& r, const std::string& path, const std::string& words) {
    for (const auto& d : r.diagnostics)
      if (d.location.path == path && d.message.find(words) != std::string::npos) return &d;
    return nullptr;
  }

  static bool has_finding(const AuditResult& r, const std::string& rule, const std::string& path, unsigned line = 0) {
    return std::any_of(r.findings.begin(), r.findings.end(), [&](const Finding& f) {
      return f.rule_id == rule && f.location.path == path && (line == 0 || f.location.line == line);
    });
  }

  static void expect_no_bad_file(const AuditResult& r) {
    for (const auto& d : r.diagnostics) EXPECT_EQ(d.message.find("bad file"), std::string::npos) << d.message;
  }

  TempTree tree;
};

}  // namespace

// D3: toml++ recursed once per part; 40 000 parts overflowed the stack (SIGSEGV).
TEST_F(NestingGuards, TomlHeaderOrDottedKeyOfFortyThousandParts) {
  tree.write("header/Cargo.toml", "[package]\nname = \"x\"\n[" + dotted(40000) + "]\n");
  tree.write("key/pyproject.toml", "[project]\nname = \"x\"\n" + dotted(40000) + " = 1\n");
  tree.write("array/Cargo.toml", "[package]\nname = \"x\"\n[[" + dotted(40000) + "]]\n");
  AuditResult r = scan();
  for (const char* path : {"header/Cargo.toml", "key/pyproject.toml", "array/Cargo.toml"}) {
    const Diagnostic* d = diagnostic(r, path, "nests deeper than 64 levels");
    ASSERT_NE(d, nullptr) << path;
    EXPECT_EQ(d->location.line, 3u) << path;
    EXPECT_NE(d->message.find("--max-nesting"), std::string::npos);
  }
}

TEST_F(NestingGuards, TomlArraysAndKeysFollowMaxNesting) {
  tree.write("t/pyproject.toml", "[project]\nname = \"x\"\nx = [[[[1]]]]\n");
  tree.write("u/pyproject.toml", "[tool.a.b.c]\nx = 1\n");
  EXPECT_EQ(diagnostic(scan(), "t/pyproject.toml", "nests"), nullptr) << "within the default";
  AuditOptions options;
  options.max_nesting = 3;
  AuditResult r = scan(options);
  EXPECT_NE(diagnostic(r, "t/pyproject.toml", "nests deeper than 3 levels"), nullptr);
  EXPECT_NE(diagnostic(r, "u/pyproject.toml", "nests deeper than 3 levels"), nullptr);
}

// D10: a byte above 0x7F reached X3's isalnum (an assertion in Debug and sanitizer builds).
TEST_F(NestingGuards, NonAsciiLicensesAreRefusedCleanly) {
  tree.write("card/README.md", "---\nlicense: \"apache-2.0 OR m\xc3\xaft\"\n---\n# Model\n");
  tree.write("npm/package.json", "{\"name\": \"x\", \"version\": \"1.0.0\", \"license\": \"MIT \xc3\xa9\"}\n");
  tree.write("rust/Cargo.toml", "[package]\nname = \"x\"\nlicense = \"MIT OR Apache-2.0\xff\x01\"\n");
  AuditResult r = scan();
  EXPECT_TRUE(has_finding(r, "license.card.unresolved", "card/README.md", 2)) << "the card's license is still unknown";
}

// D15: "- - - x" on one line nested 400 levels past --max-nesting 64.
TEST_F(NestingGuards, CompactBlockSequencesCountTowardsMaxNesting) {
  std::string compact = repeat("- ", 400) + "x\n";
  tree.write("k/k8s/a.yaml", compact);
  tree.write("c/environment.yml", "name: x\ndependencies:\n" + compact);
  tree.write("m/README.md", "---\ntags:\n" + compact + "---\n# Model\n");
  tree.write("fine/k8s/b.yaml", "a:\n  - - - x\n");
  AuditResult r = scan();
  EXPECT_NE(diagnostic(r, "k/k8s/a.yaml", "nests deeper than 64 levels"), nullptr);
  EXPECT_NE(diagnostic(r, "c/environment.yml", "nests deeper than 64 levels"), nullptr);
  EXPECT_NE(diagnostic(r, "m/README.md", "nests deeper than 64 levels"), nullptr);
  EXPECT_EQ(diagnostic(r, "fine/k8s/b.yaml", "nests"), nullptr);
}

TEST_F(NestingGuards, YamlCppsOwnDepthLimitIsNamedNotBadFile) {
  tree.write("k/k8s/a.yaml", "a: " + repeat("[", 255) + "\n");
  tree.write("m/README.md", "---\na: " + repeat("[", 255) + "\n---\n# Model\n");
  AuditOptions options;
  options.max_nesting = 256;  // the guard lets it through; unclosed, yaml-cpp stops at 250 levels of [
  AuditResult r = scan(options);
  EXPECT_NE(diagnostic(r, "k/k8s/a.yaml", "nests deeper than yaml-cpp's own limit (500 nested nodes)"), nullptr);
  EXPECT_NE(diagnostic(r, "m/README.md", "nests deeper than yaml-cpp's own limit (500 nested nodes)"), nullptr);
  expect_no_bad_file(r);
}

TEST(NestingGuardsRules, DeepNotInARulePackNamesTheLimit) {
  const std::string head = "id: deep.not\ntitle: t\ncategory: lockin.hardware\nvendor: v\nseverity: low\nwithin: repo\n"
                           "effect: finding\nconfidence: low\nmessage: m\nremediation: r\nreferences: [https://example.org]\n";
  Rule rule;
  RuleError error;
  std::string flow = head + "match: " + repeat("{not: ", 100000) + "{image: {}}" + repeat("}", 100000) + "\n";
  EXPECT_FALSE(load_rule("pack/deep.not.yaml", flow, rule, error));
  EXPECT_EQ(error.message, "rule YAML nests deeper than 64 levels; refused");

  std::string block = head + "match:\n";
  for (int i = 0; i < 300; ++i) block += repeat("  ", i + 1) + "not:\n";
  block += repeat("  ", 301) + "image: {}\n";
  EXPECT_FALSE(load_rule("pack/deep.not.yaml", block, rule, error));
  EXPECT_EQ(error.message, "rule YAML nests deeper than 64 levels; refused");

  std::string shallow = head + "match:\n  not:\n    not:\n      image: {}\n";
  EXPECT_TRUE(load_rule("pack/deep.not.yaml", shallow, rule, error)) << error.to_string();
}

// D16: conda (PyYAML) takes a repeated key's last value; openlock took the first, silently.
TEST_F(NestingGuards, RepeatedKeysInEnvironmentYmlResolveLastWins) {
  tree.write("env/environment.yml", "name: x\ndependencies: [numpy]\ndependencies: [pytorch-cuda=12.1]\n");
  tree.write("pip/environment.yml", "name: y\ndependencies:\n  - pip: [requests]\n    pip: [cupy-cuda12x]\n");
  AuditResult r = scan();
  EXPECT_TRUE(has_finding(r, "lockin.hardware.cuda-conda", "env/environment.yml", 3));
  const Diagnostic* d = diagnostic(r, "env/environment.yml", "repeats the key 'dependencies'");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->location.line, 3u);
  EXPECT_NE(d->message.find("the last one is read, as conda does"), std::string::npos);
  EXPECT_TRUE(has_finding(r, kGoodRule, "pip/environment.yml", 4)) << "the last pip list";
  EXPECT_NE(diagnostic(r, "pip/environment.yml", "repeats the key 'pip'"), nullptr);
}

TEST_F(NestingGuards, RepeatedKeysInDeployYamlResolveLastWinsWithADiagnostic) {
  const std::string nvidia = "nvcr.io/nvidia/pytorch:24.01-py3";
  tree.write("c/docker-compose.yml", "services:\n  api:\n    image: python:3.11\n    image: " + nvidia + "\n");
  tree.write("k/k8s/pod.yaml", "kind: Pod\nspec:\n  containers:\n  - name: a\n    image: " + nvidia +
                                   "\n    image: python:3.11\n");
  tree.write("h/values.yaml", "image:\n  repository: python\n  tag: '3.11'\n  repository: nvcr.io/nvidia/pytorch\n");
  AuditResult r = scan();
  EXPECT_TRUE(has_finding(r, "lockin.hardware.nvidia-image", "c/docker-compose.yml", 4));
  const Diagnostic* compose = diagnostic(r, "c/docker-compose.yml", "repeats the key 'image'");
  ASSERT_NE(compose, nullptr);
  EXPECT_EQ(compose->location.line, 4u);
  EXPECT_NE(compose->message.find("docker compose refuses"), std::string::npos);

  EXPECT_FALSE(has_finding(r, "lockin.hardware.nvidia-image", "k/k8s/pod.yaml")) << "kubectl reads the last image";
  const Diagnostic* k8s = diagnostic(r, "k/k8s/pod.yaml", "repeats the key 'image'");
  ASSERT_NE(k8s, nullptr);
  EXPECT_EQ(k8s->location.line, 6u);

  EXPECT_TRUE(has_finding(r, "lockin.hardware.nvidia-image", "h/values.yaml")) << "Helm reads the last repository";
  EXPECT_NE(diagnostic(r, "h/values.yaml", "repeats the key 'repository'"), nullptr);
}
