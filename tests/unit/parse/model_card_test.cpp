#include "parse/model_card.hpp"

#include <gtest/gtest.h>

#include "unit/parse/parse_helpers.hpp"

using namespace openlock;
using openlock::testing::of_kind;
using openlock::testing::run;
using openlock::testing::values;

namespace {

ParseOutput card(std::string_view text) { return run(parse_model_card, text, "models/m/README.md"); }

bool has_diagnostic(const ParseOutput& out, std::string_view part) {
  for (const auto& d : out.diagnostics)
    if (d.message.find(part) != std::string::npos) return true;
  return false;
}

std::vector<std::string> heading_texts(const ParseOutput& out) {
  std::vector<std::string> texts;
  for (const Fact* h : of_kind(out, "heading")) texts.emplace_back(h->get("text"));
  return texts;
}

const char* kFull = R"(---
license: llama3.1
license_name: acme
license_link: LICENSE
base_model:
  - org/base-a
  - org/base-b
base_model_relation: merge
datasets: [d/one, d/two]
tags:
  - chat
language: en
library_name: transformers
pipeline_tag: text-generation
extra_gated_prompt: Accept the terms
extra_gated_fields:
  Name: text
---
# Acme Model

```
# not a heading
```
## Usage
)";

}  // namespace

TEST(ModelCard, AcceptsCardNames) {
  for (const char* name : {"README.md", "a/b/readme.MD", "MODEL_CARD.md", "x/model_card.md", "MODELCARD.md",
                           "deep/er/ModelCard.Md"})
    EXPECT_TRUE(model_card_accepts(name)) << name;
  for (const char* name : {"README.rst", "README.md.bak", "docs/guide.md", "README", "my_README.md"})
    EXPECT_FALSE(model_card_accepts(name)) << name;
}

TEST(ModelCard, ReadsFrontMatterFields) {
  ParseOutput out = card(kFull);
  EXPECT_TRUE(out.diagnostics.empty());
  auto models = of_kind(out, "model");
  ASSERT_EQ(models.size(), 1u);
  const Fact& m = *models[0];
  EXPECT_EQ(m.location.path, "models/m/README.md");
  EXPECT_EQ(m.location.line, 2u);
  EXPECT_EQ(m.evidence, "license: llama3.1");
  EXPECT_EQ(m.get("name"), "Acme Model");
  EXPECT_EQ(values(m, "base_model"), (std::vector<std::string>{"org/base-a", "org/base-b"}));
  EXPECT_EQ(m.get("base_model_relation"), "merge");
  EXPECT_EQ(values(m, "dataset"), (std::vector<std::string>{"d/one", "d/two"}));
  EXPECT_EQ(values(m, "tag"), (std::vector<std::string>{"chat"}));
  EXPECT_EQ(values(m, "language"), (std::vector<std::string>{"en"}));
  EXPECT_EQ(m.get("library_name"), "transformers");
  EXPECT_EQ(m.get("pipeline_tag"), "text-generation");
  EXPECT_EQ(m.get("license_name"), "acme");
  EXPECT_EQ(m.get("license_link"), "LICENSE");
  EXPECT_EQ(m.get("gated"), "true");

  auto licenses = of_kind(out, "license");
  ASSERT_EQ(licenses.size(), 1u);
  EXPECT_EQ(licenses[0]->get("id"), "llama3.1");
  EXPECT_EQ(licenses[0]->get("source"), "card");
  EXPECT_EQ(licenses[0]->get("name"), "acme");
  EXPECT_EQ(licenses[0]->get("link"), "LICENSE");
  EXPECT_EQ(licenses[0]->location.line, 2u);
  EXPECT_EQ(licenses[0]->location.column, 10u);
  EXPECT_EQ(licenses[0]->evidence, "license: llama3.1");

  auto gating = of_kind(out, "gating");
  ASSERT_EQ(gating.size(), 1u) << "one gating fact per card";
  EXPECT_EQ(gating[0]->location.line, 15u);
  EXPECT_EQ(gating[0]->evidence, "extra_gated_prompt: Accept the terms");
  EXPECT_EQ(values(*gating[0], "field"), (std::vector<std::string>{"extra_gated_prompt", "extra_gated_fields"}));
  EXPECT_EQ(values(*gating[0], "value"), (std::vector<std::string>{"Accept the terms", "map"}));
}

