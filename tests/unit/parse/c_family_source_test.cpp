#include "parse/c_family_source.hpp"

#include <gtest/gtest.h>

#include "unit/parse/parse_helpers.hpp"

using namespace openlock;
using openlock::testing::of_kind;
using openlock::testing::run;

namespace {
ParseOutput src(std::string_view path, std::string_view text) { return run(parse_c_family_source, text, path); }

std::vector<std::string> attr_of(const ParseOutput& out, std::string_view kind, std::string_view key) {
  std::vector<std::string> v;
  for (const Fact* f : of_kind(out, kind)) v.emplace_back(f->get(key));
  return v;
}
using Strings = std::vector<std::string>;
}  // namespace

TEST(CFamilySource, AcceptsByExtension) {
  for (const char* p : {"a.ts", "b/c.tsx", "x.mjs", "m.go", "lib.rs", "k.cu", "k.cuh", "s.metal", "v.comp", "h.hpp", "a.cl"})
    EXPECT_TRUE(c_family_source_accepts(p)) << p;
  for (const char* p : {"a.py", "go.mod", "Cargo.toml", "README.md", "x.json", "a.css"})
    EXPECT_FALSE(c_family_source_accepts(p)) << p;
}

TEST(CFamilySource, JavaScriptImportsAndRequires) {
  ParseOutput out = src("src/agent.ts",
                        "import OpenAI from 'openai';\n"
                        "import type { Message } from \"@anthropic-ai/sdk/resources\";\n"
                        "import './side-effect.css';\n"
                        "const { z } = require(\"zod\");\n"
                        "export { run } from './run';\n"
                        "const lazy = await import('@google/genai');\n"
                        "// import fake from 'in-a-comment'\n"
                        "const s = \"import fake from 'in-a-string'\";\n"
                        "obj.import('not-a-module');\n");
  EXPECT_EQ(attr_of(out, "import", "module"),
            (Strings{"openai", "@anthropic-ai/sdk/resources", "./side-effect.css", "zod", "./run", "@google/genai"}));
  auto imports = of_kind(out, "import");
  EXPECT_EQ(imports[3]->location.line, 4u);
  EXPECT_EQ(imports[0]->get("language"), "js");
  EXPECT_TRUE(out.diagnostics.empty());
}

TEST(CFamilySource, BackslashNewlineContinuesAString) {
  ParseOutput out = src("src/lib.rs",
                        "tracing::warn!(\n"
                        "    \"`--max-batch` is deprecated for \\\n"
                        "    flash models.\"\n"
                        ");\n"
                        "const M: &str = \"gpt-4o\";\n");
  EXPECT_TRUE(out.diagnostics.empty()) << out.diagnostics[0].message;
  auto models = of_kind(out, "model_ref");
  ASSERT_EQ(models.size(), 1u);
  EXPECT_EQ(models[0]->location.line, 5u);
}

TEST(CFamilySource, JavaScriptRegexLiteralsAreNotStrings) {
  ParseOutput out = src("a.js",
                        "const q = /\"[^\"]*\"/g; const d = a / b / c;\n"
                        "if (/'/.test(s)) { x = s.split(/[/']/); }\n"
                        "import OpenAI from 'openai';\n");
  EXPECT_TRUE(out.diagnostics.empty()) << out.diagnostics[0].message;
  EXPECT_EQ(attr_of(out, "import", "module"), (Strings{"openai"}));
}

TEST(CFamilySource, JavaScriptEnvironmentVariables) {
  ParseOutput out = src("a.js",
                        "const k = process.env.OPENAI_API_KEY;\n"
                        "const b = process.env[\"ANTHROPIC_BASE_URL\"];\n"
                        "const v = import.meta.env.VITE_GEMINI_KEY;\n"
                        "const o = other.env.NOT_THIS;\n");
  EXPECT_EQ(attr_of(out, "env_var", "name"), (Strings{"OPENAI_API_KEY", "ANTHROPIC_BASE_URL", "VITE_GEMINI_KEY"}));
}

