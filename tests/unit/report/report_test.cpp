#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "openlock/openlock.hpp"

using namespace openlock;
using nlohmann::json;

namespace {

AuditResult sample() {
  AuditResult r;
  r.targets = {"repo"};
  r.files_scanned = 3;
  Model m;
  m.path = "README.md";
  m.name = "Acme";
  m.base_model = {{"org/base", "finetune"}};
  m.gated = true;
  m.license.expression = "LicenseRef-llama3.1";
  m.license.declared = "llama3.1";
  m.license.kind = "open-weight";
  r.models.push_back(m);
  r.lockin.hardware.score = 60;
  r.lockin.hardware.level = "high";
  r.lockin.hardware.vendors = {"nvidia"};
  Finding f;
  f.rule_id = "lockin.hardware.cuda-wheels";
  f.title = "Depends on CUDA-only Python wheels";
  f.category = "lockin.hardware";
  f.severity = Severity::high;
  f.vendor = "nvidia";
  f.message = "cupy is CUDA only";
  f.location = {"requirements.txt", 3, 1};
  f.evidence = "cupy-cuda12x\x1b[31m";
  f.confidence = "high";
  f.context = "product";
  f.fingerprint = "0123456789abcdef";
  r.findings.push_back(f);
  Finding counter = f;
  counter.mitigates = true;
  counter.severity = Severity::low;
  counter.location.line = 9;
  r.findings.push_back(counter);
  r.diagnostics.push_back({{"bad/README.md", 4, 7}, "invalid YAML \xff front matter"});
  return r;
}

std::string rendered(const AuditResult& r, Format format, bool color = false) {
  std::ostringstream out;
  render(r, format, out, RenderOptions{color});
  return out.str();
}

}  // namespace

TEST(JsonReport, HasTheContractFields) {
  json j = json::parse(rendered(sample(), Format::json));
  EXPECT_EQ(j["tool"]["name"], "openlock");
  EXPECT_EQ(j["tool"]["version"], std::string(version()));
  EXPECT_EQ(j["targets"], json::array({"repo"}));
  EXPECT_EQ(j["summary"]["files_scanned"], 3);
  EXPECT_EQ(j["summary"]["findings"], 1) << "counter-signals are not counted";
  EXPECT_EQ(j["summary"]["by_severity"]["high"], 1);
  EXPECT_EQ(j["summary"]["by_severity"]["low"], 0);
  const json& m = j["models"][0];
  EXPECT_EQ(m["base_model"][0], json({{"id", "org/base"}, {"relation", "finetune"}}));
  EXPECT_EQ(m["license"]["kind"], "open-weight");
  EXPECT_EQ(m["license"]["osi_approved"], false);
  EXPECT_TRUE(m["license"]["identified"].is_array());
  EXPECT_TRUE(m["license"]["clauses"].is_array());
  EXPECT_EQ(m["openness"]["class"], "none");
  EXPECT_EQ(m["openness"]["evaluated"], false);
  EXPECT_EQ(j["lockin"]["hardware"], json({{"score", 60}, {"level", "high"}, {"vendors", {"nvidia"}}, {"rationale", ""}, {"strongest", json::array()},
               {"counter_signals", json::array()}, {"exit_path", ""}}));
  EXPECT_EQ(j["lockin"]["cloud"]["level"], "none");
  const json& f = j["findings"][0];
  EXPECT_EQ(f["location"], json({{"path", "requirements.txt"}, {"line", 3}, {"column", 1}}));
  EXPECT_EQ(f["severity"], "high");
  EXPECT_EQ(f["fingerprint"], "0123456789abcdef");
  EXPECT_EQ(j["findings"][1]["effect"], "mitigates");
  EXPECT_EQ(j["diagnostics"][0]["path"], "bad/README.md");
  EXPECT_EQ(j["diagnostics"][0]["line"], 4);
}