TEST(ModelCard, AbsentFieldsAreOmitted) {
  ParseOutput out = card("---\nlicense: mit\n---\nNo heading here.\n");
  ASSERT_EQ(of_kind(out, "model").size(), 1u);
  const Fact& m = *of_kind(out, "model")[0];
  for (const char* key : {"name", "library_name", "pipeline_tag", "base_model", "base_model_relation", "dataset", "tag",
                          "language", "license_name", "license_link"})
    EXPECT_FALSE(m.has(key)) << key;
  EXPECT_EQ(m.get("gated"), "false");
  EXPECT_FALSE(of_kind(out, "license")[0]->has("name"));
  EXPECT_FALSE(of_kind(out, "license")[0]->has("link"));
}

TEST(ModelCard, StringAndListForms) {
  ParseOutput one = card("---\nbase_model: org/only\nlanguage: fr\ndatasets: d/x\ntags: solo\n---\n");
  const Fact& m1 = *of_kind(one, "model")[0];
  EXPECT_EQ(values(m1, "base_model"), (std::vector<std::string>{"org/only"}));
  EXPECT_EQ(values(m1, "language"), (std::vector<std::string>{"fr"}));
  EXPECT_EQ(values(m1, "dataset"), (std::vector<std::string>{"d/x"}));
  EXPECT_EQ(values(m1, "tag"), (std::vector<std::string>{"solo"}));

  ParseOutput many = card("---\nlanguage:\n- en\n- zh\nbase_model: [a/b, c/d]\n---\n");
  const Fact& m2 = *of_kind(many, "model")[0];
  EXPECT_EQ(values(m2, "language"), (std::vector<std::string>{"en", "zh"}));
  EXPECT_EQ(values(m2, "base_model"), (std::vector<std::string>{"a/b", "c/d"}));
  EXPECT_TRUE(many.diagnostics.empty());
}

TEST(ModelCard, LicenseListAndModelName) {
  ParseOutput out = card("---\nmodel_name: Named\nlicense:\n  - mit\n  - apache-2.0\ngated: false\n---\n# Other\n");
  auto licenses = of_kind(out, "license");
  ASSERT_EQ(licenses.size(), 2u);
  EXPECT_EQ(licenses[0]->get("id"), "mit");
  EXPECT_EQ(licenses[0]->location.line, 4u);
  EXPECT_EQ(licenses[0]->evidence, "- mit");
  EXPECT_EQ(licenses[1]->get("id"), "apache-2.0");
  EXPECT_EQ(licenses[1]->location.line, 5u);
  EXPECT_EQ(of_kind(out, "model")[0]->get("name"), "Named");
  EXPECT_EQ(of_kind(out, "model")[0]->get("gated"), "false");
  EXPECT_TRUE(of_kind(out, "gating").empty());
}

TEST(ModelCard, NameFallsBackToTheFirstLevelOneHeading) {
  ParseOutput out = card("---\nlicense: mit\n---\n## Not level one\n# First Title\n# Second Title\n");
  EXPECT_EQ(of_kind(out, "model")[0]->get("name"), "First Title");
}

TEST(ModelCard, EmptyLicenseDeclaresNothing) {
  ParseOutput out = card("---\nlicense: ''\npipeline_tag: fill-mask\n---\n");
  EXPECT_TRUE(of_kind(out, "license").empty());
  EXPECT_EQ(of_kind(out, "model").size(), 1u);
}

