#include <gtest/gtest.h>

#include <algorithm>

#include "openlock/openlock.hpp"
#include "unit/discover/temp_tree.hpp"

using namespace openlock;
using openlock::testing::TempTree;

namespace {

AuditResult audit_ok(AuditOptions options) {
  AuditResult result;
  AuditError error;
  EXPECT_TRUE(Auditor(std::move(options)).audit(result, error)) << error.message;
  return result;
}

AuditOptions targets(std::vector<std::string> paths) {
  AuditOptions options;
  options.targets = std::move(paths);
  return options;
}

bool has_finding(const AuditResult& r, const std::string& rule, const std::string& path) {
  return std::any_of(r.findings.begin(), r.findings.end(),
                     [&](const Finding& f) { return f.rule_id == rule && f.location.path == path; });
}

}  // namespace

TEST(Auditor, FollowsIncludesInsideTheTarget) {
  TempTree t;
  t.write("requirements.txt", "-r deps/base.in\n-r deps/missing.in\n");
  t.write("deps/base.in", "cupy-cuda12x\n");
  AuditResult r = audit_ok(targets({t.root().string()}));
  EXPECT_TRUE(has_finding(r, "lockin.hardware.cuda-wheels", "deps/base.in"));
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].location.path, "requirements.txt");
  EXPECT_EQ(r.diagnostics[0].location.line, 2u);
}

TEST(Auditor, SeveralTargetsArePrefixed) {
  TempTree a, b;
  a.write("requirements.txt", "openai\n");
  b.write("requirements.txt", "openai\n");
  AuditResult r = audit_ok(targets({a.root().string(), b.root().string()}));
  EXPECT_TRUE(has_finding(r, "lockin.model_provider.openai-sdk", a.root().string() + "/requirements.txt"));
  EXPECT_TRUE(has_finding(r, "lockin.model_provider.openai-sdk", b.root().string() + "/requirements.txt"));
}

TEST(Auditor, StdinCardAndModelRecord) {
  AuditOptions options;
  options.targets = {"-"};
  options.stdin_text = "---\nlicense: other\nlicense_name: Acme License 2\n---\n# Acme\n";
  AuditResult r = audit_ok(options);
  ASSERT_EQ(r.models.size(), 1u);
  EXPECT_EQ(r.models[0].path, "-");
  EXPECT_EQ(r.models[0].license.expression, "LicenseRef-Acme-License-2");
  EXPECT_EQ(r.models[0].license.kind, "unknown");
  EXPECT_FALSE(r.models[0].license.osi_approved);
  EXPECT_TRUE(has_finding(r, "license.card.unresolved", "-"));
}

TEST(Auditor, SeveralCardLicensesAreAChoice) {
  TempTree t;
  t.write("README.md", "---\nlicense: [mit, apache-2.0]\n---\n");
  AuditResult r = audit_ok(targets({t.root().string()}));
  ASSERT_EQ(r.models.size(), 1u);
  EXPECT_EQ(r.models[0].license.expression, "MIT OR Apache-2.0");
  EXPECT_TRUE(r.models[0].license.osi_approved);
  EXPECT_TRUE(r.models[0].license.valid_spdx);
}

TEST(Auditor, ErrorsThatStopTheAudit) {
  AuditResult r;
  AuditError error;
  EXPECT_FALSE(Auditor(targets({"/no/such/openlock/target"})).audit(r, error));
  EXPECT_NE(error.message.find("/no/such/openlock/target"), std::string::npos);
  AuditOptions with_rules = targets({"."});
  with_rules.rule_dirs = {"/no/such/rules"};
  EXPECT_FALSE(Auditor(with_rules).audit(r, error));
  EXPECT_NE(error.message.find("/no/such/rules"), std::string::npos);
}

TEST(Auditor, ProgressIsReported) {
  TempTree t;
  t.write("a.txt", "");
  t.write("b.txt", "");
  std::size_t last = 0, total = 0;
  AuditOptions options = targets({t.root().string()});
  options.progress = [&](std::size_t done, std::size_t all) { last = done, total = all; };
  AuditResult r = audit_ok(options);
  EXPECT_EQ(r.files_scanned, 2u);
  EXPECT_EQ(last, 2u);
  EXPECT_EQ(total, 2u);
}

