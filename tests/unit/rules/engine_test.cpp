#include "rules/engine.hpp"

#include <gtest/gtest.h>

#include "rules/loader.hpp"

using namespace openlock;

namespace {

Rule rule_from(const std::string& id, const std::string& body) {
  Rule rule;
  RuleError error;
  std::string text = "id: " + id + "\ntitle: T\ncategory: lockin.hardware\nvendor: acme\nseverity: medium\n" + body;
  EXPECT_TRUE(load_rule(id + ".yaml", text, rule, error)) << error.to_string();
  return rule;
}

Fact fact(std::string kind, std::string path, unsigned line, std::string evidence,
          std::vector<std::pair<std::string, std::string>> attrs) {
  return Fact{std::move(kind), {std::move(path), line, 1}, std::move(evidence), std::move(attrs)};
}

const std::vector<Fact> kFacts = {
    fact("dependency", "a/requirements.txt", 3, "cupy-cuda12x", {{"name", "cupy-cuda12x"}, {"extra", "x"}, {"extra", "y"}}),
    fact("dependency", "a/requirements.txt", 1, "torch", {{"name", "torch"}}),
    fact("image", "b/Dockerfile", 2, "FROM rocm/pytorch", {{"name", "rocm/pytorch"}}),
    fact("dependency", "b/requirements.txt", 1, "openai", {{"name", "openai"}}),
};

std::vector<std::string> where(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(f.location.path + ":" + std::to_string(f.location.line));
  return out;
}

}  // namespace

TEST(Engine, LeafMatchesGlobsAndRepeatedAttributes) {
  auto rule = rule_from("r1", "match: {dependency: {name: 'cupy-*', extra: y}}\nmessage: '{attr.name} in {path}:{line} ({vendor}, {title}) {unknown}'\n");
  auto findings = evaluate_rules({rule}, kFacts);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].message, "cupy-cuda12x in a/requirements.txt:3 (acme, T) {unknown}");
  EXPECT_EQ(findings[0].evidence, "cupy-cuda12x");
  EXPECT_EQ(findings[0].confidence, "high");
  EXPECT_EQ(findings[0].context, "product");
  EXPECT_EQ(findings[0].vendor, "acme");
}

TEST(Engine, AnyAllNotWithinFile) {
  auto any = rule_from("any", "match: {any: [{dependency: {name: torch}}, {image: {}}]}\nmessage: m\n");
  EXPECT_EQ(where(evaluate_rules({any}, kFacts)), (std::vector<std::string>{"a/requirements.txt:1", "b/Dockerfile:2"}));

  // all: needs both in the same file; torch and the image are in different files.
  auto all = rule_from("all", "match: {all: [{dependency: {name: torch}}, {image: {}}]}\nmessage: m\n");
  EXPECT_TRUE(evaluate_rules({all}, kFacts).empty());

  auto cuda_without_rocm = rule_from("not", "match: {all: [{dependency: {name: 'cupy-*'}}, {not: {image: {name: 'rocm/*'}}}]}\nmessage: m\n");
  EXPECT_EQ(where(evaluate_rules({cuda_without_rocm}, kFacts)), (std::vector<std::string>{"a/requirements.txt:3"}));
}

TEST(Engine, WithinRepoSeesAllFiles) {
  auto all = rule_from("all", "within: repo\nmatch: {all: [{dependency: {name: torch}}, {image: {}}]}\nmessage: m\n");
  EXPECT_EQ(where(evaluate_rules({all}, kFacts)), (std::vector<std::string>{"a/requirements.txt:1", "b/Dockerfile:2"}));
  auto cuda_without_rocm = rule_from(
      "not", "within: repo\nmatch: {all: [{dependency: {name: 'cupy-*'}}, {not: {image: {name: 'rocm/*'}}}]}\nmessage: m\n");
  EXPECT_TRUE(evaluate_rules({cuda_without_rocm}, kFacts).empty()) << "the ROCm image elsewhere in the repo counts";
}

TEST(Engine, OneFindingPerFactAndSorted) {
  auto twice = rule_from("twice", "match: {any: [{dependency: {}}, {dependency: {name: openai}}]}\nmessage: m\n");
  EXPECT_EQ(where(evaluate_rules({twice}, kFacts)),
            (std::vector<std::string>{"a/requirements.txt:1", "a/requirements.txt:3", "b/requirements.txt:1"}));
}

TEST(Engine, MitigatingRulesAreMarked) {
  auto counter = rule_from("counter", "effect: mitigates\nmatch: {image: {name: 'rocm/*'}}\nmessage: m\n");
  auto findings = evaluate_rules({counter}, kFacts);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_TRUE(findings[0].mitigates);
}

TEST(Fingerprint, StableAcrossLinesAndWhitespaceDifferentAcrossPaths) {
  EXPECT_EQ(fingerprint("r", "a.txt", "x  ==  1"), fingerprint("r", "a.txt", "x == 1"));
  EXPECT_NE(fingerprint("r", "a.txt", "x"), fingerprint("r", "b.txt", "x"));
  EXPECT_NE(fingerprint("r", "a.txt", "x"), fingerprint("q", "a.txt", "x"));
  EXPECT_EQ(fingerprint("r", "a.txt", "x").size(), 16u);
  auto rule = rule_from("r", "match: {dependency: {name: torch}}\nmessage: m\n");
  auto moved = kFacts;
  moved[1].location.line = 40;
  EXPECT_EQ(evaluate_rules({rule}, kFacts)[0].fingerprint, evaluate_rules({rule}, moved)[0].fingerprint);
}