TEST(ModelCard, GatedValues) {
  for (const char* value : {"true", "auto", "manual", "\"manual\""}) {
    ParseOutput out = card(std::string("---\nlicense: mit\ngated: ") + value + "\n---\n");
    auto gating = of_kind(out, "gating");
    ASSERT_EQ(gating.size(), 1u) << value;
    EXPECT_EQ(gating[0]->get("field"), "gated");
    EXPECT_EQ(gating[0]->location.line, 3u);
    EXPECT_EQ(of_kind(out, "model")[0]->get("gated"), "true") << value;
  }
  for (const char* value : {"false", "no", "off", "''"}) {
    ParseOutput out = card(std::string("---\nlicense: mit\ngated: ") + value + "\n---\n");
    EXPECT_TRUE(of_kind(out, "gating").empty()) << value;
    EXPECT_EQ(of_kind(out, "model")[0]->get("gated"), "false") << value;
  }
}

TEST(ModelCard, EveryGatingFieldIsRecorded) {
  ParseOutput out = card(
      "---\nextra_gated_heading: Access it\nextra_gated_button_content: Agree\n"
      "extra_gated_description: We keep your data\nextra_gated_fields:\n  - Name\n  - Email\n---\n");
  auto gating = of_kind(out, "gating");
  ASSERT_EQ(gating.size(), 1u);
  EXPECT_EQ(gating[0]->location.line, 2u);
  EXPECT_EQ(values(*gating[0], "field"), (std::vector<std::string>{"extra_gated_heading", "extra_gated_button_content",
                                                                   "extra_gated_description", "extra_gated_fields"}));
  EXPECT_EQ(values(*gating[0], "value"), (std::vector<std::string>{"Access it", "Agree", "We keep your data", "list"}));
}

TEST(ModelCard, HeadingsSkipCodeFencesAndKeepFileLines) {
  ParseOutput out = card(kFull);
  auto headings = of_kind(out, "heading");
  ASSERT_EQ(headings.size(), 2u);
  EXPECT_EQ(headings[0]->get("text"), "Acme Model");
  EXPECT_EQ(headings[0]->get("level"), "1");
  EXPECT_EQ(headings[0]->location.line, 19u);
  EXPECT_EQ(headings[0]->evidence, "# Acme Model");
  EXPECT_EQ(headings[1]->get("level"), "2");
  EXPECT_EQ(headings[1]->location.line, 24u);
}

TEST(ModelCard, FencesFollowCommonMark) {
  ParseOutput out = card(
      "# A\n"
      "```\n```python\n# inside: a fence with an info string does not close\n```\n"
      "# B\n"
      "~~~~\n~~~\n# inside: a shorter fence does not close\n~~~~~\n"
      "````md\n```\n# inside: backticks do not close a longer fence\n````\n"
      "# C\n");
  EXPECT_EQ(heading_texts(out), (std::vector<std::string>{"A", "B", "C"}));
}

TEST(ModelCard, AtxHeadingShapes) {
  ParseOutput out = card("###### Six\n####### Seven is text\n#NoSpace\n    # indented code\n   # Three spaces\n"
                         "## Closed ##\n# C#\n#\n");
  auto headings = of_kind(out, "heading");
  EXPECT_EQ(heading_texts(out), (std::vector<std::string>{"Six", "Three spaces", "Closed", "C#", ""}));
  EXPECT_EQ(headings[0]->get("level"), "6");
  EXPECT_EQ(headings[1]->location.line, 5u);
}

TEST(ModelCard, NoFrontMatterYieldsHeadingsButNoModel) {
  ParseOutput out = card("# Project\n\nText\n## License\n");
  EXPECT_TRUE(of_kind(out, "model").empty());
  EXPECT_TRUE(of_kind(out, "license").empty());
  EXPECT_EQ(heading_texts(out), (std::vector<std::string>{"Project", "License"}));
  EXPECT_EQ(of_kind(out, "heading")[1]->location.line, 4u);
  EXPECT_TRUE(out.diagnostics.empty());
}