// Findings are written without a DOM; the text must be what nlohmann's dump(2) of one would be,
// for every string the target can put in them (quotes, controls, malformed and overlong UTF-8).
TEST(JsonReport, FindingTextIsWhatTheDomWouldDump) {
  using ordered = nlohmann::ordered_json;
  const std::vector<std::string> strings = {"plain", "say \"hi\" \\ there", "tab\tnew\nline\r\b\f", std::string("nul\0x", 5),
                                            "\x01\x1f\x7f", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "bad \xff byte",
                                            "cut \xe2\x82", "overlong \xc0\xaf \xe0\x80\xaf", "surrogate \xed\xa0\x80",
                                            "past max \xf4\x90\x80\x80", ""};
  for (const auto& text : strings) {
    AuditResult r;
    Finding f;
    f.rule_id = "x.rule";
    f.title = text;
    f.category = "hygiene";
    f.vendor = text;
    f.message = text;
    f.location = {text, 7, text.size() % 2 ? 3u : 0u};
    f.evidence = text;
    f.confidence = "low";
    f.context = "product";
    f.fingerprint = "00";
    f.remediation = text;
    f.mitigates = text.size() % 3 == 0;
    r.findings.push_back(f);
    ordered loc = {{"path", f.location.path}, {"line", f.location.line}};
    if (f.location.column) loc["column"] = f.location.column;
    ordered dom = {{"rule_id", f.rule_id}, {"category", f.category}, {"severity", "info"}, {"vendor", f.vendor},
                   {"message", f.message}, {"location", loc}, {"evidence", f.evidence}, {"confidence", f.confidence},
                   {"context", f.context}, {"fingerprint", f.fingerprint}, {"title", f.title}};
    if (!f.remediation.empty()) dom["remediation"] = f.remediation;
    if (f.mitigates) dom["effect"] = "mitigates";
    std::string expected = "\"findings\": " + ordered::array({dom}).dump(2, ' ', false, ordered::error_handler_t::replace);
    std::string indented;
    for (char c : expected) indented += c == '\n' ? std::string("\n  ") : std::string(1, c);
    EXPECT_NE(rendered(r, Format::json).find(indented), std::string::npos) << text;
  }
}

TEST(JsonReport, Deterministic) { EXPECT_EQ(rendered(sample(), Format::json), rendered(sample(), Format::json)); }

TEST(TextReport, SummaryGroupsAndNoControlCharacters) {
  std::string text = rendered(sample(), Format::text);
  EXPECT_EQ(text.rfind("openlock " + std::string(version()) + ": 3 files scanned, 1 finding (1 high), 1 diagnostic\n", 0), 0u)
      << text;
  EXPECT_NE(text.find("\nrequirements.txt\n"), std::string::npos);
  EXPECT_NE(text.find("3:1"), std::string::npos);
  EXPECT_NE(text.find("counter"), std::string::npos);
  EXPECT_NE(text.find("bad/README.md:4: warning: invalid YAML"), std::string::npos);
  EXPECT_NE(text.find("llama3.1 -> LicenseRef-llama3.1 (open-weight, not OSI-approved)"), std::string::npos);
  EXPECT_EQ(text.find('\x1b'), std::string::npos) << "no colour, and target text cannot inject escapes";
}

TEST(TextReport, ColourOnlyWhenAsked) {
  std::string text = rendered(sample(), Format::text, true);
  EXPECT_NE(text.find("\x1b[1m"), std::string::npos);
}