TEST(Auditor, SizeCapOnlyForFilesAParserWants) {
  TempTree t;
  t.write("requirements.txt", "openai\n" + std::string(200, '#'));
  t.write("libhuge.a", std::string(300, 'x'));
  AuditOptions options = targets({t.root().string()});
  options.max_file_size = 100;
  AuditResult r = audit_ok(options);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].location.path, "requirements.txt");
  EXPECT_EQ(r.files_scanned, 2u);
}

TEST(Auditor, IncludesDoNotFollowSymlinksOutOfTheTarget) {
  TempTree outside;
  outside.write("secret.in", "cupy-cuda12x\n");
  TempTree t;
  t.write("requirements.txt", "-r link.in\n");
  std::filesystem::create_symlink(outside.root() / "secret.in", t.root() / "link.in");
  AuditResult r = audit_ok(targets({t.root().string()}));
  EXPECT_TRUE(r.findings.empty());
  bool refused = std::any_of(r.diagnostics.begin(), r.diagnostics.end(), [](const Diagnostic& d) {
    return d.location.path == "requirements.txt" && d.message.find("symlink out of the target") != std::string::npos;
  });
  EXPECT_TRUE(refused);
}

TEST(Auditor, InlineSuppressions) {
  TempTree t;
  t.write("requirements.txt",
          "cupy-cuda12x  # openlock:ignore lockin.hardware.cuda-wheels -- the CUDA build is optional\n"
          "# openlock:ignore lockin.model_provider.openai-sdk, lockin.hardware.cuda-wheels -- evaluated in ADR-7\n"
          "openai\n"
          "tensorrt  # openlock:ignore lockin.hardware.cuda-wheels\n"
          "pycuda  # openlock:ignore no.such.rule -- typo\n");
  AuditResult r = audit_ok(targets({t.root().string()}));
  ASSERT_EQ(r.suppressed.size(), 2u);
  EXPECT_EQ(r.suppressed[0].location.line, 1u);
  EXPECT_EQ(r.suppressed[1].rule_id, "lockin.model_provider.openai-sdk");
  std::vector<std::uint32_t> lines;
  for (const auto& f : r.findings) lines.push_back(f.location.line);
  EXPECT_EQ(lines, (std::vector<std::uint32_t>{4, 5}));
  ASSERT_EQ(r.diagnostics.size(), 2u);
  EXPECT_NE(r.diagnostics[0].message.find("without a reason"), std::string::npos);
  EXPECT_NE(r.diagnostics[1].message.find("unknown rule 'no.such.rule'"), std::string::npos);
}

TEST(Auditor, ConfigFileExcludesDisablesAndOverrides) {
  TempTree t;
  t.write(".openlock.yaml",
          "fail_on: medium\nexclude: [\"vendor/**\"]\nrules:\n  disable: [\"lockin.cloud.*\"]\n"
          "  severity: {lockin.model_provider.openai-sdk: critical}\n");
  t.write("requirements.txt", "openai\nboto3\n");
  t.write("vendor/requirements.txt", "cupy-cuda12x\n");
  AuditResult r = audit_ok(targets({t.root().string()}));
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].rule_id, "lockin.model_provider.openai-sdk");
  EXPECT_EQ(r.findings[0].severity, Severity::critical);
  EXPECT_EQ(r.config_fail_on, Severity::medium);
  EXPECT_TRUE(std::none_of(r.rules.begin(), r.rules.end(), [](const RuleInfo& i) { return i.id == "lockin.cloud.aws-sdk"; }));
}

TEST(Auditor, ConfigErrorsNameFileLineAndKey) {
  TempTree t;
  t.write(".openlock.yaml", "fail_on: high\nrulez: {}\n");
  AuditResult r;
  AuditError error;
  EXPECT_FALSE(Auditor(targets({t.root().string()})).audit(r, error));
  EXPECT_NE(error.message.find(".openlock.yaml:2: unknown key 'rulez'"), std::string::npos) << error.message;
  t.write(".openlock.yaml", "rules:\n  severity: {x: urgent}\n");
  EXPECT_FALSE(Auditor(targets({t.root().string()})).audit(r, error));
  EXPECT_NE(error.message.find(":2: 'rules.severity.x' must be one of"), std::string::npos) << error.message;
}
