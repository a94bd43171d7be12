// The `.openlock.yaml` at the target's root sits in the hostile target: it is read as the walker
// reads files (a symlink only while it stays inside) and with a size cap (report D8, D11).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "openlock/openlock.hpp"
#include "unit/discover/temp_tree.hpp"

using namespace openlock;
using openlock::testing::TempTree;
namespace fs = std::filesystem;

namespace {

constexpr const char* kDisableAll = "rules:\n  disable: [\"*\"]\n";

struct Scan {
  bool ok = false;
  AuditResult result;
  std::string error;
  bool diagnosed(const std::string& path, const std::string& words) const {
    return std::any_of(result.diagnostics.begin(), result.diagnostics.end(), [&](const Diagnostic& d) {
      return d.location.path == path && d.message.find(words) != std::string::npos;
    });
  }
};

Scan scan(const fs::path& target) {
  AuditOptions options;
  options.targets = {target.string()};
  options.jobs = 1;
  Scan s;
  AuditError error;
  s.ok = Auditor(std::move(options)).audit(s.result, error);
  s.error = error.message;
  return s;
}

}  // namespace

TEST(TargetConfig, ASymlinkOutOfTheTargetIsNotLoaded) {
  TempTree t;
  t.write("outside.yaml", kDisableAll);
  t.write("t/requirements.txt", "tensorrt_llm==0.12.0\n");
  fs::create_symlink("../outside.yaml", t.root() / "t/.openlock.yaml");
  Scan s = scan(t.root() / "t");
  ASSERT_TRUE(s.ok) << s.error;
  EXPECT_FALSE(s.result.findings.empty()) << "the outside config disabled the rules";
  EXPECT_TRUE(s.diagnosed(".openlock.yaml", "outside the target; not followed"));
}

TEST(TargetConfig, ASymlinkInsideTheTargetIsLoaded) {
  TempTree t;
  t.write("t/config/openlock.yaml", kDisableAll);
  t.write("t/requirements.txt", "tensorrt_llm==0.12.0\n");
  fs::create_symlink("config/openlock.yaml", t.root() / "t/.openlock.yaml");
  Scan s = scan(t.root() / "t");
  ASSERT_TRUE(s.ok) << s.error;
  EXPECT_TRUE(s.result.findings.empty());
}

TEST(TargetConfig, AHugeConfigIsRefusedNamingFileAndLimit) {
  TempTree t;
  t.write("t/requirements.txt", "numpy\n");
  t.write("t/.openlock.yaml", "");
  fs::resize_file(t.root() / "t/.openlock.yaml", 64u << 20);  // sparse: costs no disk
  Scan s = scan(t.root() / "t");
  EXPECT_FALSE(s.ok);
  EXPECT_NE(s.error.find(".openlock.yaml"), std::string::npos) << s.error;
  EXPECT_NE(s.error.find("over the limit of 1048576 bytes"), std::string::npos) << s.error;
}

TEST(StdinTarget, OverTheSizeCapOrBinaryIsSkippedWithADiagnostic) {
  for (const auto& [text, words] : {std::pair{std::string(5000, 'a'), std::string("over the size cap of 1000")},
                                    std::pair{std::string("license: mit\0\0", 14), std::string("binary")}}) {
    AuditOptions options;
    options.targets = {"-"};
    options.stdin_text = text;
    options.max_file_size = 1000;
    Scan s;
    AuditError error;
    ASSERT_TRUE(Auditor(std::move(options)).audit(s.result, error)) << error.message;
    EXPECT_TRUE(s.diagnosed("-", words)) << words;
    EXPECT_TRUE(s.result.models.empty());
  }
}
