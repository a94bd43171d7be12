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

TEST(Engine, ContextComesFromThePathUnlessTheFactSaysOtherwise) {
  auto r = rule_from("m", "match: {model_ref: {name: 'gpt-*'}}\nmessage: m\n");
  std::vector<Fact> facts = {fact("model_ref", "src/oai.rs", 1, "\"gpt-4o\"", {{"name", "gpt-4o"}}),
                             fact("model_ref", "src/oai.rs", 9, "\"gpt-4o\"", {{"name", "gpt-4o"}, {"context", "test"}}),
                             fact("model_ref", "tests/x.rs", 2, "\"gpt-4o\"", {{"name", "gpt-4o"}})};
  auto findings = evaluate_rules({r}, facts);
  ASSERT_EQ(findings.size(), 3u);
  EXPECT_EQ(findings[0].context, "product");
  EXPECT_EQ(findings[1].context, "test");
  EXPECT_EQ(findings[2].context, "test");
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

TEST(Engine, AllCollectsFactsOfPositiveChildrenOnceEach) {
  // Both children match torch: one finding for it; the `not` child adds nothing.
  auto rule = rule_from("dedupe", "match:\n  all:\n    - dependency: {name: torch}\n    - dependency: {name: 't*'}\n"
                                  "    - not: {dependency: {name: nothing}}\nmessage: m\n");
  EXPECT_EQ(where(evaluate_rules({rule}, kFacts)), (std::vector<std::string>{"a/requirements.txt:1"}));

  // A `not` that holds alone yields no finding: there is no fact to point at.
  auto absent = rule_from("absent", "match: {not: {dependency: {name: nothing}}}\nmessage: m\n");
  EXPECT_TRUE(evaluate_rules({absent}, kFacts).empty());
}

TEST(Engine, AttributeMustBePresentAndEveryTestMustMatch) {
  auto missing_attr = rule_from("r", "match: {image: {name: '*', tag: '*'}}\nmessage: m\n");
  EXPECT_TRUE(evaluate_rules({missing_attr}, kFacts).empty()) << "no fact has a tag";
  auto one_fails = rule_from("r", "match: {dependency: {name: 'cupy-*', extra: z}}\nmessage: m\n");
  EXPECT_TRUE(evaluate_rules({one_fails}, kFacts).empty());
  auto case_blind = rule_from("r", "match: {dependency: {name: 'CuPy-CUDA1[0-9]X'}}\nmessage: m\n");
  EXPECT_EQ(evaluate_rules({case_blind}, kFacts).size(), 1u);
}

TEST(Engine, ConfidenceComesFromRuleOrFactKind) {
  std::vector<Fact> facts = {fact("import", "src/app.py", 1, "import openai", {{"module", "openai"}}),
                             fact("model_ref", "src/app.py", 2, "\"gpt-4o\"", {{"name", "gpt-4o"}}),
                             fact("dependency", "requirements.txt", 1, "openai", {{"name", "openai"}})};
  auto derived = rule_from("r", "match: {any: [{import: {}}, {model_ref: {}}, {dependency: {}}]}\nmessage: m\n");
  auto found = evaluate_rules({derived}, facts);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].confidence, "high");  // requirements.txt sorts first
  EXPECT_EQ(found[1].confidence, "medium");
  EXPECT_EQ(found[2].confidence, "low");

  auto declared = rule_from("r", "confidence: low\nmatch: {dependency: {}}\nmessage: m\n");
  EXPECT_EQ(evaluate_rules({declared}, facts).at(0).confidence, "low");
}

TEST(Engine, FindingCarriesRuleFieldsAndFilledRemediation) {
  std::vector<Fact> facts = {fact("image", "tests/Dockerfile", 4, "FROM nvcr.io/nvidia/pytorch", {{"name", "nvcr.io/nvidia/pytorch"}})};
  auto rule = rule_from("img", "match: {image: {name: 'nvcr.io/*'}}\nmessage: '{evidence}'\n"
                               "remediation: 'Replace {attr.name} at line {line}; keep {attr.missing}.'\n");
  auto found = evaluate_rules({rule}, facts);
  ASSERT_EQ(found.size(), 1u);
  const Finding& f = found[0];
  EXPECT_EQ(f.rule_id, "img");
  EXPECT_EQ(f.title, "T");
  EXPECT_EQ(f.category, "lockin.hardware");
  EXPECT_EQ(f.severity, Severity::medium);
  EXPECT_EQ(f.message, "FROM nvcr.io/nvidia/pytorch");
  EXPECT_EQ(f.remediation, "Replace nvcr.io/nvidia/pytorch at line 4; keep .");
  EXPECT_EQ(f.location.path, "tests/Dockerfile");
  EXPECT_EQ(f.location.line, 4u);
  EXPECT_EQ(f.context, "test");
  EXPECT_FALSE(f.mitigates);
  EXPECT_EQ(f.fingerprint, fingerprint("img", "tests/Dockerfile", "FROM nvcr.io/nvidia/pytorch"));
}

