// The malformed-input suite: one hostile file per case beside a good one. Each case asserts a
// diagnostic naming the file (and the line, where there is one) and that the good file of the
// same scan still gives its finding: bad input never loses the rest of the scan.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "openlock/openlock.hpp"
#include "unit/discover/temp_tree.hpp"

using namespace openlock;
using openlock::testing::TempTree;
namespace fs = std::filesystem;

namespace {

std::string render_report(const AuditResult& r, Format format) {
  std::ostringstream out;
  render(r, format, out);
  return out.str();
}

constexpr const char* kGood = "good/requirements.txt";
constexpr const char* kGoodRule = "lockin.hardware.cuda-wheels";

class Malformed : public ::testing::Test {
 protected:
  void SetUp() override { tree.write(kGood, "cupy-cuda12x\n"); }

  AuditResult scan(AuditOptions options = {}) {
    options.targets = {tree.root().string()};
    options.jobs = 2;
    AuditResult r;
    AuditError error;
    EXPECT_TRUE(Auditor(std::move(options)).audit(r, error)) << error.message;
    bool good = std::any_of(r.findings.begin(), r.findings.end(),
                            [](const Finding& f) { return f.rule_id == kGoodRule && f.location.path == kGood; });
    EXPECT_TRUE(good) << "the good file lost its finding";
    // Every report format still renders (paths with odd bytes must not break JSON or SARIF).
    for (Format format : {Format::text, Format::json, Format::sarif, Format::markdown, Format::junit, Format::html})
      EXPECT_FALSE(render_report(r, format).empty());
    return r;
  }

  static const Diagnostic* diagnostic(const AuditResult& r, const std::string& path, const std::string& words = "") {
    for (const auto& d : r.diagnostics)
      if (d.location.path == path && d.message.find(words) != std::string::npos) return &d;
    return nullptr;
  }

  static bool finding(const AuditResult& r, const std::string& rule, const std::string& path, unsigned line) {
    return std::any_of(r.findings.begin(), r.findings.end(), [&](const Finding& f) {
      return f.rule_id == rule && f.location.path == path && f.location.line == line;
    });
  }

  TempTree tree;
};

std::string nested(int depth, const std::string& open, const std::string& close) {
  std::string s;
  for (int i = 0; i < depth; ++i) s += open;
  for (int i = 0; i < depth; ++i) s += close;
  return s;
}

}  // namespace

TEST_F(Malformed, InvalidUtf8) {
  tree.write("bad/LICENSE", "Permission is granted\n\xff\xfe\xc3 broken bytes\n");
  tree.write("bad/app.py", "x = '\xff'\nimport openai\n");
  AuditResult r = scan();
  const Diagnostic* d = diagnostic(r, "bad/LICENSE", "UTF-8");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->location.line, 2u);
  EXPECT_TRUE(finding(r, "lockin.model_provider.openai-import", "bad/app.py", 2));
}

TEST_F(Malformed, Utf16WithByteOrderMark) {
  std::string utf16 = "\xff\xfe";
  for (char c : std::string("openai\n")) utf16 += c, utf16 += '\0';
  tree.write("utf16/requirements.txt", utf16);
  AuditResult r = scan();
  EXPECT_NE(diagnostic(r, "utf16/requirements.txt", "binary"), nullptr);
}

TEST_F(Malformed, CrlfAndLoneCrLineEndings) {
  tree.write("crlf/requirements.txt", "torch\r\nopenai\r\n");
  tree.write("cr/requirements.txt", "torch\ropenai\r");
  AuditResult r = scan();
  EXPECT_TRUE(finding(r, "lockin.model_provider.openai-sdk", "crlf/requirements.txt", 2));
  EXPECT_TRUE(finding(r, "lockin.model_provider.openai-sdk", "cr/requirements.txt", 2));
}

TEST_F(Malformed, BrokenYamlFrontMatter) {
  tree.write("card/README.md", "---\nlicense: [mit\n---\n# Model\n");
  AuditResult r = scan();
  const Diagnostic* d = diagnostic(r, "card/README.md");
  ASSERT_NE(d, nullptr);
  EXPECT_GE(d->location.line, 2u);
}

TEST_F(Malformed, FrontMatterThatNeverCloses) {
  tree.write("card/README.md", "---\nlicense: mit\n# Model\nno closing line\n");
  AuditResult r = scan();
  const Diagnostic* d = diagnostic(r, "card/README.md");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->location.line, 1u);
}

TEST_F(Malformed, YamlAliasBomb) {
  std::string bomb = "a: &a [\"x\", \"x\", \"x\", \"x\", \"x\", \"x\", \"x\", \"x\", \"x\"]\n";
  std::string prev = "a";
  for (char c = 'b'; c <= 'j'; ++c) {
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 9; ++i) bomb += (i ? ", *" : "*") + prev;
    bomb += "]\n";
    prev = std::string(1, c);
  }
  tree.write("deploy/values.yaml", bomb);
  tree.write("card/README.md", "---\n" + bomb + "---\n# Model\n");
  AuditResult r = scan();
  EXPECT_NE(diagnostic(r, "deploy/values.yaml", "alias"), nullptr);
  EXPECT_NE(diagnostic(r, "card/README.md", "alias"), nullptr);
}