TEST(SarifReport, OneRunWithRulesResultsAndNotifications) {
  AuditResult r = sample();
  RuleInfo rule;
  rule.id = "lockin.hardware.cuda-wheels";
  rule.title = "Depends on CUDA-only Python wheels";
  rule.category = "lockin.hardware";
  rule.severity = Severity::high;
  rule.effect = "finding";
  rule.remediation = "Use per-backend requirements.";
  rule.references = {"https://example.org/ref"};
  r.rules.push_back(rule);
  r.findings[0].location.path = "dir with space/requirements.txt";
  json j = json::parse(rendered(r, Format::sarif));
  EXPECT_EQ(j["version"], "2.1.0");
  ASSERT_EQ(j["runs"].size(), 1u);
  const json& run = j["runs"][0];
  const json& rules = run["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), 1u);
  EXPECT_EQ(rules[0]["name"], "CudaWheels");
  EXPECT_EQ(rules[0]["defaultConfiguration"]["level"], "error");
  EXPECT_EQ(rules[0]["helpUri"], "https://example.org/ref");
  const json& result = run["results"][0];
  EXPECT_EQ(result["ruleId"], "lockin.hardware.cuda-wheels");
  EXPECT_EQ(result["ruleIndex"], 0);
  EXPECT_EQ(result["level"], "error");
  EXPECT_EQ(result["partialFingerprints"]["openlock/v1"], "0123456789abcdef");
  const json& loc = result["locations"][0]["physicalLocation"];
  EXPECT_EQ(loc["artifactLocation"]["uri"], "dir%20with%20space/requirements.txt");
  EXPECT_EQ(loc["region"], json({{"startLine", 3}, {"startColumn", 1}}));
  EXPECT_EQ(run["results"][1]["kind"], "informational");
  const json& note = run["invocations"][0]["toolExecutionNotifications"][0];
  EXPECT_EQ(note["locations"][0]["physicalLocation"]["region"]["startLine"], 4);
  EXPECT_EQ(rendered(r, Format::sarif), rendered(r, Format::sarif));
}

TEST(MarkdownReport, SummaryTablesAndEscaping) {
  AuditResult r = sample();
  r.findings[0].message = "uses <script>alert(1)</script> | pipes";
  std::string md = rendered(r, Format::markdown);
  EXPECT_NE(md.find("| hardware | **high** | 60 | nvidia |"), std::string::npos) << md;
  EXPECT_NE(md.find("**high**\n\n- [requirements.txt:3](requirements.txt#L3)"), std::string::npos) << md;
  EXPECT_EQ(md.find("<script>"), std::string::npos);
  EXPECT_NE(md.find("\\<script\\>"), std::string::npos);
  EXPECT_NE(md.find("**counter-signals**"), std::string::npos);
  EXPECT_NE(md.find("1 diagnostics"), std::string::npos);
  AuditResult empty;
  empty.files_scanned = 4;
  EXPECT_EQ(rendered(empty, Format::markdown), "### openlock " + std::string(version()) + "\n\nNo findings in 4 files.\n");
}

TEST(JunitReport, CasesFailuresAndEscaping) {
  AuditResult r = sample();
  r.findings[0].message = "a <b> & \"c\" \x01 \xff";
  std::ostringstream out;
  render(r, Format::junit, out, RenderOptions{false, Severity::high});
  std::string xml = out.str();
  EXPECT_NE(xml.find("<testsuites name=\"openlock\" tests=\"1\" failures=\"1\" errors=\"1\">"), std::string::npos) << xml;
  // The control character XML 1.0 cannot hold and the byte that is not UTF-8: U+FFFD each.
  EXPECT_NE(xml.find("a &lt;b&gt; &amp; &quot;c&quot; \xEF\xBF\xBD \xEF\xBF\xBD"), std::string::npos) << xml;
  EXPECT_EQ(xml.find('\x01'), std::string::npos);
  std::ostringstream lenient;
  render(r, Format::junit, lenient, RenderOptions{false, Severity::critical});
  EXPECT_NE(lenient.str().find("failures=\"0\""), std::string::npos) << "below --fail-on is a passing case";
}

TEST(Format, Names) {
  EXPECT_EQ(parse_format("json"), Format::json);
  EXPECT_EQ(parse_format("text"), Format::text);
  EXPECT_EQ(parse_format("sarif"), Format::sarif);
  EXPECT_EQ(parse_format("markdown"), Format::markdown);
  EXPECT_EQ(parse_format("junit"), Format::junit);
  EXPECT_FALSE(parse_format("xml"));
  EXPECT_EQ(parse_severity("HIGH"), Severity::high);
  EXPECT_FALSE(parse_severity("urgent"));
  EXPECT_EQ(to_string(Severity::critical), "critical");
}

TEST(CycloneDxReport, ModelsAndDependenciesAsComponents) {
  AuditResult r = sample();
  r.models[0].task = "text-generation";
  r.models[0].datasets = {"org/data"};
  r.models[0].evaluations = {{"text-generation", "gsm8k", "accuracy", "61.2", {"README.md", 9, 1}}};
  r.models[0].policy = {{"deny", "mau_cap", "declared 9 users exceed the cap of 5", "cap text", {"LICENSE", 6, 0}}};
  r.dependencies = {{"pypi", "torch", "2.3.0", "==2.3.0", "prod", "pkg:pypi/torch@2.3.0", {"requirements.txt", 2, 1}},
                    {"pypi", "torch", "2.3.0", "==2.3.0", "prod", "pkg:pypi/torch@2.3.0", {"sub/requirements.txt", 1, 1}},
                    {"docker", "nvidia/cuda", "12.4", "nvidia/cuda:12.4", "", "pkg:docker/nvidia/cuda?tag=12.4",
                     {"Dockerfile", 1, 1}}};
  std::string text = rendered(r, Format::cyclonedx);
  json bom = json::parse(text);
  EXPECT_EQ(bom["bomFormat"], "CycloneDX");
  EXPECT_EQ(bom["specVersion"], "1.6");
  EXPECT_EQ(bom["serialNumber"].get<std::string>().rfind("urn:uuid:", 0), 0u);
  ASSERT_EQ(bom["components"].size(), 3u) << "the same purl twice is one component";
  const json& model = bom["components"][0];
  EXPECT_EQ(model["type"], "machine-learning-model");
  EXPECT_EQ(model["licenses"][0]["license"]["name"], "LicenseRef-llama3.1") << "a LicenseRef is a named license";
  EXPECT_EQ(model["modelCard"]["modelParameters"]["task"], "text-generation");
  EXPECT_EQ(model["modelCard"]["modelParameters"]["datasets"][0]["name"], "org/data");
  EXPECT_EQ(model["modelCard"]["quantitativeAnalysis"]["performanceMetrics"][0]["value"], "61.2");
  EXPECT_EQ(model["pedigree"]["ancestors"][0]["name"], "org/base");
  json deployment;
  for (const auto& p : model["modelCard"]["properties"])
    if (p["name"] == "openlock:policy:mau_cap") deployment = p["value"];
  EXPECT_EQ(deployment, "deny: declared 9 users exceed the cap of 5") << "the config's decision on each clause";
  EXPECT_EQ(bom["components"][1]["purl"], "pkg:pypi/torch@2.3.0");
  EXPECT_EQ(bom["components"][1]["scope"], "required");
  EXPECT_EQ(bom["components"][2]["type"], "container");
  EXPECT_EQ(text, rendered(r, Format::cyclonedx)) << "deterministic, serial number included";
  r.models[0].license.expression = "Apache-2.0";
  EXPECT_EQ(json::parse(rendered(r, Format::cyclonedx))["components"][0]["licenses"][0]["expression"], "Apache-2.0");
}

TEST(HtmlReport, ListsEachModelsDeploymentDecisions) {
  AuditResult r = sample();
  EXPECT_EQ(rendered(r, Format::html).find("Deployment policy"), std::string::npos) << "no deployment, no list";
  r.models[0].policy = {{"deny", "mau_cap", "declared 9 users exceed the cap of <5>", "cap text", {"LICENSE", 6, 0}},
                        {"require", "attribution", "display \"Built with X\"", "text", {"LICENSE", 10, 0}}};
  std::string html = rendered(r, Format::html);
  auto deny = html.find("<span class=\"badge dec-deny\">deny</span> <code>mau_cap</code> declared 9 users exceed the cap of &lt;5&gt;");
  auto require = html.find("<span class=\"badge dec-require\">require</span> <code>attribution</code>");
  ASSERT_NE(deny, std::string::npos);
  ASSERT_NE(require, std::string::npos);
  EXPECT_LT(deny, require) << "in the report's order";
  EXPECT_NE(html.find("LICENSE:6"), std::string::npos) << "where the clause is";
}

TEST(HtmlReport, EscapesEverythingFromTheTarget) {
  AuditResult r = sample();
  const std::string hostile = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>";
  r.targets = {hostile};
  r.models[0].name = hostile;
  r.models[0].path = "dir/" + hostile + "/README.md";
  r.models[0].license.clauses = {{"mau_cap", hostile, {hostile, 1, 1}, ""}};
  r.models[0].policy = {{hostile, hostile, hostile, hostile, {hostile, 1, 0}}};
  r.findings[0].evidence = hostile;
  r.findings[0].message = hostile;
  r.findings[0].location.path = hostile;
  r.findings[0].rule_id = "x\"><script>alert(3)</script>";
  r.diagnostics = {{{hostile, 2, 0}, hostile, "warning"}};
  std::string html = rendered(r, Format::html);
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("onerror=alert(2)>"), std::string::npos) << "no attribute can be closed from the target";
  std::size_t scripts = 0;
  for (std::size_t at = html.find("<script"); at != std::string::npos; at = html.find("<script", at + 1)) ++scripts;
  EXPECT_EQ(scripts, 1u) << "only the report's own script";
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;"), std::string::npos);
  EXPECT_NE(html.find("Content-Security-Policy"), std::string::npos);
  EXPECT_EQ(html.find("http://"), std::string::npos) << "self-contained: nothing fetched";
  EXPECT_EQ(html, rendered(r, Format::html)) << "deterministic";
}