TEST(Engine, SortsByPathLineColumnThenRule) {
  std::vector<Fact> facts = {fact("image", "b.yaml", 1, "x", {{"name", "x"}}),
                             Fact{"image", {"a.yaml", 2, 9}, "y", {{"name", "y"}}},
                             Fact{"image", {"a.yaml", 2, 3}, "z", {{"name", "z"}}}};
  auto second = rule_from("rule.b", "match: {image: {}}\nmessage: m\n");
  auto first = rule_from("rule.a", "match: {image: {}}\nmessage: m\n");
  std::vector<std::string> order;
  for (const auto& f : evaluate_rules({second, first}, facts))
    order.push_back(f.location.path + ":" + std::to_string(f.location.column) + ":" + f.rule_id);
  EXPECT_EQ(order, (std::vector<std::string>{"a.yaml:3:rule.a", "a.yaml:3:rule.b", "a.yaml:9:rule.a", "a.yaml:9:rule.b",
                                             "b.yaml:1:rule.a", "b.yaml:1:rule.b"}));
}

TEST(Engine, NoRulesOrNoFactsGiveNoFindings) {
  EXPECT_TRUE(evaluate_rules({}, kFacts).empty());
  auto rule = rule_from("r", "within: repo\nmatch: {dependency: {}}\nmessage: m\n");
  EXPECT_TRUE(evaluate_rules({rule}, {}).empty());
}

// CompiledRules matches each value once against all globs; the findings must not change.
TEST(Engine, CompiledRulesGiveTheSameFindings) {
  const std::vector<Rule> rules = {
      rule_from("cuda", "match: {any: [{dependency: {name: ['CUPY-*', torch]}}, {image: {name: '*/pytorch'}}]}\nmessage: m\n"),
      rule_from("extra", "match: {dependency: {name: 'c?py-cuda1[0-9]x', extra: [y, z]}}\nmessage: m\n"),
      rule_from("no-rocm", "within: repo\nmatch: {all: [{dependency: {name: openai}}, {not: {image: {name: 'rocm/*'}}}]}\nmessage: m\n"),
      rule_from("regex", "match: {dependency: {name: {glob: '*a*', regex: 'ai$'}}}\nmessage: m\n"),
      // No glob passes here, yet these hold: one branch has no glob, or a `not`.
      rule_from("no-glob", "match: {any: [{dependency: {name: zzz}}, {image: {}}]}\nmessage: m\n"),
      rule_from("not-zzz", "match: {all: [{image: {name: {regex: rocm}}}, {not: {dependency: {name: 'zzz*'}}}]}\nmessage: m\n"),
      rule_from("never", "match: {all: [{image: {}}, {dependency: {name: 'zzz*'}}]}\nmessage: m\n"),
  };
  const CompiledRules compiled(rules);
  for (int twice = 0; twice < 2; ++twice) {  // the second call reuses the compiled globs
    auto got = compiled.evaluate(kFacts), want = evaluate_rules(rules, kFacts);
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t i = 0; i < got.size(); ++i)
      EXPECT_EQ(got[i].rule_id + " " + got[i].fingerprint, want[i].rule_id + " " + want[i].fingerprint);
  }
  std::vector<std::string> fired;
  for (const auto& f : compiled.evaluate(kFacts)) fired.push_back(f.rule_id + " " + f.location.path + ":" + std::to_string(f.location.line));
  EXPECT_EQ(fired, (std::vector<std::string>{"cuda a/requirements.txt:1", "cuda a/requirements.txt:3", "extra a/requirements.txt:3",
                                             "cuda b/Dockerfile:2", "no-glob b/Dockerfile:2", "not-zzz b/Dockerfile:2",
                                             "regex b/requirements.txt:1"}));
  EXPECT_TRUE(compiled.evaluate({}).empty());
}

