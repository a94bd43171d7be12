// Paths that are not UTF-8 or hold terminal escapes, and reports that cannot be written.
// Every report format must come out as valid UTF-8 (XML ones also well-formed XML 1.0), with no
// escape byte in what a terminal shows (stderr, text, Markdown) and no Markdown link split by a
// line break; a report the disk refuses is an error (exit 2) that leaves no partial file.
// The checks here are independent of lib/core/utf8.hpp: a decoder of their own, nlohmann's
// parser and, where python3 is installed, Python's UTF-8 codec and expat.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "openlock/openlock.hpp"
#include "unit/discover/temp_tree.hpp"

using namespace openlock;
using openlock::testing::TempTree;
namespace fs = std::filesystem;

namespace {

// The nine ill-formed sequences of the reliability report: overlong forms, a surrogate, a code
// point past U+10FFFF, bytes that never start a sequence, a 5-byte form and a truncated one.
const std::vector<std::string> kInvalidUtf8 = {"\xc0\x80",     "\xc1\xbf", "\xe0\x80\x80", "\xf0\x80\x80\x80",
                                               "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xff", "\xf8\x88\x80\x80\x80",
                                               "\xe2\x82"};
// Names that would drive a terminal or break a line: OSC title + clear screen, CSI, LF, CR, tab.
const std::vector<std::string> kControlNames = {"\x1b]0;PWNED\x07\x1b[2J", "red\x1b[31mx", "new\nline", "carriage\rreturn",
                                                "tab\tname", "c1\xc2\x9b" "31m"};

// Code points of `s` by the definition of UTF-8 (RFC 3629 section 3), or nothing when `s` is not
// UTF-8: the shortest form only, no surrogates, nothing above U+10FFFF.
std::optional<std::vector<char32_t>> decode(const std::string& s) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char lead = static_cast<unsigned char>(s[i]);
    int extra = lead < 0x80 ? 0 : (lead & 0xE0) == 0xC0 ? 1 : (lead & 0xF0) == 0xE0 ? 2 : (lead & 0xF8) == 0xF0 ? 3 : -1;
    if (extra < 0 || i + extra >= s.size()) return std::nullopt;
    char32_t cp = extra == 0 ? lead : lead & (0x3F >> extra);
    for (int k = 1; k <= extra; ++k) {
      unsigned char b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0) != 0x80) return std::nullopt;
      cp = cp << 6 | (b & 0x3F);
    }
    const char32_t shortest[] = {0, 0x80, 0x800, 0x10000};
    if (cp < shortest[extra] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return std::nullopt;
    out.push_back(cp);
    i += extra + 1;
  }
  return out;
}