TEST(CFamilySource, TemplateLiteralsSpanLinesAndKeepLineNumbers) {
  ParseOutput out = src("a.js",
                        "const u = `https://api.openai.com/v1/${path}\n"
                        "second line`;\n"
                        "const m = \"gpt-4o\";\n");
  auto endpoints = of_kind(out, "endpoint");
  ASSERT_EQ(endpoints.size(), 1u);
  EXPECT_EQ(endpoints[0]->get("host"), "api.openai.com");
  auto models = of_kind(out, "model_ref");
  ASSERT_EQ(models.size(), 1u);
  EXPECT_EQ(models[0]->get("name"), "gpt-4o");
  EXPECT_EQ(models[0]->location.line, 3u);
}

TEST(CFamilySource, GoImportsAndGetenv) {
  ParseOutput out = src("cmd/main.go",
                        "package main\n"
                        "import \"fmt\"\n"
                        "import (\n"
                        "  openai \"github.com/openai/openai-go\"\n"
                        "  _ \"embed\"\n"
                        "  \"github.com/openai/openai-go/option\" // trailing\n"
                        ")\n"
                        "var k = os.Getenv(\"OPENAI_API_KEY\")\n"
                        "var raw = `C:\\`\n"
                        "var m = \"gemini-2.5-pro\"\n");
  EXPECT_EQ(attr_of(out, "import", "module"),
            (Strings{"fmt", "github.com/openai/openai-go", "embed", "github.com/openai/openai-go/option"}));
  EXPECT_EQ(attr_of(out, "env_var", "name"), (Strings{"OPENAI_API_KEY"}));
  EXPECT_EQ(attr_of(out, "call", "function"), (Strings{"os.Getenv"}));
  EXPECT_EQ(attr_of(out, "model_ref", "name"), (Strings{"gemini-2.5-pro"}));  // the raw string ended at its backtick
}

TEST(CFamilySource, RustUsesMacrosLifetimesAndRawStrings) {
  ParseOutput out = src("src/lib.rs",
                        "use async_openai::{Client, config::OpenAIConfig};\n"
                        "use crate::local::Thing;\n"
                        "extern crate cudarc;\n"
                        "fn f<'a>(x: &'a str) -> &'a str { x }\n"
                        "let k = std::env::var(\"ANTHROPIC_API_KEY\");\n"
                        "let e = env!(\"BUILD_KEY\");\n"
                        "let r = r#\"https://api.x.ai/v1 \"quoted\"\"#;\n"
                        "let c = 'x';\n");
  auto imports = of_kind(out, "import");
  ASSERT_EQ(imports.size(), 2u);
  EXPECT_EQ(imports[0]->get("module"), "async_openai");
  EXPECT_EQ(imports[0]->get("path"), "async_openai");
  EXPECT_EQ(imports[1]->get("module"), "cudarc");
  EXPECT_EQ(attr_of(out, "env_var", "name"), (Strings{"ANTHROPIC_API_KEY", "BUILD_KEY"}));
  EXPECT_EQ(attr_of(out, "endpoint", "host"), (Strings{"api.x.ai"}));
  EXPECT_TRUE(out.diagnostics.empty());
}

TEST(CFamilySource, RustCfgTestItemsAreMarkedTest) {
  ParseOutput out = src("src/oai.rs",
                        "const DEFAULT: &str = \"gpt-4o\";\n"
                        "#[cfg(test)]\n"
                        "mod tests {\n"
                        "    fn t() { let m = \"gpt-4o-mini\"; if true { } }\n"
                        "}\n"
                        "const AFTER: &str = \"o3-mini\";\n");
  auto models = of_kind(out, "model_ref");
  ASSERT_EQ(models.size(), 3u);
  EXPECT_FALSE(models[0]->has("context"));
  EXPECT_EQ(models[1]->get("context"), "test");
  EXPECT_FALSE(models[2]->has("context"));
}

TEST(CFamilySource, CIncludesAndPreprocessor) {
  ParseOutput out = src("csrc/ops.cpp",
                        "#include <cuda_runtime.h>\n"
                        "  #  include \"cutlass/gemm.h\"\n"
                        "#define URL \"https://api.openai.com\"\n"
                        "// #include <not_this.h>\n"
                        "/* #include <nor_this.h>\n"
                        "*/\n"
                        "const char* k = std::getenv(\"CUDA_VISIBLE_DEVICES\");\n"
                        "auto s = R\"x(raw \"text\" sm_90a)x\";\n"
                        "int a = b << c;  // '<' is not an include\n");
  EXPECT_EQ(attr_of(out, "import", "module"), (Strings{"cuda_runtime.h", "cutlass/gemm.h"}));
  EXPECT_EQ(attr_of(out, "endpoint", "host"), (Strings{"api.openai.com"}));
  EXPECT_EQ(attr_of(out, "env_var", "name"), (Strings{"CUDA_VISIBLE_DEVICES"}));
  EXPECT_TRUE(out.diagnostics.empty());
}