TEST(Engine, MatchesALeafLooksAtEveryLeafPositiveOrNot) {
  const std::vector<Rule> rules = {
      rule_from("bedrock", "match: {all: [{call: {function: '*client', arg: bedrock-runtime}}, {not: {import: {module: litellm}}}]}\nmessage: m\n"),
      rule_from("any-image", "match: {image: {}}\nmessage: m\n"),
      rule_from("cap", "match: {license_clause: {detail: {lt: 1e6}, kind: {equals: mau_cap}}}\nmessage: m\n"),
  };
  const CompiledRules compiled(rules);
  auto matches = [&](std::string kind, std::vector<std::pair<std::string, std::string>> attrs) {
    return compiled.matches_a_leaf(fact(std::move(kind), "", 0, "", std::move(attrs)));
  };
  EXPECT_TRUE(matches("call", {{"function", "boto3.client"}, {"arg", "bedrock-runtime"}}));
  EXPECT_FALSE(matches("call", {{"function", "boto3.client"}, {"arg", "s3"}}));  // every test of the leaf must pass
  EXPECT_FALSE(matches("call", {{"function", "print"}, {"arg", "bedrock-runtime"}}));
  EXPECT_TRUE(matches("import", {{"module", "litellm"}}));  // the leaf under `not` counts: its facts decide the rule
  EXPECT_FALSE(matches("import", {{"module", "os"}}));
  EXPECT_TRUE(matches("image", {{"name", "anything"}}));  // a leaf without tests takes every fact of its kind
  EXPECT_TRUE(matches("license_clause", {{"kind", "mau_cap"}, {"detail", "5000"}}));
  EXPECT_FALSE(matches("license_clause", {{"kind", "mau_cap"}, {"detail", "700000000"}}));
  EXPECT_FALSE(matches("license_clause", {{"kind", "MAU_CAP"}, {"detail", "5000"}}));
  EXPECT_FALSE(matches("dependency", {{"name", "torch"}}));  // no rule reads the kind
}

// What the parsers rely on when they leave out facts no leaf matches: the findings stay the same.
TEST(Engine, LeavingOutFactsNoLeafMatchesChangesNoFinding) {
  const std::vector<Rule> rules = {
      rule_from("cuda", "match: {any: [{dependency: {name: ['cupy-*', torch]}}, {image: {name: '*/pytorch'}}]}\nmessage: m\n"),
      rule_from("no-rocm", "within: repo\nmatch: {all: [{dependency: {name: openai}}, {not: {image: {name: 'rocm/*'}}}]}\nmessage: m\n"),
      rule_from("extra", "match: {dependency: {name: 'c?py-cuda1[0-9]x', extra: [y, z]}}\nmessage: m\n"),
  };
  std::vector<Fact> facts = kFacts;
  facts.push_back(fact("dependency", "a/requirements.txt", 5, "numpy", {{"name", "numpy"}}));
  facts.push_back(fact("image", "c/Dockerfile", 1, "FROM debian", {{"name", "debian"}}));
  facts.push_back(fact("call", "c/x.py", 1, "print('x')", {{"function", "print"}, {"arg", "x"}}));
  const CompiledRules compiled(rules);
  std::vector<Fact> kept;
  for (const auto& f : facts)
    if (compiled.matches_a_leaf(f)) kept.push_back(f);
  EXPECT_EQ(kept.size(), 4u);  // cupy-cuda12x, torch, rocm/pytorch, openai
  auto all = compiled.evaluate(facts), fewer = compiled.evaluate(kept);
  ASSERT_EQ(all.size(), fewer.size());
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].rule_id + all[i].fingerprint, fewer[i].rule_id + fewer[i].fingerprint);
}

TEST(Fingerprint, KnownValue) {
  // FNV-1a 64 of "r\0p\0e", pinned so that baselines written by one version stay valid in the next.
  EXPECT_EQ(fingerprint("r", "p", "e"), "a9edd924162e6f96");
  EXPECT_EQ(fingerprint("r", "p", "a\t\n b"), fingerprint("r", "p", "a b"));
}