// XML 1.0's Char production.
bool xml_char(char32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

// A terminal acts on C0 (but tab and newline, which the text formats use themselves), DEL and C1.
bool terminal_control(char32_t c) { return (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c <= 0x9F); }

std::string render_report(const AuditResult& r, Format format) {
  std::ostringstream out;
  render(r, format, out);
  return out.str();
}

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `sh -c script`; its stdout and stderr captured.
CliRun shell(const std::string& script, const fs::path& scratch) {
  fs::path out = scratch / "stdout.txt", err = scratch / "stderr.txt";
  std::string cmd = "sh -c '" + script + "' >'" + out.string() + "' 2>'" + err.string() + "'";
  CliRun run;
  int status = std::system(cmd.c_str());
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream o(out, std::ios::binary), e(err, std::ios::binary);
  run.out.assign(std::istreambuf_iterator<char>(o), {});
  run.err.assign(std::istreambuf_iterator<char>(e), {});
  return run;
}

std::string quoted(const fs::path& p) { return "\"" + p.string() + "\""; }

bool python3_available() { return std::system("python3 -c 1 >/dev/null 2>&1") == 0; }

// python3 reading `file` with a strict UTF-8 decode and, for XML, expat: "" when it accepts it.
std::string python_rejects(const fs::path& file, bool as_xml) {
  TempTree scratch;
  std::string check = as_xml ? "import xml.dom.minidom as m; m.parse(\"" + file.string() + "\")"
                             : "open(\"" + file.string() + "\", \"rb\").read().decode(\"utf-8\")";
  CliRun r = shell("python3 -c '\\''" + check + "'\\''", scratch.root());
  return r.exit_code == 0 ? "" : r.err;
}

class Encoding : public ::testing::Test {
 protected:
  // One folder per hostile name, each with a finding (requirements.txt) and a diagnostic (bad
  // JSON), so the name reaches every part of every report.
  void SetUp() override {
    std::vector<std::string> names = kInvalidUtf8;
    names.insert(names.end(), kControlNames.begin(), kControlNames.end());
    for (std::size_t i = 0; i < names.size(); ++i) {
      const std::string& name = names[i];
      // A package of its own in each: CycloneDX lists a package once, at its first place.
      tree.write("x" + name + "/requirements.txt", "cupy-cuda12x\npackage-" + std::to_string(i) + "\n");
      tree.write("x" + name + "/package.json", "{bad");
    }
    AuditOptions options;
    options.targets = {tree.root().string()};
    options.jobs = 2;
    AuditError error;
    ASSERT_TRUE(Auditor(std::move(options)).audit(result, error)) << error.message;
    ASSERT_EQ(result.findings.size(), names.size());
    ASSERT_EQ(result.diagnostics.size(), names.size());
  }

  TempTree tree;
  AuditResult result;
};

}  // namespace

TEST_F(Encoding, EveryFormatIsValidUtf8) {
  for (Format format : {Format::text, Format::json, Format::sarif, Format::markdown, Format::junit, Format::cyclonedx,
                        Format::html}) {
    std::string report = render_report(result, format);
    EXPECT_TRUE(decode(report)) << "format " << static_cast<int>(format) << " is not UTF-8";
  }
}

TEST_F(Encoding, JsonSarifAndCycloneDxParse) {
  for (Format format : {Format::json, Format::sarif, Format::cyclonedx}) {
    std::string report = render_report(result, format);
    EXPECT_TRUE(nlohmann::json::accept(report)) << "format " << static_cast<int>(format);
  }
  // Each ill-formed path comes back with U+FFFD where the bad bytes were.
  nlohmann::json j = nlohmann::json::parse(render_report(result, Format::json));
  std::set<std::string> paths;
  for (const auto& f : j["findings"]) paths.insert(f["location"]["path"].get<std::string>());
  EXPECT_TRUE(paths.count("x\xEF\xBF\xBD\xEF\xBF\xBD/requirements.txt")) << "c0 80: two bytes, two U+FFFD";
  EXPECT_TRUE(paths.count("x\xEF\xBF\xBD/requirements.txt")) << "ff and e2 82: one U+FFFD";
  // Findings are written by hand, diagnostics through nlohmann's DOM: the same folder either way.
  std::set<std::string> folders_of_findings, folders_of_diagnostics;
  for (const auto& p : paths) folders_of_findings.insert(p.substr(0, p.rfind('/')));
  for (const auto& d : j["diagnostics"]) {
    std::string p = d["path"].get<std::string>();
    folders_of_diagnostics.insert(p.substr(0, p.rfind('/')));
  }
  EXPECT_EQ(folders_of_findings, folders_of_diagnostics);
}

TEST_F(Encoding, JunitHoldsOnlyXmlCharacters) {
  std::string report = render_report(result, Format::junit);
  auto chars = decode(report);
  ASSERT_TRUE(chars);
  for (char32_t c : *chars) EXPECT_TRUE(xml_char(c)) << "U+" << std::hex << static_cast<unsigned>(c);
  EXPECT_EQ(report.find('\x1b'), std::string::npos);
}

TEST_F(Encoding, PythonAcceptsJunitAndHtml) {
  if (!python3_available()) GTEST_SKIP() << "python3 not installed";
  TempTree out;
  fs::path junit = out.write("report.xml", render_report(result, Format::junit));
  fs::path html = out.write("report.html", render_report(result, Format::html));
  EXPECT_EQ(python_rejects(junit, true), "");
  EXPECT_EQ(python_rejects(html, false), "");
}

