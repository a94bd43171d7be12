#include "parse/python_source.hpp"

#include <gtest/gtest.h>

#include "unit/parse/parse_helpers.hpp"

using namespace openlock;
using openlock::testing::of_kind;
using openlock::testing::run;

namespace {
ParseOutput py(std::string_view text) { return run(parse_python_source, text, "app/main.py"); }
}  // namespace

TEST(PythonSource, Accepts) {
  EXPECT_TRUE(python_source_accepts("a/b.py"));
  EXPECT_TRUE(python_source_accepts("stubs.pyi"));
  EXPECT_FALSE(python_source_accepts("a.pyc"));
}

TEST(PythonSource, Imports) {
  ParseOutput out = py(
      "import os, openai.types as t\n"
      "from openai import (OpenAI,\n"
      "    AsyncOpenAI as Async)\n"
      "from . import sibling\n"
      "x = 1  # import fake\n"
      "s = 'import also_fake'\n"
      "def f():\n"
      "    import tensorrt_llm\n"
      "x = 1; import anthropic; from vertexai import init\n");
  auto imports = of_kind(out, "import");
  ASSERT_EQ(imports.size(), 7u);
  EXPECT_EQ(imports[0]->get("module"), "os");
  EXPECT_EQ(imports[1]->get("module"), "openai.types");
  EXPECT_EQ(imports[2]->get("module"), "openai");
  EXPECT_EQ(imports[2]->get("symbol"), "OpenAI");
  EXPECT_EQ(imports[2]->location.line, 2u);
  EXPECT_EQ(imports[3]->get("symbol"), "AsyncOpenAI");
  EXPECT_EQ(imports[3]->location.line, 3u);
  EXPECT_EQ(imports[4]->get("module"), "tensorrt_llm");
  EXPECT_EQ(imports[5]->get("module"), "anthropic");  // after a `;`, a new statement
  EXPECT_EQ(imports[6]->get("qualified"), "vertexai.init");
  EXPECT_EQ(imports[4]->location.line, 8u);
  EXPECT_EQ(imports[4]->evidence, "import tensorrt_llm");
}

TEST(PythonSource, EnvVarsEndpointsAndModelIds) {
  ParseOutput out = py(
      "key = os.environ[\"OPENAI_API_KEY\"]\n"
      "org = os.environ.get('OPENAI_ORG_ID', None)\n"
      "base = os.getenv(\"BASE_URL\")\n"
      "url = \"https://api.openai.com/v1/chat\"\n"
      "model = 'gpt-4o-mini'\n"
      "# model = 'claude-3-opus' in a comment is not a string\n"
      "msg = \"hello world 2\"\n"
      "doc = '''multi\nline 3'''\n"
      "local = \"qwen2.5:7b\"\n");
  auto env = of_kind(out, "env_var");
  ASSERT_EQ(env.size(), 3u);
  EXPECT_EQ(env[0]->get("name"), "OPENAI_API_KEY");
  EXPECT_EQ(env[1]->get("name"), "OPENAI_ORG_ID");
  EXPECT_EQ(env[2]->get("name"), "BASE_URL");
  auto endpoints = of_kind(out, "endpoint");
  ASSERT_EQ(endpoints.size(), 1u);
  EXPECT_EQ(endpoints[0]->get("host"), "api.openai.com");
  auto models = of_kind(out, "model_ref");
  ASSERT_EQ(models.size(), 2u);
  EXPECT_EQ(models[0]->get("name"), "gpt-4o-mini");
  EXPECT_EQ(models[0]->location.line, 5u);
  EXPECT_EQ(models[1]->get("name"), "qwen2.5:7b");
  EXPECT_EQ(models[1]->location.line, 10u) << "lines count inside triple-quoted strings";
}

TEST(PythonSource, MalformedInputIsDiagnosedAndReadOn) {
  ParseOutput out = py("s = 'never closed\nimport openai\nt = \"\"\"open\n");
  ASSERT_EQ(out.diagnostics.size(), 2u);
  EXPECT_EQ(out.diagnostics[0].location.line, 1u);
  EXPECT_EQ(out.diagnostics[1].location.line, 3u);
  EXPECT_EQ(of_kind(out, "import").size(), 1u);
  ParseOutput junk = py(std::string("\xff\xfe\x00\x01((((", 8) + std::string(100000, '['));
  EXPECT_TRUE(of_kind(junk, "import").empty());
  EXPECT_TRUE(py("").facts.empty());
  ParseOutput crlf = py("import a\r\nimport b\r\n");
  ASSERT_EQ(of_kind(crlf, "import").size(), 2u);
  EXPECT_EQ(of_kind(crlf, "import")[1]->location.line, 2u);
}