TEST(Engine, RegexNumericEqualsAndPresenceTests) {
  const std::vector<Fact> clauses = {
      fact("license_clause", "m/LICENSE", 4, "cap", {{"kind", "mau_cap"}, {"detail", "700000000"}}),
      fact("license_clause", "n/LICENSE", 9, "cap", {{"kind", "mau_cap"}, {"detail", "5000"}}),
      fact("license_clause", "o/LICENSE", 2, "aup", {{"kind", "acceptable_use"}, {"detail", "by_reference"}}),
      fact("license_clause", "p/LICENSE", 7, "aup", {{"kind", "acceptable_use"}}),
  };
  auto run = [&](const std::string& match) {
    return where(evaluate_rules({rule_from("r", "match: " + match + "\nmessage: m\n")}, clauses));
  };
  EXPECT_EQ(run("{license_clause: {detail: {lt: 1e6}}}"), (std::vector<std::string>{"n/LICENSE:9"}));
  EXPECT_EQ(run("{license_clause: {detail: {ge: 5000, le: 700000000}}}"),
            (std::vector<std::string>{"m/LICENSE:4", "n/LICENSE:9"}));
  EXPECT_EQ(run("{license_clause: {detail: {gt: 5000}}}"), (std::vector<std::string>{"m/LICENSE:4"}));
  EXPECT_EQ(run("{license_clause: {kind: {regex: '^acc.*use$'}}}"), (std::vector<std::string>{"o/LICENSE:2", "p/LICENSE:7"}));
  EXPECT_EQ(run("{license_clause: {kind: {regex: 'CAP'}}}"), (std::vector<std::string>{}));  // regexes are case-sensitive
  EXPECT_EQ(run("{license_clause: {kind: {regex: '(?i)CAP'}}}"), (std::vector<std::string>{"m/LICENSE:4", "n/LICENSE:9"}));
  EXPECT_EQ(run("{license_clause: {kind: {equals: Mau_Cap}}}"), (std::vector<std::string>{}));  // equals is exact
  EXPECT_EQ(run("{license_clause: {kind: Mau_Cap}}"), (std::vector<std::string>{"m/LICENSE:4", "n/LICENSE:9"}));
  EXPECT_EQ(run("{license_clause: {kind: acceptable_use, detail: {exists: false}}}"), (std::vector<std::string>{"p/LICENSE:7"}));
  EXPECT_EQ(run("{license_clause: {kind: acceptable_use, detail: {exists: true}}}"), (std::vector<std::string>{"o/LICENSE:2"}));
  EXPECT_EQ(run("{license_clause: {detail: {exists: true, regex: '^[0-9]+$'}}}"),
            (std::vector<std::string>{"m/LICENSE:4", "n/LICENSE:9"}));
}

TEST(Engine, PathsAndContextNarrowWhatARuleSees) {
  const std::vector<Fact> facts = {
      fact("dependency", "requirements.txt", 1, "cupy", {{"name", "cupy"}}),
      fact("dependency", "tests/requirements.txt", 1, "cupy", {{"name", "cupy"}}),
      fact("dependency", "serve/k8s/requirements.txt", 1, "cupy", {{"name", "cupy"}}),
      fact("dependency", "src/lib.rs", 5, "cupy", {{"name", "cupy"}, {"context", "test"}}),
      fact("image", "serve/Dockerfile", 1, "FROM rocm/x", {{"name", "rocm/x"}}),
  };
  auto run = [&](const std::string& keys, const std::string& match = "{dependency: {name: cupy}}") {
    return where(evaluate_rules({rule_from("r", keys + "match: " + match + "\nmessage: m\n")}, facts));
  };
  EXPECT_EQ(run("paths: {include: 'serve/**'}\n"), (std::vector<std::string>{"serve/k8s/requirements.txt:1"}));
  EXPECT_EQ(run("paths: {exclude: [requirements.txt]}\n"), (std::vector<std::string>{"src/lib.rs:5"}));  // no '/': the file name anywhere
  EXPECT_EQ(run("paths: {exclude: [/requirements.txt]}\n"),
            (std::vector<std::string>{"serve/k8s/requirements.txt:1", "src/lib.rs:5", "tests/requirements.txt:1"}));
  // The context comes from the path, or from the fact when the parser knows better (src/lib.rs).
  EXPECT_EQ(run("context: product\n"), (std::vector<std::string>{"requirements.txt:1"}));
  EXPECT_EQ(run("context: [test, deploy]\n"),
            (std::vector<std::string>{"serve/k8s/requirements.txt:1", "src/lib.rs:5", "tests/requirements.txt:1"}));
  // within: repo sees only the narrowed facts: with serve/ excluded there is no ROCm image left.
  std::string cuda_without_rocm = "{all: [{dependency: {name: cupy}}, {not: {image: {name: 'rocm/*'}}}]}";
  EXPECT_TRUE(run("within: repo\n", cuda_without_rocm).empty());
  EXPECT_EQ(run("within: repo\npaths: {exclude: 'serve/**'}\n", cuda_without_rocm),
            (std::vector<std::string>{"requirements.txt:1", "src/lib.rs:5", "tests/requirements.txt:1"}));
}