TEST_F(Encoding, NoTerminalControlInTextOrMarkdown) {
  for (Format format : {Format::text, Format::markdown}) {
    std::string report = render_report(result, format);
    auto chars = decode(report);
    ASSERT_TRUE(chars);
    for (char32_t c : *chars)
      EXPECT_FALSE(terminal_control(c)) << "format " << static_cast<int>(format) << ": U+" << std::hex << static_cast<unsigned>(c);
  }
}

TEST_F(Encoding, MarkdownLinkTargetsAreOneWord) {
  std::string report = render_report(result, Format::markdown);
  std::size_t links = 0;
  for (std::size_t at = report.find("]("); at != std::string::npos; at = report.find("](", at + 2)) {
    std::size_t end = report.find(')', at);
    ASSERT_NE(end, std::string::npos);
    std::string target = report.substr(at + 2, end - at - 2);
    ++links;
    for (char c : target)
      EXPECT_TRUE(c > 0x20 && c < 0x7F && c != '(' && c != '[' && c != ']' && c != '<' && c != '>')
          << "link target '" << target << "' holds byte " << static_cast<int>(static_cast<unsigned char>(c));
  }
  EXPECT_GE(links, 2 * (kInvalidUtf8.size() + kControlNames.size()));  // findings and diagnostics
  EXPECT_NE(report.find("(xnew%0Aline/requirements.txt#L1)"), std::string::npos) << report;
}

// The CLI: warnings on stderr, and reports that cannot be written.
class Output : public ::testing::Test {
 protected:
  void SetUp() override {
    tree.write("repo/requirements.txt", "cupy-cuda12x\n");
    tree.write("repo/README.md", "---\nlicense: mit\n---\n# m\n");
    repo = tree.root() / "repo";
    fs::create_directories(tree.root() / "out");
  }

  CliRun scan(const std::string& args) {
    return shell(std::string("\"") + OPENLOCK_BIN + "\" scan " + quoted(repo) + " -q --fail-on critical " + args, tree.root());
  }

  // What is in out/ (where the reports go): a failed write must leave nothing there.
  std::set<std::string> out_files() const {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(tree.root() / "out")) names.insert(e.path().filename().string());
    return names;
  }

  TempTree tree;
  fs::path repo;
};

TEST_F(Output, StderrWarningShowsEscapesAsQuestionMarks) {
  TempTree hostile;
  hostile.write("\x1b]0;PWNED\x07\x1b[2J/package.json", "{bad");
  hostile.write("a\x9b" "b/package.json", "{bad");  // a lone C1 CSI byte
  CliRun r = shell(std::string("\"") + OPENLOCK_BIN + "\" scan " + quoted(hostile.root()) + " --format json -o /dev/null",
                tree.root());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("openlock: warning: ?]0;PWNED??[2J/package.json"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\x07'), std::string::npos) << r.err;
  auto chars = decode(r.err);
  ASSERT_TRUE(chars) << "stderr is not UTF-8: " << r.err;
  for (char32_t c : *chars) EXPECT_FALSE(terminal_control(c)) << "U+" << std::hex << static_cast<unsigned>(c);
}

TEST_F(Output, RulesJsonOfARulePackThatIsNotUtf8) {
  tree.write("pack/test.utf8-title.yaml",
             "id: test.utf8-title\ntitle: \"Bad \xc0\x80 title\"\ncategory: lockin.hardware\nvendor: opencl\n"
             "severity: low\nmatch:\n  any:\n    - backend: {backend: opencl}\nmessage: \"x\"\n");
  CliRun r = shell(std::string("\"") + OPENLOCK_BIN + "\" rules --rules " + quoted(tree.root() / "pack") + " list --format json",
                   tree.root());
  EXPECT_EQ(r.exit_code, 0) << r.err;  // was an abort on the bytes
  EXPECT_TRUE(nlohmann::json::accept(r.out)) << r.err;
}

TEST_F(Output, FullDeviceIsAnErrorForEveryDestination) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  for (const std::string& args : {std::string("--format json -o /dev/full"), std::string("--report json=/dev/full"),
                                  std::string("--format sarif >/dev/full"), std::string("--format text >/dev/full"),
                                  std::string("--format json -o /dev/null --mof-out /dev/full")}) {
    CliRun r = scan(args);
    EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.err;
    EXPECT_NE(r.err.find("No space left on device"), std::string::npos) << args << "\n" << r.err;
    EXPECT_NE(r.err.find(args.find('>') != std::string::npos ? "standard output" : "'/dev/full'"), std::string::npos)
        << args << "\n" << r.err;
  }
  CliRun b = shell(std::string("\"") + OPENLOCK_BIN + "\" baseline write /dev/full " + quoted(repo), tree.root());
  EXPECT_EQ(b.exit_code, 2) << b.err;
  EXPECT_NE(b.err.find("cannot write '/dev/full': No space left on device"), std::string::npos) << b.err;
  CliRun rules = shell(std::string("\"") + OPENLOCK_BIN + "\" rules list >/dev/full", tree.root());
  EXPECT_EQ(rules.exit_code, 2) << rules.err;
  EXPECT_NE(rules.err.find("cannot write to standard output"), std::string::npos) << rules.err;
}