TEST(ModelCard, CrlfAndBom) {
  ParseOutput out = card("\xEF\xBB\xBF---\r\nlicense: mit\r\ngated: auto\r\n---\r\n# T\r\n");
  EXPECT_TRUE(out.diagnostics.empty());
  ASSERT_EQ(of_kind(out, "license").size(), 1u);
  EXPECT_EQ(of_kind(out, "license")[0]->get("id"), "mit");
  EXPECT_EQ(of_kind(out, "license")[0]->evidence, "license: mit");
  EXPECT_EQ(of_kind(out, "gating")[0]->location.line, 3u);
  EXPECT_EQ(of_kind(out, "heading")[0]->location.line, 5u);
  EXPECT_EQ(of_kind(out, "model")[0]->get("name"), "T");
}

TEST(ModelCard, BrokenYamlIsADiagnosticWithItsLine) {
  ParseOutput out = card("---\nlicense: mit\nbad: [a, b}\n---\n# Still read\n");
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_EQ(out.diagnostics[0].location.path, "models/m/README.md");
  EXPECT_EQ(out.diagnostics[0].location.line, 3u);
  EXPECT_TRUE(has_diagnostic(out, "invalid YAML front matter"));
  EXPECT_TRUE(of_kind(out, "model").empty());
  EXPECT_EQ(heading_texts(out), (std::vector<std::string>{"Still read"}));
}

TEST(ModelCard, UnclosedFrontMatter) {
  ParseOutput out = card("---\nlicense: mit\n# Heading\n");
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_EQ(out.diagnostics[0].location.line, 1u);
  EXPECT_TRUE(has_diagnostic(out, "front matter opened at line 1 is never closed"));
  EXPECT_TRUE(of_kind(out, "license").empty());
  EXPECT_TRUE(of_kind(out, "model").empty());
  ASSERT_EQ(of_kind(out, "heading").size(), 1u);
  EXPECT_EQ(of_kind(out, "heading")[0]->location.line, 3u);
}

TEST(ModelCard, WrongTypesAreDiagnosedAndTheRestIsRead) {
  ParseOutput out = card("---\nlicense: {a: b}\npipeline_tag: text-generation\nlibrary_name: [x]\n---\n");
  ASSERT_EQ(out.diagnostics.size(), 2u);
  EXPECT_EQ(out.diagnostics[0].location.line, 2u);
  EXPECT_NE(out.diagnostics[0].message.find("'license'"), std::string::npos);
  EXPECT_NE(out.diagnostics[1].message.find("'library_name'"), std::string::npos);
  EXPECT_EQ(out.diagnostics[1].location.line, 4u);
  EXPECT_TRUE(of_kind(out, "license").empty());
  EXPECT_EQ(of_kind(out, "model")[0]->get("pipeline_tag"), "text-generation");
  EXPECT_FALSE(of_kind(out, "model")[0]->has("library_name"));

  ParseOutput entries = card("---\ntags:\n  - ok\n  - {a: b}\n  - [c]\n---\n");
  ASSERT_EQ(entries.diagnostics.size(), 1u) << "one diagnostic per field";
  EXPECT_EQ(entries.diagnostics[0].location.line, 4u);
  EXPECT_TRUE(has_diagnostic(entries, "'tags' has 2 entries"));
  EXPECT_EQ(values(*of_kind(entries, "model")[0], "tag"), (std::vector<std::string>{"ok"}));
}

TEST(ModelCard, FrontMatterThatIsNotAMap) {
  for (const char* yaml : {"just a string\n", "- a\n- b\n"}) {
    ParseOutput out = card(std::string("---\n") + yaml + "---\n# Body\n");
    ASSERT_EQ(out.diagnostics.size(), 1u) << yaml;
    EXPECT_EQ(out.diagnostics[0].location.line, 2u);
    EXPECT_TRUE(has_diagnostic(out, "not a YAML map"));
    EXPECT_TRUE(of_kind(out, "model").empty());
    EXPECT_EQ(of_kind(out, "heading").size(), 1u);
  }
}

