// A file with a problem on every line gives a few diagnostics and a count, not one per line
// (D7): each family of parsers, and the suppression markers, in a scan beside a good file that
// must keep its finding.
#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>
#include <string>

#include "openlock/openlock.hpp"
#include "unit/discover/temp_tree.hpp"

using namespace openlock;
using openlock::testing::TempTree;

namespace {

constexpr std::size_t kCap = 50;  // Diagnostics::kMaxPerFile
constexpr int kBad = 5000;        // problems in each flooded file

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

struct Flood {
  std::string name, path, text;
};

void PrintTo(const Flood& flood, std::ostream* out) { *out << flood.name; }

class DiagnosticFlood : public ::testing::TestWithParam<Flood> {};

TEST_P(DiagnosticFlood, IsCappedPerFile) {
  const auto& [name, path, text] = GetParam();
  TempTree tree;
  tree.write("aa_sentinel/requirements.txt", "tensorrt_llm==0.12.0\n");
  tree.write(path, text);
  AuditOptions options;
  options.targets = {tree.root().string()};
  options.jobs = 2;
  AuditResult r;
  AuditError error;
  ASSERT_TRUE(Auditor(std::move(options)).audit(r, error)) << error.message;
  std::size_t of_file = 0;
  const Diagnostic* summary = nullptr;
  for (const auto& d : r.diagnostics)
    if (d.location.path == path) {
      ++of_file;
      if (d.message.find("more problems in this file are not reported") != std::string::npos) summary = &d;
    }
  EXPECT_EQ(of_file, kCap + 1) << "the first " << kCap << " and the count of the rest";
  ASSERT_NE(summary, nullptr);
  EXPECT_EQ(summary->message, std::to_string(kBad - kCap) + " more problems in this file are not reported");
  EXPECT_TRUE(std::any_of(r.findings.begin(), r.findings.end(),
                          [](const Finding& f) { return f.location.path == "aa_sentinel/requirements.txt"; }))
      << "the sentinel lost its finding";
}

INSTANTIATE_TEST_SUITE_P(
    Parsers, DiagnosticFlood,
    ::testing::Values(Flood{"pbtxt", "models/m/config.pbtxt", repeat("}", kBad)},
                      Flood{"js", "web/a.js", repeat("\"\n", kBad)},
                      Flood{"dockerfile", "docker/Dockerfile", repeat("FROM\n", kBad)},
                      Flood{"go_mod", "go/go.mod", "module x\n" + repeat("require x\n", kBad)},
                      Flood{"setup_cfg", "cfg/setup.cfg", "[options]\n" + repeat("bad\n", kBad)},
                      Flood{"requirements", "reqs/requirements.txt", repeat("not a requirement\n", kBad)},
                      Flood{"py_markers", "py/a.py", repeat("# openlock:ignore\n", kBad)},
                      Flood{"card_markers", "card/README.md",
                            "---\nlicense: mit\n---\n# M\n" + repeat("<!-- openlock:ignore no.such -- y -->\n", kBad)}),
    [](const ::testing::TestParamInfo<Flood>& info) { return info.param.name; });

// Parser and marker diagnostics of one file share its cap.
TEST(DiagnosticFloodMixed, ParserAndMarkerProblemsShareTheCap) {
  TempTree tree;
  tree.write("a.js", repeat("\"\n", 30) + repeat("// openlock:ignore\n", 30));
  AuditOptions options;
  options.targets = {tree.root().string()};
  AuditResult r;
  AuditError error;
  ASSERT_TRUE(Auditor(std::move(options)).audit(r, error)) << error.message;
  ASSERT_EQ(r.diagnostics.size(), kCap + 1);
  EXPECT_EQ(r.diagnostics.front().message, "10 more problems in this file are not reported") << "at line 0: sorted first";
}

}  // namespace
