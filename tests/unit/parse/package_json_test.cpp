#include "parse/package_json.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "unit/parse/parse_helpers.hpp"

using namespace openlock;
using openlock::testing::of_kind;
using openlock::testing::run;

namespace {
ParseOutput pkg(std::string_view text) { return run(parse_package_json, text, "web/package.json"); }
}  // namespace

TEST(PackageJson, Accepts) {
  EXPECT_TRUE(package_json_accepts("package.json"));
  EXPECT_TRUE(package_json_accepts("web/package.json"));
  EXPECT_FALSE(package_json_accepts("node_modules/x/package.json"));
  EXPECT_FALSE(package_json_accepts("package-lock.json"));
}

TEST(PackageJson, SectionsScopesAndLines) {
  ParseOutput out = pkg(R"({
  "name": "web",
  "dependencies": {
    "openai": "^4.52.0",
    "@anthropic-ai/sdk": "0.24.0"
  },
  "devDependencies": {
    "vitest": "^1.6.0"
  },
  "peerDependencies": {"react": ">=18"}
})");
  ASSERT_TRUE(out.diagnostics.empty());
  auto deps = of_kind(out, "dependency");
  ASSERT_EQ(deps.size(), 4u);
  EXPECT_EQ(deps[0]->get("name"), "openai");
  EXPECT_EQ(deps[0]->get("ecosystem"), "npm");
  EXPECT_EQ(deps[0]->get("spec"), "^4.52.0");
  EXPECT_EQ(deps[0]->get("scope"), "prod");
  EXPECT_EQ(deps[0]->location.line, 4u);
  EXPECT_EQ(deps[0]->evidence, "\"openai\": \"^4.52.0\",");
  EXPECT_EQ(deps[1]->get("name"), "@anthropic-ai/sdk");
  EXPECT_EQ(deps[2]->get("scope"), "dev");
  EXPECT_EQ(deps[2]->location.line, 8u);
  EXPECT_EQ(deps[3]->get("scope"), "peer");
  EXPECT_EQ(deps[3]->location.line, 10u);
}

TEST(PackageJson, MalformedInput) {
  ParseOutput broken = pkg("{\n  \"dependencies\": {\n    \"a\": \"1\",\n  }\n}\n");
  ASSERT_EQ(broken.diagnostics.size(), 1u);
  EXPECT_EQ(broken.diagnostics[0].location.line, 4u);
  EXPECT_NE(broken.diagnostics[0].message.find("invalid JSON"), std::string::npos);

  ParseOutput deep = pkg(std::string(10000, '[') + std::string(10000, ']'));
  ASSERT_EQ(deep.diagnostics.size(), 1u);
  EXPECT_NE(deep.diagnostics[0].message.find("deeper"), std::string::npos);

  EXPECT_EQ(pkg("[1, 2]").diagnostics.size(), 1u);
  EXPECT_EQ(pkg("").diagnostics.size(), 1u);
  EXPECT_EQ(pkg("{\"dependencies\": [\"x\"]}").diagnostics.size(), 1u);
  EXPECT_EQ(pkg("{\"name\": \"\xff\xfe\"}").diagnostics.size(), 1u);
  EXPECT_EQ(of_kind(pkg("\xEF\xBB\xBF{\"dependencies\": {\"x\": \"1\"}}"), "dependency").size(), 1u);
}

TEST(PackageJson, NodeModulesOnlyAsAFolder) {
  EXPECT_FALSE(package_json_accepts("web/node_modules/x/package.json"));
  EXPECT_TRUE(package_json_accepts("my_node_modules/package.json"));
  EXPECT_FALSE(package_json_accepts("web/Package.json"));
}

TEST(PackageJson, OptionalScopeColumnsAndKeyLookup) {
  // "b" appears first as a value; the entry's line is where "b" is a key. CRLF endings.
  ParseOutput out = pkg("{\r\n  \"optionalDependencies\": {\r\n    \"a\": \"b\",\r\n    \"B\": \"2\"\r\n  }\r\n}\r\n");
  ASSERT_TRUE(out.diagnostics.empty());
  auto deps = of_kind(out, "dependency");
  ASSERT_EQ(deps.size(), 2u);
  EXPECT_EQ(deps[0]->get("scope"), "optional");
  EXPECT_EQ(deps[0]->get("spec"), "b");
  EXPECT_EQ(deps[0]->location.line, 3u);
  EXPECT_EQ(deps[0]->location.column, 5u);
  EXPECT_EQ(deps[1]->get("name"), "b");
  EXPECT_EQ(deps[1]->get("raw_name"), "B");
  EXPECT_EQ(deps[1]->location.line, 4u);
  EXPECT_EQ(deps[1]->evidence, "\"B\": \"2\"");
}

TEST(PackageJson, DeepNestingIsRefusedQuickly) {
  auto start = std::chrono::steady_clock::now();
  ParseOutput deep = pkg("{\"dependencies\": " + std::string(100000, '{') + std::string(100000, '}') + "}");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  ASSERT_EQ(deep.diagnostics.size(), 1u);
  EXPECT_TRUE(deep.facts.empty());
  // Brackets inside strings do not count.
  ParseOutput strings = pkg("{\"dependencies\": {\"x\": \"" + std::string(1000, '[') + "\"}}");
  EXPECT_TRUE(strings.diagnostics.empty());
  EXPECT_EQ(of_kind(strings, "dependency").size(), 1u);
}

TEST(PackageJson, GarbageNeverCrashes) {
  for (std::string_view text : {"{", "}", "\"", "{\"dependencies\": {\"x\": 1}}", "{\"a\": 1e999999}", "\xff\xfe\xfd",
                                "{\"dependencies\": {\"\xc3\x28\": \"1\"}}", "null", "{\"dependencies\": null}"}) {
    ParseOutput out = pkg(text);
    (void)out;
  }
  ParseOutput numeric = pkg("{\"dependencies\": {\"x\": 1}}");
  ASSERT_EQ(of_kind(numeric, "dependency").size(), 1u);
  EXPECT_FALSE(of_kind(numeric, "dependency")[0]->has("spec"));
}

TEST(PackageJson, LicenseFieldBecomesAManifestLicense) {
  auto out = run(parse_package_json, "{\n  \"name\": \"x\",\n  \"license\": \"(MIT OR Apache 2)\"\n}\n", "package.json");
  auto lics = of_kind(out, "license");
  ASSERT_EQ(lics.size(), 1u);
  EXPECT_EQ(lics[0]->location.line, 3u);
  EXPECT_EQ(lics[0]->get("valid"), "false");
  EXPECT_FALSE(lics[0]->get("error").empty());
  auto legacy = run(parse_package_json, "{\"license\": {\"type\": \"ISC\", \"url\": \"x\"}}", "package.json");
  ASSERT_EQ(of_kind(legacy, "license").size(), 1u);
  EXPECT_EQ(of_kind(legacy, "license")[0]->get("expression"), "ISC");
  EXPECT_TRUE(of_kind(run(parse_package_json, "{\"license\": 3}", "package.json"), "license").empty());
}