TEST(CFamilySource, AcceleratorFileKindsAreBackendFacts) {
  ParseOutput cu = src("ggml-cuda/mmq.cu", "__global__ void k() {}\n");
  auto backends = of_kind(cu, "backend");
  ASSERT_EQ(backends.size(), 1u);
  EXPECT_EQ(backends[0]->get("backend"), "cuda");
  EXPECT_EQ(backends[0]->evidence, "ggml-cuda/mmq.cu");
  EXPECT_EQ(of_kind(src("x.metal", "kernel void k() {}\n"), "backend")[0]->get("backend"), "metal");
  EXPECT_TRUE(of_kind(src("x.cpp", "int main() {}\n"), "backend").empty());
}

TEST(CFamilySource, MalformedInputIsReportedAndTheRestIsRead) {
  ParseOutput out = src("bad.ts", "const a = \"never closed\nimport x from 'openai';\n/* open comment");
  EXPECT_EQ(attr_of(out, "import", "module"), (Strings{"openai"}));
  ASSERT_EQ(out.diagnostics.size(), 2u);
  EXPECT_EQ(out.diagnostics[0].location.line, 1u);
  EXPECT_NE(out.diagnostics[0].message.find("never closed"), std::string::npos);
  EXPECT_EQ(out.diagnostics[1].location.line, 3u);

  ParseOutput inc = src("bad.h", "#include <unterminated\nint x;\n");
  ASSERT_EQ(inc.diagnostics.size(), 1u);
  EXPECT_EQ(inc.diagnostics[0].location.path, "bad.h");

  ParseOutput binary = src("blob.js", std::string_view("\0\xff\xfe'\x01`\"", 7));
  EXPECT_FALSE(binary.diagnostics.empty());  // unterminated literals, no crash
}

TEST(CFamilySource, LiteralValuesReadEscapesAndLineBreaks) {
  // Escapes and CR line breaks make a literal's value differ from its text; the rest is as written.
  ParseOutput js = src("a.js", "f('it\\'s');\ng(`x\r\ny`);\nh(`p\rq`);\nk(\"plain\");\n");
  EXPECT_EQ(attr_of(js, "call", "arg"), (Strings{"it's", "x\ny", "p\nq", "plain"}));
  EXPECT_EQ(of_kind(js, "call")[3]->location.line, 6u);  // \r\n and \r each end one line
  ParseOutput go = src("m.go", "package m\nfunc f() { g(`a\\nb`) }\n");  // a Go raw string keeps its backslash
  EXPECT_EQ(attr_of(go, "call", "arg"), (Strings{"a\\nb"}));
}

TEST(CFamilySource, FactsTheFilterDoesNotWantAreLeftOut) {
  struct Filter : FactFilter {
    bool wants(const Fact& draft) const override {
      // The draft has the attributes the fact would have, `language` and `context` first.
      return draft.kind == "call" && draft.attrs.size() == 4 && draft.attrs[0].second == "rust" &&
             draft.attrs[1] == std::pair<std::string, std::string>{"context", "test"} && draft.get("arg") == "KEY";
    }
  } filter;
  std::string_view text = "fn a() { env::var(\"KEY\"); }\n#[cfg(test)]\nmod t { fn b() { env::var(\"KEY\"); } }\n";
  ParseOutput out;
  ParseInput in{"src/lib.rs", text};
  in.filter = &filter;
  parse_c_family_source(in, out);
  ASSERT_EQ(out.facts.size(), 1u);
  EXPECT_EQ(out.facts[0].location.line, 3u);
  EXPECT_EQ(out.facts[0].evidence, "mod t { fn b() { env::var(\"KEY\"); } }");
  EXPECT_EQ(out.facts[0].get("function"), "env::var");
  EXPECT_EQ(src("src/lib.rs", text).facts.size(), 4u);  // two calls, two env_var facts without the filter
}