TEST_F(Malformed, TenThousandDeepNesting) {
  tree.write("deep/deploy/values.yaml", "a: " + nested(10000, "[", "]") + "\n");
  tree.write("deep/package.json", "{\"a\": " + nested(10000, "[", "]") + "}\n");
  tree.write("deep/pyproject.toml", "a = " + nested(10000, "[", "]") + "\n");
  tree.write("deep/environment.yml", "dependencies: " + nested(10000, "{a: ", "}") + "\n");
  AuditResult r = scan();
  EXPECT_NE(diagnostic(r, "deep/deploy/values.yaml", "nests"), nullptr);
  EXPECT_NE(diagnostic(r, "deep/package.json", "nests"), nullptr);
  EXPECT_NE(diagnostic(r, "deep/pyproject.toml"), nullptr);
  EXPECT_NE(diagnostic(r, "deep/environment.yml", "nests"), nullptr);
}

TEST_F(Malformed, SparseGigabyteFileAndLongSingleLine) {
  {
    std::ofstream(tree.root() / "big" / "requirements.txt");
  }
  fs::create_directories(tree.root() / "big");
  int fd = ::open((tree.root() / "big" / "requirements.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::ftruncate(fd, off_t{1} << 30), 0);  // 1 GB, sparse: no disk used
  ::close(fd);
  tree.write("long/app.py", "x = \"" + std::string(10u << 20, 'a') + "\"; import openai\n");
  AuditOptions options;
  options.max_file_size = 16u << 20;  // the 10 MB line is read, the 1 GB file is not
  AuditResult r = scan(options);
  EXPECT_NE(diagnostic(r, "big/requirements.txt", "size cap"), nullptr);
  EXPECT_TRUE(finding(r, "lockin.model_provider.openai-import", "long/app.py", 1));
}

TEST_F(Malformed, BinaryFilesNamedLikeManifests) {
  tree.write("bin/package.json", std::string("\x7f" "ELF\0\0\0\x01\x02", 9));
  tree.write("bin/Cargo.toml", std::string("\0\0\0\0", 4));
  AuditResult r = scan();
  EXPECT_NE(diagnostic(r, "bin/package.json", "binary"), nullptr);
  EXPECT_NE(diagnostic(r, "bin/Cargo.toml", "binary"), nullptr);
}

TEST_F(Malformed, UnreadableFile) {
  auto path = tree.write("locked/requirements.txt", "openai\n");
  fs::permissions(path, fs::perms::none);
  AuditResult r;
  {
    openlock::testing::AsNobodyIfRoot nobody;
    r = scan();
  }
  EXPECT_NE(diagnostic(r, "locked/requirements.txt", "Permission denied"), nullptr);
}

TEST_F(Malformed, SymlinkLoopAndSymlinkOutsideTheTarget) {
  fs::create_directories(tree.root() / "links");
  fs::create_symlink("b.txt", tree.root() / "links" / "requirements.txt");
  fs::create_symlink("requirements.txt", tree.root() / "links" / "b.txt");
  TempTree outside;
  outside.write("requirements.txt", "openai\n");
  fs::create_symlink(outside.root() / "requirements.txt", tree.root() / "links" / "requirements-out.txt");
  fs::create_directory_symlink(outside.root(), tree.root() / "outdir");
  AuditResult r = scan();
  EXPECT_NE(diagnostic(r, "links/requirements.txt"), nullptr);
  EXPECT_NE(diagnostic(r, "links/requirements-out.txt", "outside the target"), nullptr);
  EXPECT_NE(diagnostic(r, "outdir", "outside the target"), nullptr);
  for (const auto& f : r.findings) EXPECT_EQ(f.location.path.find("out"), std::string::npos) << f.location.path;
}

TEST_F(Malformed, Fifo) {
  fs::create_directories(tree.root() / "fifo");
  ASSERT_EQ(::mkfifo((tree.root() / "fifo" / "requirements.txt").c_str(), 0644), 0);
  AuditResult r = scan();  // must not block on the FIFO
  EXPECT_NE(diagnostic(r, "fifo/requirements.txt", "not a regular file"), nullptr);
}

TEST_F(Malformed, FileDeletedMidScan) {
  auto doomed = tree.write("z/requirements.txt", "openai\n");
  AuditOptions options;
  options.jobs = 1;
  options.targets = {tree.root().string()};
  AuditResult r;
  AuditError error;
  // Polled before each file is read, in the order the walk lists them (one job; parsing starts
  // while the walk goes on, so an early poll may come before z/ is listed). A first scan counts
  // the polls; the second removes the file at its last poll, just before z/requirements.txt, the
  // last file listed, is read.
  std::size_t polls = 0;
  options.cancelled = [&polls] { return ++polls, false; };
  ASSERT_TRUE(Auditor(options).audit(r, error)) << error.message;
  ASSERT_EQ(diagnostic(r, "z/requirements.txt", "cannot read"), nullptr);
  std::size_t poll = 0;
  options.cancelled = [&poll, polls, doomed] {
    std::error_code ec;
    if (++poll == polls) fs::remove(doomed, ec);
    return false;
  };
  ASSERT_TRUE(Auditor(options).audit(r, error)) << error.message;
  EXPECT_NE(diagnostic(r, "z/requirements.txt", "cannot read"), nullptr);
  EXPECT_TRUE(std::any_of(r.findings.begin(), r.findings.end(), [](const Finding& f) { return f.location.path == kGood; }));
}

TEST_F(Malformed, PathWithNewlineAndNonUtf8Bytes) {
  tree.write("odd\nname\xff/requirements.txt", "openai\n");
  AuditResult r = scan();
  bool found = std::any_of(r.findings.begin(), r.findings.end(), [](const Finding& f) {
    return f.rule_id == "lockin.model_provider.openai-sdk" && f.location.path.find("name") != std::string::npos;
  });
  EXPECT_TRUE(found);
  std::string json = render_report(r, Format::json);
  EXPECT_EQ(json.find('\xff'), std::string::npos) << "JSON must stay valid UTF-8";
}

TEST_F(Malformed, EmptyFiles) {
  for (const char* name : {"e/requirements.txt", "e/README.md", "e/package.json", "e/Cargo.toml", "e/LICENSE",
                           "e/app.py", "e/Dockerfile", "e/deploy/values.yaml", "e/config.pbtxt"})
    tree.write(name, "");
  AuditResult r = scan();
  // An empty file is no error; where a format needs content (JSON, a license) it says "empty".
  for (const auto& d : r.diagnostics) {
    if (d.location.path.rfind("e/", 0) == 0) {
      EXPECT_NE(d.message.find("empty"), std::string::npos) << d.message;
    }
  }
}

TEST_F(Malformed, NestingCapIsAnOptionWithADiagnostic) {
  tree.write("n/deploy/values.yaml", "a: " + nested(5, "[", "]") + "\n");
  tree.write("n/package.json", "{\"a\": " + nested(5, "[", "]") + "}\n");
  EXPECT_EQ(diagnostic(scan(), "n/package.json"), nullptr) << "5 levels are within the default";
  AuditOptions options;
  options.max_nesting = 3;
  AuditResult r = scan(options);
  EXPECT_NE(diagnostic(r, "n/deploy/values.yaml", "nests deeper than 3"), nullptr);
  EXPECT_NE(diagnostic(r, "n/package.json", "nests deeper than 3"), nullptr);
}

TEST_F(Malformed, ParseTimeBudgetStopsALexerWithADiagnostic) {
  std::string big;
  while (big.size() < (24u << 20)) big += "value = call(\"gpt-4o\", x)  # a comment\n";
  tree.write("slow/app.py", big);
  AuditOptions options;
  options.max_file_size = 32u << 20;
  options.parse_budget_ms = 1;  // far less than reading 24 MB of Python takes
  AuditResult r = scan(options);
  const Diagnostic* d = diagnostic(r, "slow/app.py", "time budget");
  ASSERT_NE(d, nullptr);
  EXPECT_GT(d->location.line, 0u);
}

// Determinism: the same files created in a different order (so the file system lists them in a
// different order) and scanned with different --jobs give byte-identical JSON and SARIF.
TEST(Determinism, CreationOrderAndJobsDoNotChangeTheReport) {
  std::vector<std::pair<std::string, std::string>> files = {
      {"requirements.txt", "openai\ncupy-cuda12x\n-r extra/more.txt\n"},
      {"extra/more.txt", "anthropic\n"},
      {"src/app.py", "import openai\nmodel = \"gpt-4o\"\n"},
      {"src/agent.ts", "import Anthropic from '@anthropic-ai/sdk';\n"},
      {"Dockerfile", "FROM nvcr.io/nvidia/pytorch:24.05-py3\n"},
      {"deploy/values.yaml", "resources:\n  limits:\n    nvidia.com/gpu: 1\n"},
      {"README.md", "---\nlicense: llama3.1\n---\n# A fully open model\n"},
      {"kernels/a.cu", "__global__ void k() {}\n"},
      {"kernels/b.metal", "kernel void k() {}\n"},
      {"bad/package.json", "{ not json\n"},
  };
  auto report = [&](bool reverse, unsigned jobs) {
    TempTree t;
    auto order = files;
    if (reverse) std::reverse(order.begin(), order.end());
    for (const auto& [path, text] : order) t.write(path, text);
    AuditOptions options;
    options.targets = {t.root().string()};
    options.jobs = jobs;
    AuditResult r;
    AuditError error;
    EXPECT_TRUE(Auditor(options).audit(r, error)) << error.message;
    std::string out = render_report(r, Format::json) + render_report(r, Format::sarif);
    for (std::size_t at; (at = out.find(t.root().string())) != std::string::npos;) out.replace(at, t.root().string().size(), "ROOT");
    return out;
  };
  std::string first = report(false, 1);
  EXPECT_NE(first.find("lockin.hardware.cuda-kernels"), std::string::npos);
  EXPECT_EQ(first, report(true, 1));
  EXPECT_EQ(first, report(true, 4));
  EXPECT_EQ(first, report(false, 3));
}
