#include "parse/model_card.hpp"

#include <gtest/gtest.h>


#include "unit/parse/parse_helpers.hpp"

using namespace openlock;
using openlock::testing::of_kind;
using openlock::testing::run;
using openlock::testing::values;

namespace {

ParseOutput card(std::string_view text) { return run(parse_model_card, text, "models/m/README.md"); }

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
  EXPECT_TRUE(model_card_accepts("README.md"));
  EXPECT_TRUE(model_card_accepts("a/b/readme.MD"));
  EXPECT_TRUE(model_card_accepts("MODEL_CARD.md"));
  EXPECT_FALSE(model_card_accepts("README.rst"));
  EXPECT_FALSE(model_card_accepts("docs/guide.md"));
}

TEST(ModelCard, ReadsFrontMatterFields) {
  ParseOutput out = card(kFull);
  EXPECT_TRUE(out.diagnostics.empty());
  auto models = of_kind(out, "model");
  ASSERT_EQ(models.size(), 1u);
  const Fact& m = *models[0];
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
  EXPECT_EQ(m.get("gated"), "true");

  auto licenses = of_kind(out, "license");
  ASSERT_EQ(licenses.size(), 1u);
  EXPECT_EQ(licenses[0]->get("id"), "llama3.1");
  EXPECT_EQ(licenses[0]->get("source"), "card");
  EXPECT_EQ(licenses[0]->get("name"), "acme");
  EXPECT_EQ(licenses[0]->get("link"), "LICENSE");
  EXPECT_EQ(licenses[0]->location.line, 2u);
  EXPECT_EQ(licenses[0]->evidence, "license: llama3.1");

  auto gating = of_kind(out, "gating");
  ASSERT_EQ(gating.size(), 1u) << "one gating fact per card";
  EXPECT_EQ(gating[0]->location.line, 15u);
  EXPECT_EQ(values(*gating[0], "field"), (std::vector<std::string>{"extra_gated_prompt", "extra_gated_fields"}));
}

TEST(ModelCard, HeadingsSkipCodeFencesAndKeepFileLines) {
  ParseOutput out = card(kFull);
  auto headings = of_kind(out, "heading");
  ASSERT_EQ(headings.size(), 2u);
  EXPECT_EQ(headings[0]->get("text"), "Acme Model");
  EXPECT_EQ(headings[0]->location.line, 19u);
  EXPECT_EQ(headings[1]->get("level"), "2");
  EXPECT_EQ(headings[1]->location.line, 24u);
}

TEST(ModelCard, LicenseListAndModelName) {
  ParseOutput out = card("---\nmodel_name: Named\nlicense:\n  - mit\n  - apache-2.0\ngated: false\n---\n# Other\n");
  auto licenses = of_kind(out, "license");
  ASSERT_EQ(licenses.size(), 2u);
  EXPECT_EQ(licenses[1]->get("id"), "apache-2.0");
  EXPECT_EQ(licenses[1]->location.line, 5u);
  EXPECT_EQ(of_kind(out, "model")[0]->get("name"), "Named");
  EXPECT_EQ(of_kind(out, "model")[0]->get("gated"), "false");
  EXPECT_TRUE(of_kind(out, "gating").empty());
}

TEST(ModelCard, NoFrontMatterStillYieldsHeadings) {
  ParseOutput out = card("# Project\n\nText\n## License\n");
  EXPECT_TRUE(of_kind(out, "model").empty());
  EXPECT_EQ(of_kind(out, "heading").size(), 2u);
  EXPECT_TRUE(out.diagnostics.empty());
}

TEST(ModelCard, CrlfAndBom) {
  ParseOutput out = card("\xEF\xBB\xBF---\r\nlicense: mit\r\n---\r\n# T\r\n");
  ASSERT_EQ(of_kind(out, "license").size(), 1u);
  EXPECT_EQ(of_kind(out, "license")[0]->get("id"), "mit");
  EXPECT_EQ(of_kind(out, "heading")[0]->location.line, 4u);
}

TEST(ModelCard, BrokenYamlIsADiagnosticWithLine) {
  ParseOutput out = card("---\nlicense: mit\ntags: [a, b\nx: y\n---\n# Still read\n");
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_EQ(out.diagnostics[0].location.path, "models/m/README.md");
  EXPECT_GE(out.diagnostics[0].location.line, 3u);
  EXPECT_NE(out.diagnostics[0].message.find("invalid YAML"), std::string::npos);
  EXPECT_EQ(of_kind(out, "heading").size(), 1u);
}

TEST(ModelCard, UnclosedFrontMatter) {
  ParseOutput out = card("---\nlicense: mit\n# Heading\n");
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_NE(out.diagnostics[0].message.find("never closed"), std::string::npos);
  EXPECT_TRUE(of_kind(out, "license").empty());
  EXPECT_EQ(of_kind(out, "heading").size(), 1u);
}

TEST(ModelCard, WrongTypesAreDiagnosedAndTheRestIsRead) {
  ParseOutput out = card("---\nlicense: {a: b}\npipeline_tag: text-generation\n---\n");
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_EQ(out.diagnostics[0].location.line, 2u);
  EXPECT_EQ(of_kind(out, "model")[0]->get("pipeline_tag"), "text-generation");
  ParseOutput scalar = card("---\njust a string\n---\n");
  ASSERT_EQ(scalar.diagnostics.size(), 1u);
  EXPECT_NE(scalar.diagnostics[0].message.find("not a YAML map"), std::string::npos);
}

TEST(ModelCard, AliasBombIsRefusedQuickly) {
  std::string yaml = "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  for (char c = 'b'; c <= 'i'; ++c) {
    yaml += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 9; ++i) yaml += std::string(i ? "," : "") + "*" + static_cast<char>(c - 1);
    yaml += "]\n";
  }
  yaml += "license: mit\n---\n";
  ParseOutput out = card(yaml);  // refused before yaml-cpp sees it (speed is for bench/, not tests)
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_NE(out.diagnostics[0].message.find("alias"), std::string::npos);
}

TEST(ModelCard, DeepNestingIsRefused) {
  std::string flow = "---\nx: " + std::string(10000, '[') + std::string(10000, ']') + "\n---\n";
  ParseOutput out = card(flow);
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_NE(out.diagnostics[0].message.find("nests deeper"), std::string::npos);

  std::string block = "---\n";
  for (int i = 0; i < 10000; ++i) block += std::string(static_cast<std::size_t>(i) * 2, ' ') + "k:\n";
  block += "---\n";
  ParseOutput deep = card(block);
  ASSERT_EQ(deep.diagnostics.size(), 1u);
}

TEST(ModelCard, InvalidUtf8DoesNotCrash) {
  ParseOutput out = card("---\nlicense: \xff\xfe\n---\n# \xc3\x28\n");
  EXPECT_EQ(of_kind(out, "heading").size(), 1u);
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