TEST(PythonSource, CallsWithAStringFirstArgument) {
  ParseOutput out = py("c = boto3.client(\"bedrock-runtime\", region_name=r)\nx = f(1, 'a')\nobj.method.call('x')\n");
  auto calls = of_kind(out, "call");
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0]->get("function"), "boto3.client");
  EXPECT_EQ(calls[0]->get("arg"), "bedrock-runtime");
  EXPECT_EQ(calls[1]->get("function"), "obj.method.call");
  EXPECT_EQ(calls[1]->location.line, 3u);
}

TEST(PythonSource, DeviceStrings) {
  ParseOutput out = py(
      "x = t.to(\"cuda:0\")\n"
      "if torch.backends.mps.is_available(): d = 'mps'\n"
      "y = t.to(device=\"xpu\")\n"
      "z = \"cuda:x\"  # not a device index\n"
      "# \"hpu\" in a comment\n");
  auto devices = of_kind(out, "device_string");
  ASSERT_EQ(devices.size(), 3u);
  EXPECT_EQ(devices[0]->get("name"), "cuda");
  EXPECT_EQ(devices[1]->get("name"), "mps");
  EXPECT_EQ(devices[1]->location.line, 2u);
  EXPECT_EQ(devices[2]->get("name"), "xpu");
}

TEST(PythonSource, BackslashNewlineInAStringKeepsLineNumbers) {
  ParseOutput out = py("msg = \"first part \\\nsecond part\"\nm = \"gpt-4o\"\n");
  EXPECT_TRUE(out.diagnostics.empty());
  auto models = of_kind(out, "model_ref");
  ASSERT_EQ(models.size(), 1u);
  EXPECT_EQ(models[0]->location.line, 3u);
}

// String contents are views of the source unless an escape or a line break changes them.
TEST(PythonSource, EscapesRawStringsAndLineEndsGiveTheLiteralsValue) {
  ParseOutput out = py("\xEF\xBB\xBFkey = os.getenv(\"OPENAI\\_KEY\")\r\n"
                       "m = 'gpt\\-4o'\r\n"
                       "raw = client.create(r'gpt\\-4o')\r\n"
                       "x = 12345; import openai\r\n");
  auto env = of_kind(out, "env_var");
  ASSERT_EQ(env.size(), 1u);
  EXPECT_EQ(env[0]->get("name"), "OPENAI_KEY") << "a backslash escape keeps the escaped character";
  EXPECT_EQ(env[0]->evidence, "key = os.getenv(\"OPENAI\\_KEY\")") << "no byte-order mark, no CR";
  auto models = of_kind(out, "model_ref");
  ASSERT_EQ(models.size(), 2u);
  EXPECT_EQ(models[0]->get("name"), "gpt-4o");
  EXPECT_EQ(models[0]->evidence, "m = 'gpt\\-4o'");
  EXPECT_EQ(models[1]->get("name"), "gpt\\-4o") << "a raw string keeps its backslash";
  auto calls = of_kind(out, "call");
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0]->get("arg"), "OPENAI_KEY");
  EXPECT_EQ(calls[1]->get("function"), "client.create");
  EXPECT_EQ(calls[1]->get("arg"), "gpt\\-4o");
  auto imports = of_kind(out, "import");
  ASSERT_EQ(imports.size(), 1u) << "a number is one token and `;` still starts a statement";
  EXPECT_EQ(imports[0]->get("module"), "openai");
  EXPECT_EQ(imports[0]->location.line, 4u);
}

TEST(PythonSource, FactsTheFilterDoesNotWantAreLeftOut) {
  // Wants imports of openai and calls of a client: what a scan's rules would ask for.
  struct Filter : FactFilter {
    mutable std::vector<std::string> asked;
    bool wants(const Fact& draft) const override {
      asked.push_back(draft.kind);
      if (draft.kind == "import") return draft.get("module") == "openai" && draft.location.path.empty();
      return draft.kind == "call" && draft.get("function").ends_with("client") && draft.get("language") == "python";
    }
  } filter;
  std::string_view text = "import os\nfrom openai import OpenAI\nprint('x')\nc = boto3.client('s3')\nm = 'gpt-4o'\n";
  ParseOutput out;
  ParseInput in{"app/main.py", text};
  in.filter = &filter;
  parse_python_source(in, out);
  EXPECT_EQ(filter.asked, (std::vector<std::string>{"import", "import", "call", "call", "model_ref", "model_ref"}));  // s3, gpt-4o
  ASSERT_EQ(out.facts.size(), 2u);
  // What is kept is the whole fact, as without a filter.
  ParseOutput all = py(text);
  auto same = [](const Fact& a, const Fact& b) {
    return a.kind == b.kind && a.location.line == b.location.line && a.location.column == b.location.column &&
           a.location.path == b.location.path && a.evidence == b.evidence && a.attrs == b.attrs;
  };
  EXPECT_TRUE(same(out.facts[0], *of_kind(all, "import")[1]));
  EXPECT_TRUE(same(out.facts[1], *of_kind(all, "call")[1]));
  EXPECT_EQ(out.facts[1].get("arg"), "s3");
  EXPECT_EQ(out.facts[0].get("qualified"), "openai.OpenAI");
}
