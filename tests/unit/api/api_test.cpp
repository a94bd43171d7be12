// The public API as a program that embeds openlock uses it (include/openlock only).
#include <gtest/gtest.h>

#include <atomic>

#include "openlock/openlock.hpp"

using namespace openlock;

namespace {
const std::string kDemo = std::string(OPENLOCK_SOURCE_DIR) + "/examples/demo-repo";
}

TEST(Api, FindingsAndDiagnosticsAreStreamedInReportOrder) {
  AuditOptions options;
  options.targets = {kDemo, std::string(OPENLOCK_TEST_DATA) + "/cli/fixtures"};
  std::vector<std::string> streamed;
  std::size_t diagnostics = 0;
  options.on_finding = [&](const Finding& f) { streamed.push_back(f.fingerprint); };
  options.on_diagnostic = [&](const Diagnostic&) { ++diagnostics; };
  AuditResult result;
  AuditError error;
  ASSERT_TRUE(Auditor(options).audit(result, error)) << error.message;
  ASSERT_EQ(streamed.size(), result.findings.size());
  for (std::size_t i = 0; i < streamed.size(); ++i) EXPECT_EQ(streamed[i], result.findings[i].fingerprint);
  EXPECT_EQ(diagnostics, result.diagnostics.size());
  EXPECT_GT(diagnostics, 0u) << "the CLI fixtures hold a broken card";
}

TEST(Api, ACancelledAuditStopsWithAnError) {
  AuditOptions options;
  options.targets = {kDemo};
  std::atomic<int> polls{0};
  options.cancelled = [&] { return ++polls > 2; };
  options.jobs = 1;
  AuditResult result;
  AuditError error;
  EXPECT_FALSE(Auditor(options).audit(result, error));
  EXPECT_EQ(error.message, "cancelled");
  EXPECT_LE(polls.load(), 4) << "it stops at once, not after the tree";
}

TEST(Api, ReadModelCardWithoutAScan) {
  std::vector<Diagnostic> diagnostics;
  auto model = parse_model_card("---\nlicense: llama3.1\nbase_model: org/Heron\ngated: true\n---\n# Heron-chat\n", &diagnostics);
  ASSERT_TRUE(model);
  EXPECT_EQ(model->name, "Heron-chat");
  EXPECT_EQ(model->license.expression, "LicenseRef-llama3.1");
  EXPECT_TRUE(model->gated);
  EXPECT_FALSE(model->license.clauses.empty()) << "the terms the license is known to carry";
  EXPECT_TRUE(diagnostics.empty());
  auto broken = parse_model_card("---\nlicense: [unclosed\n---\n# X\n", &diagnostics);
  ASSERT_TRUE(broken) << "a broken card is still a card";
  EXPECT_FALSE(diagnostics.empty());
}

TEST(Api, ExplainLicenseIds) {
  auto apache = explain_license("apache-2.0");
  EXPECT_TRUE(apache.known);
  EXPECT_EQ(apache.expression, "Apache-2.0");
  EXPECT_EQ(apache.kind, "osi");
  EXPECT_TRUE(apache.osi_approved);
  auto llama = explain_license("llama3.1");
  EXPECT_EQ(llama.expression, "LicenseRef-llama3.1");
  EXPECT_EQ(llama.kind, "open-weight");
  EXPECT_FALSE(llama.clauses.empty());
  EXPECT_FALSE(llama.name.empty());
  EXPECT_TRUE(explain_license("GPL-2.0").deprecated);
  auto unknown = explain_license("no-such-license");
  EXPECT_FALSE(unknown.known);
  EXPECT_EQ(unknown.kind, "unknown") << "an unknown license is never treated as permissive";
  EXPECT_FALSE(explain_license("MIT AND (").known);
}

TEST(Api, LockinScoreOfFindings) {
  Finding f;
  f.category = "lockin.cloud";
  f.vendor = "example-cloud";
  f.severity = Severity::medium;
  f.confidence = "high";
  f.context = "product";
  f.fingerprint = "1";
  f.rule_id = "lockin.cloud.example-sdk";
  Lockin l = lockin_score({f});
  EXPECT_EQ(l.cloud.level, "low");
  EXPECT_EQ(l.cloud.vendors, std::vector<std::string>{"example-cloud"});
  EXPECT_EQ(l.hardware.level, "none");
}