TEST(ModelCard, RepeatedKeysReadTheFirst) {
  ParseOutput out = card("---\nlicense: mit\nlicense: apache-2.0\nlicense: other\n---\n");
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_EQ(out.diagnostics[0].location.line, 3u);
  EXPECT_TRUE(has_diagnostic(out, "repeats the key 'license'"));
  ASSERT_EQ(of_kind(out, "license").size(), 1u);
  EXPECT_EQ(of_kind(out, "license")[0]->get("id"), "mit");
}

TEST(ModelCard, AliasBombIsRefused) {
  std::string yaml = "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  for (char c = 'b'; c <= 'i'; ++c) {
    yaml += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 9; ++i) yaml += std::string(i ? "," : "") + "*" + static_cast<char>(c - 1);
    yaml += "]\n";
  }
  yaml += "tags: *i\nlicense: mit\n---\n# Body\n";
  ParseOutput out = card(yaml);  // refused before yaml-cpp sees it
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_EQ(out.diagnostics[0].location.line, 2u);
  EXPECT_TRUE(has_diagnostic(out, "alias bomb"));
  EXPECT_EQ(of_kind(out, "heading").size(), 1u);
}

TEST(ModelCard, AliasExpansionIsCappedWhileWalking) {
  // Few aliases, each to a long list: the walk, not the parse, would multiply it.
  std::string yaml = "---\nbig: &big [x";
  for (int i = 0; i < 30000; ++i) yaml += ",x";
  yaml += "]\n";
  for (const char* key : {"tags", "datasets", "language", "base_model", "license", "a", "b", "c"})
    yaml += std::string(key) + ": *big\n";
  yaml += "---\n# Body\n";
  ParseOutput out = card(yaml);
  EXPECT_TRUE(has_diagnostic(out, "alias bomb"));
  EXPECT_LE(out.facts.size(), 100010u);
  EXPECT_EQ(of_kind(out, "heading").size(), 1u);
}

TEST(ModelCard, DeepNestingIsRefused) {
  std::string flow = "---\nx: " + std::string(10000, '[') + std::string(10000, ']') + "\n---\n# Body\n";
  ParseOutput out = card(flow);
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_TRUE(has_diagnostic(out, "nests deeper"));
  EXPECT_EQ(of_kind(out, "heading").size(), 1u);

  std::string block = "---\n";  // one more column per level
  for (std::size_t i = 0; i < 200; ++i) block += std::string(i, ' ') + "k:\n";
  block += "---\n";
  EXPECT_TRUE(has_diagnostic(card(block), "nests deeper"));

  std::string compact = "---\nx:\n";  // "- - - a" nests sequences on one line
  for (int i = 0; i < 10000; ++i) compact += "- ";
  compact += "a\n---\n# Body\n";
  ParseOutput nested = card(compact);
  ASSERT_EQ(nested.diagnostics.size(), 1u);
  EXPECT_TRUE(has_diagnostic(nested, "nests deeper"));
  EXPECT_EQ(of_kind(nested, "heading").size(), 1u);
}

TEST(ModelCard, InvalidUtf8DoesNotCrash) {
  ParseOutput out = card("---\nlicense: \xff\xfe\ntags: [\xc3\x28]\n---\n# \xc3\x28\n");
  EXPECT_EQ(of_kind(out, "heading").size(), 1u);
}

TEST(ModelCard, LongLinesKeepShortWholeCharacterEvidence) {
  std::string title = "# " + std::string(297, 'x') + "\xc3\xa9" + std::string(1000, 'y') + "\n";
  ParseOutput out = card(title);
  const Fact& h = *of_kind(out, "heading")[0];
  EXPECT_EQ(h.evidence, "# " + std::string(297, 'x') + "...") << "stops before the two-byte character that byte 300 would split";
}