TEST_F(Output, FolderThatCannotHoldTheReport) {
  // A path under a regular file: refused even to root, which CI runs as.
  tree.write("out/file", "x");
  fs::path report = tree.root() / "out" / "file" / "report.json";
  CliRun r = scan("--format json -o " + quoted(report));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("cannot write '" + report.string() + "': Not a directory"), std::string::npos) << r.err;
  EXPECT_EQ(out_files(), std::set<std::string>{"file"});
}

TEST_F(Output, FileSizeLimitLeavesNoPartialReport) {
  // RLIMIT_FSIZE stands in for a full disk on a regular file: write(2) fails with EFBIG part way
  // through (SIGXFSZ ignored, as ulimit's users do), after the temporary file took some bytes.
  fs::path report = tree.root() / "out" / "report.json";
  std::ofstream(report) << "previous report\n";
  CliRun limited = shell("trap \"\" XFSZ; ulimit -f 1; exec \"" + std::string(OPENLOCK_BIN) + "\" scan " + quoted(repo) +
                          " -q --fail-on critical --format json -o " + quoted(report),
                      tree.root());
  EXPECT_EQ(limited.exit_code, 2) << limited.err;
  EXPECT_NE(limited.err.find("cannot write '" + report.string() + "': File too large"), std::string::npos) << limited.err;
  EXPECT_EQ(out_files(), std::set<std::string>{"report.json"});
  std::ifstream in(report);
  std::string kept((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(kept, "previous report\n");
}

TEST_F(Output, SuccessfulWriteLeavesExactlyTheReport) {
  fs::path report = tree.root() / "out" / "report.json";
  CliRun r = scan("--format json -o " + quoted(report) + " --mof-out " + quoted(tree.root() / "out" / "mof.yml"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(out_files(), (std::set<std::string>{"mof.yml", "report.json"}));
  std::ifstream in(report);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  CliRun stdout_run = scan("--format json");
  EXPECT_EQ(text, stdout_run.out);
  EXPECT_TRUE(nlohmann::json::accept(text));
  // The new file has the mode open(2) would have given it: 0666 less the umask (022 here).
  CliRun mode = shell("umask 022; rm \"" + report.string() + "\"; exec \"" + std::string(OPENLOCK_BIN) + "\" scan " +
                       quoted(repo) + " -q --fail-on critical --format json -o " + quoted(report),
                   tree.root());
  ASSERT_EQ(mode.exit_code, 0) << mode.err;
  EXPECT_EQ(fs::status(report).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read);
}