TEST(ModelCard, OpennessClaims) {
  ParseOutput out = card(
      "---\nlicense: mit\n---\n# M\nA fully open model.\nAn Open-Source release.\n"
      "Not open source at all: this is not open source.\nOpen weights only.\n"
      "\xe6\x9c\xac\xe6\xa8\xa1\xe5\x9e\x8b\xe5\xbc\x80\xe6\xba\x90\n```\nopen source in code\n```\n");
  auto claims = of_kind(out, "claim");
  ASSERT_EQ(claims.size(), 3u);
  EXPECT_EQ(claims[0]->get("phrase"), "fully open");
  EXPECT_EQ(claims[0]->location.line, 5u);
  EXPECT_EQ(claims[1]->get("phrase"), "open source");
  EXPECT_EQ(claims[2]->location.line, 9u);
}

TEST(ModelCard, LinksFieldsAndLicenseSectionBecomeFacts) {
  auto out = card(
      "---\nlicense: mit\nmodel-index: []\n---\n# M\n"
      "Paper (https://arxiv.org/abs/2501.00001), code at <https://github.com/ex/m>. See arXiv:2402.00838.\n"
      "```\ngit clone https://example.org/in-code-is-a-link-too\n```\n"
      "## License\n\nReleased under the MIT license.\n");
  auto links = of_kind(out, "link");
  ASSERT_EQ(links.size(), 4u);
  EXPECT_EQ(links[3]->get("url"), "https://example.org/in-code-is-a-link-too") << "a `git clone URL` is real evidence";
  EXPECT_EQ(links[3]->location.line, 8u);
  EXPECT_EQ(links[0]->get("url"), "https://arxiv.org/abs/2501.00001");
  EXPECT_EQ(links[1]->get("url"), "https://github.com/ex/m");
  EXPECT_EQ(links[2]->get("url"), "https://arxiv.org/abs/2402.00838");
  EXPECT_EQ(links[0]->location.line, 6u);
  auto fields = of_kind(out, "card_field");
  ASSERT_EQ(fields.size(), 2u);
  EXPECT_EQ(fields[1]->get("field"), "model-index");
  EXPECT_EQ(fields[1]->location.line, 3u);
  auto prose = of_kind(out, "license_prose");
  ASSERT_EQ(prose.size(), 1u);
  EXPECT_EQ(prose[0]->evidence, "Released under the MIT license.");
}

TEST(ModelCard, ALicenseSectionQuotingTheNoticeInACodeBlockKeepsItsLines) {
  auto out = card("# Wren\n\n## License\n\nThis applies to the code and the models.\n\n```\n"
                  "   Licensed under the Apache License, Version 2.0 (the \"License\");\n```\n\n## Citation\n\n```\nx\n```\n");
  auto prose = of_kind(out, "license_prose");
  ASSERT_EQ(prose.size(), 2u);
  EXPECT_EQ(prose[1]->evidence, "Licensed under the Apache License, Version 2.0 (the \"License\");");
  EXPECT_EQ(prose[1]->location.line, 8u);
  EXPECT_TRUE(of_kind(out, "claim").empty());
}

TEST(ModelCard, ModelIndexMetricsBecomeEvalResults) {
  auto out = card(
      "---\nmodel-index:\n- name: Wren\n  results:\n  - task: {type: text-generation}\n"
      "    dataset: {name: GSM8K, type: gsm8k}\n    metrics:\n    - type: accuracy\n      value: 61.2\n"
      "    - {type: f1, value: 0.5}\n  - task: {type: qa}\n    metrics: not-a-list\n  - just a string\n"
      "---\n# Wren\n");
  auto results = of_kind(out, "eval_result");
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0]->get("task"), "text-generation");
  EXPECT_EQ(results[0]->get("dataset"), "gsm8k");
  EXPECT_EQ(results[0]->get("metric"), "accuracy");
  EXPECT_EQ(results[0]->get("value"), "61.2");
  EXPECT_EQ(results[0]->location.line, 8u);
  EXPECT_EQ(results[1]->get("metric"), "f1");
  EXPECT_TRUE(out.diagnostics.empty()) << "odd entries are skipped quietly";
}
