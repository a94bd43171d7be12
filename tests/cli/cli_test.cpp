// Runs the built `openlock` binary the way a user would and checks output and exit codes.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

const fs::path kTmp = fs::temp_directory_path() / ("openlock-cli-test-" + std::to_string(::getpid()));

CliRun openlock(const std::string& args, const std::string& stdin_file = "") {
  fs::create_directories(kTmp);
  fs::path err_file = kTmp / "stderr.txt";
  std::string cmd = std::string("'") + OPENLOCK_BIN + "' " + args + " 2>'" + err_file.string() + "'";
  if (!stdin_file.empty()) cmd += " <'" + stdin_file + "'";
  CliRun run;
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (!pipe) return run;
  std::array<char, 4096> buf{};
  for (std::size_t n; (n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0;) run.out.append(buf.data(), n);
  int status = ::pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err(err_file);
  run.err.assign(std::istreambuf_iterator<char>(err), {});
  return run;
}

const std::string kDemo = std::string(OPENLOCK_SOURCE_DIR) + "/examples/demo-repo";
const std::string kBroken = std::string(OPENLOCK_TEST_DATA) + "/cli/fixtures/broken-card";

bool has_category(const json& report, const std::string& category) {
  for (const auto& f : report["findings"])
    if (f["category"] == category) return true;
  return false;
}

}  // namespace

TEST(Cli, DemoRepoJsonHasTheContractFields) {
  CliRun r = openlock("scan '" + kDemo + "' --format json");
  EXPECT_EQ(r.exit_code, 1) << r.err;  // high findings, default --fail-on high
  json report = json::parse(r.out);
  EXPECT_EQ(report["tool"]["name"], "openlock");
  EXPECT_TRUE(report["tool"]["version"].is_string());
  EXPECT_EQ(report["targets"], json::array({kDemo}));
  EXPECT_GE(report["summary"]["files_scanned"].get<int>(), 4);
  EXPECT_EQ(report["summary"]["files_by_kind"]["model_card"], 1);
  EXPECT_EQ(report["summary"]["files_by_kind"]["manifest"], 2);
  EXPECT_EQ(report["summary"]["files_by_kind"]["source"], 1);
  EXPECT_EQ(report["summary"]["findings"].get<std::size_t>(), report["findings"].size());
  for (const char* axis : {"hardware", "model_provider", "cloud"}) {
    ASSERT_TRUE(report["lockin"].contains(axis)) << axis;
    EXPECT_TRUE(report["lockin"][axis]["score"].is_number());
    EXPECT_TRUE(report["lockin"][axis]["level"].is_string());
  }
  EXPECT_EQ(report["lockin"]["hardware"]["vendors"], json::array({"nvidia"}));
  EXPECT_EQ(report["lockin"]["model_provider"]["vendors"], json::array({"openai"}));
  EXPECT_EQ(report["lockin"]["cloud"]["vendors"], json::array({"aws"}));
  EXPECT_EQ(report["lockin"]["hardware"]["level"], "high");
  EXPECT_TRUE(has_category(report, "license"));
  EXPECT_TRUE(has_category(report, "lockin.hardware"));
  EXPECT_TRUE(has_category(report, "lockin.model_provider"));
  for (const auto& f : report["findings"]) {
    for (const char* key : {"rule_id", "category", "severity", "vendor", "message", "location", "evidence",
                            "confidence", "context", "fingerprint"})
      EXPECT_TRUE(f.contains(key)) << key;
    EXPECT_GE(f["location"]["line"].get<int>(), 1);
  }
  ASSERT_EQ(report["models"].size(), 1u);
  const json& model = report["models"][0];
  EXPECT_EQ(model["path"], "README.md");
  EXPECT_EQ(model["name"], "Acme-7B-Chat");
  EXPECT_EQ(model["gated"], true);
  EXPECT_EQ(model["openness"]["open_washing"], true) << "the card says 'fully open source'";
  EXPECT_EQ(model["base_model"][0]["id"], "acme-labs/Acme-7B-Base");
  EXPECT_EQ(model["base_model"][0]["relation"], "finetune");
  EXPECT_EQ(model["license"]["osi_approved"], false);
  EXPECT_EQ(model["license"]["kind"], "open-weight") << "unknown id, but the license text caps users";
  EXPECT_EQ(model["license"]["expression"], "LicenseRef-acme-open-weights-1.0");
  std::set<std::string> clauses;
  for (const auto& c : model["license"]["clauses"]) clauses.insert(c["kind"].get<std::string>());
  for (const char* kind : {"mau_cap", "acceptable_use", "no_training_other_models", "naming", "revocable"})
    EXPECT_TRUE(clauses.count(kind)) << kind;
  EXPECT_TRUE(report["diagnostics"].empty()) << report["diagnostics"].dump();
}

TEST(Cli, JsonIsDeterministic) {
  CliRun a = openlock("scan '" + kDemo + "' --format json");
  CliRun b = openlock("scan '" + kDemo + "' --format json");
  EXPECT_EQ(a.out, b.out);
}

TEST(Cli, TextReportGroupsFindingsByFile) {
  CliRun r = openlock("scan '" + kDemo + "'");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("Lock-in"), std::string::npos);
  EXPECT_NE(r.out.find("\nrequirements.txt\n"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find('\033'), std::string::npos) << "no colour when stdout is not a terminal";
}

TEST(Cli, FailOnDecidesTheExitCode) {
  EXPECT_EQ(openlock("scan '" + kDemo + "' --fail-on critical -q").exit_code, 0);
  EXPECT_EQ(openlock("scan '" + kDemo + "' --fail-on low -q").exit_code, 1);
}

TEST(Cli, MissingTargetExitsTwoWithOneLine) {
  CliRun r = openlock("scan /nonexistent/openlock-target");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/nonexistent/openlock-target"), std::string::npos);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST(Cli, BrokenCardIsADiagnosticAndTheScanGoesOn) {
  CliRun r = openlock("scan '" + kBroken + "' --format json");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  json report = json::parse(r.out);
  bool diagnosed = false;
  for (const auto& d : report["diagnostics"])
    diagnosed |= d["path"] == "bad/README.md" && d["line"].get<int>() >= 2;
  EXPECT_TRUE(diagnosed) << report["diagnostics"].dump();
  std::set<std::string> rules;
  for (const auto& f : report["findings"]) rules.insert(f["rule_id"].get<std::string>());
  EXPECT_TRUE(rules.count("lockin.hardware.cuda-wheels"));
  EXPECT_TRUE(rules.count("lockin.model_provider.openai-sdk"));
  EXPECT_TRUE(rules.count("license.card.non-commercial"));
  EXPECT_NE(r.err.find("bad/README.md"), std::string::npos) << "diagnostics also go to stderr";
}

TEST(Cli, OutputFileAndStdinCard) {
  fs::path out = kTmp / "report.json";
  CliRun r = openlock("scan '" + kDemo + "' --format json --output '" + out.string() + "'");
  EXPECT_TRUE(r.out.empty());
  std::ifstream in(out);
  json parsed;
  EXPECT_NO_THROW(parsed = json::parse(in));
  EXPECT_TRUE(parsed.contains("findings"));

  CliRun card = openlock("scan - --format json", kDemo + "/README.md");
  json report = json::parse(card.out);
  ASSERT_EQ(report["models"].size(), 1u);
  EXPECT_EQ(report["models"][0]["path"], "-");
}

TEST(Cli, HelpAndVersion) {
  CliRun help = openlock("--help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("scan"), std::string::npos);
  CliRun scan_help = openlock("scan --help");
  EXPECT_EQ(scan_help.exit_code, 0);
  EXPECT_NE(scan_help.out.find("--fail-on"), std::string::npos);
  CliRun version = openlock("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("openlock 0.", 0), 0u) << version.out;
  EXPECT_EQ(openlock("scan --format yaml .").exit_code, 2);
  EXPECT_EQ(openlock("").exit_code, 2);
}

TEST(Cli, ExtraRulesDirAddsRulesAndBadRulesExitTwo) {
  fs::path dir = kTmp / "rules";
  fs::create_directories(dir);
  std::ofstream(dir / "custom.fastapi.yaml") << "id: custom.fastapi\ntitle: Uses FastAPI\ncategory: hygiene\n"
                                               "severity: info\nmatch:\n  dependency: {name: fastapi}\n"
                                               "message: \"{evidence}\"\n";
  json report = json::parse(openlock("scan '" + kDemo + "' --format json --rules '" + dir.string() + "'").out);
  bool custom = false;
  for (const auto& f : report["findings"]) custom |= f["rule_id"] == "custom.fastapi";
  EXPECT_TRUE(custom);

  std::ofstream(dir / "custom.broken.yaml") << "id: custom.broken\ntitle: x\ncategory: hygiene\nseverity: info\n"
                                               "match: {dependency: {}}\nmesage: typo\n";
  CliRun bad = openlock("scan '" + kDemo + "' --rules '" + dir.string() + "'");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("custom.broken.yaml:6"), std::string::npos) << bad.err;
  fs::remove_all(kTmp);
}

TEST(Cli, LicenseCommand) {
  CliRun ok = openlock("license 'mit OR Apache-2.0' --format json");
  EXPECT_EQ(ok.exit_code, 0);
  json j = json::parse(ok.out);
  EXPECT_EQ(j["expression"], "MIT OR Apache-2.0");
  EXPECT_EQ(j["valid_spdx"], true);
  EXPECT_EQ(j["osi_approved"], true);
  EXPECT_EQ(j["kind"], "osi");

  CliRun bad = openlock("license 'MIT and ISC'");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.out.find("upper case"), std::string::npos);
  EXPECT_NE(bad.out.find("    ^"), std::string::npos) << bad.out;

  CliRun file = openlock("license --file '" + kDemo + "/LICENSE' --format json");
  EXPECT_EQ(file.exit_code, 0);
  json clauses = json::parse(file.out)["clauses"];
  ASSERT_FALSE(clauses.empty());
  EXPECT_EQ(clauses[0]["kind"], "mau_cap");
  EXPECT_EQ(clauses[0]["location"]["line"], 10);
  EXPECT_EQ(openlock("license").exit_code, 2);
  EXPECT_EQ(openlock("license --file /no/such/file").exit_code, 2);

  CliRun typo = openlock("license 'Apache-2.0 ANDD MIT'");
  EXPECT_EQ(typo.exit_code, 2) << "an expression that does not parse is bad input";
  EXPECT_NE(typo.out.find("column 12"), std::string::npos) << typo.out;
  CliRun unknown_id = openlock("license 'MIT OR Foo-1.0'");
  EXPECT_EQ(unknown_id.exit_code, 1);
  EXPECT_NE(unknown_id.out.find("unknown license id 'Foo-1.0'"), std::string::npos) << unknown_id.out;
  CliRun known = openlock("license LicenseRef-llama3.1");
  EXPECT_NE(known.out.find("clauses: mau_cap"), std::string::npos) << known.out;

  fs::create_directories(kTmp);
  std::ofstream(kTmp / "bin.txt", std::ios::binary) << std::string("PK\0\3\4", 5);
  CliRun binary = openlock("license --file '" + (kTmp / "bin.txt").string() + "'");
  EXPECT_EQ(binary.exit_code, 2);
  EXPECT_NE(binary.err.find("binary"), std::string::npos);
  std::ofstream(kTmp / "latin1.txt", std::ios::binary) << "Free to use.\nCaf\xe9 terms apply.\n";
  CliRun latin1 = openlock("license --file '" + (kTmp / "latin1.txt").string() + "'");
  EXPECT_EQ(latin1.exit_code, 0);
  EXPECT_NE(latin1.err.find("latin1.txt:2: not valid UTF-8"), std::string::npos) << latin1.err;
  std::ofstream(kTmp / "long.txt") << std::string(10 * 1024 * 1024, 'a');
  CliRun long_line = openlock("license --file '" + (kTmp / "long.txt").string() + "'");
  EXPECT_EQ(long_line.exit_code, 0);
  EXPECT_NE(long_line.err.find("only the first 512 KiB"), std::string::npos);
  EXPECT_NE(long_line.out.find("unknown license"), std::string::npos);
}

// `license --file A B` (and `--file A --file B`): each file's report in turn, headed by its path.
TEST(Cli, LicenseSeveralFiles) {
  const std::string acme = kDemo + "/LICENSE", apache = std::string(OPENLOCK_SOURCE_DIR) + "/LICENSE";
  CliRun one_acme = openlock("license --file '" + acme + "'");
  CliRun one_apache = openlock("license --file '" + apache + "'");
  ASSERT_EQ(one_acme.exit_code, 0);
  ASSERT_EQ(one_apache.exit_code, 0);
  EXPECT_EQ(one_acme.out.rfind(acme + "\n", 0), 0u) << "one file's report starts with its path: " << one_acme.out;
  EXPECT_NE(one_apache.out.find("identified: Apache License 2.0 (Apache-2.0)"), std::string::npos) << one_apache.out;

  // Text: the one-file reports, in the order given, a blank line between; both spellings agree.
  CliRun both = openlock("license --file '" + acme + "' '" + apache + "'");
  EXPECT_EQ(both.exit_code, 0);
  EXPECT_EQ(both.out, one_acme.out + "\n" + one_apache.out);
  EXPECT_EQ(openlock("license --file '" + acme + "' --file '" + apache + "'").out, both.out);
  EXPECT_EQ(openlock("license --file '" + apache + "' '" + acme + "'").out, one_apache.out + "\n" + one_acme.out);

  // JSON: one file is the object it always was; several, an array of that object with "path" first.
  json single_acme = json::parse(openlock("license --file '" + acme + "' --format json").out);
  json single_apache = json::parse(openlock("license --format json --file '" + apache + "'").out);
  ASSERT_TRUE(single_acme.is_object());
  std::vector<std::string> keys;
  for (auto it = single_acme.begin(); it != single_acme.end(); ++it) keys.push_back(it.key());
  // nlohmann::json iterates keys sorted; the order printed is checked on the text below.
  EXPECT_EQ(keys, (std::vector<std::string>{"clauses", "expression", "identification", "kind", "osi_approved"}));
  const std::string acme_json = openlock("license --file '" + acme + "' --format json").out;
  EXPECT_LT(acme_json.find("\"expression\""), acme_json.find("\"osi_approved\""));
  EXPECT_LT(acme_json.find("\"kind\""), acme_json.find("\"identification\""));
  EXPECT_LT(acme_json.find("\"identification\""), acme_json.find("\"clauses\": ["));
  CliRun js = openlock("license --format json --file '" + acme + "' '" + apache + "'");
  EXPECT_EQ(js.exit_code, 0);
  json array = json::parse(js.out);
  ASSERT_TRUE(array.is_array());
  ASSERT_EQ(array.size(), 2u);
  EXPECT_EQ(js.out.rfind("[\n  {\n    \"path\": ", 0), 0u) << js.out;
  EXPECT_EQ(array[0]["path"], acme);
  EXPECT_EQ(array[1]["path"], apache);
  array[0].erase("path");
  array[1].erase("path");
  EXPECT_EQ(array[0], single_acme);
  EXPECT_EQ(array[1], single_apache);
  EXPECT_EQ(array[1]["expression"], "Apache-2.0");
  EXPECT_EQ(array[0]["clauses"][0]["location"]["path"], acme);

  // An unreadable file among them: named on stderr (and in JSON), the others reported, exit 2.
  fs::create_directories(kTmp);
  std::ofstream(kTmp / "bin.txt", std::ios::binary) << std::string("PK\0\3\4", 5);
  const std::string missing = (kTmp / "no-such-file").string(), binary = (kTmp / "bin.txt").string();
  CliRun mixed = openlock("license --file '" + acme + "' '" + missing + "' '" + kTmp.string() + "' '" + binary + "' '" + apache + "'");
  EXPECT_EQ(mixed.exit_code, 2);
  EXPECT_EQ(mixed.out, one_acme.out + "\n" + one_apache.out);
  EXPECT_NE(mixed.err.find("cannot read '" + missing + "'"), std::string::npos) << mixed.err;
  EXPECT_NE(mixed.err.find(kTmp.string() + ": a directory"), std::string::npos) << mixed.err;
  EXPECT_NE(mixed.err.find(binary + ": binary content"), std::string::npos) << mixed.err;
  CliRun mixed_json = openlock("license --format json --file '" + missing + "' --file '" + acme + "'");
  EXPECT_EQ(mixed_json.exit_code, 2);
  json entries = json::parse(mixed_json.out);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0]["path"], missing);
  EXPECT_EQ(entries[0]["error"], "cannot read");
  EXPECT_FALSE(entries[0].contains("identification"));
  EXPECT_EQ(entries[1]["path"], acme);
  EXPECT_EQ(entries[1]["clauses"], single_acme["clauses"]);
  // Only unreadable files: nothing on stdout for text, exit 2 all the same.
  CliRun none = openlock("license --file '" + missing + "' '" + binary + "'");
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_EQ(none.out, "");
  // --file takes paths, not an expression as well.
  EXPECT_EQ(openlock("license MIT --file '" + acme + "'").exit_code, 2);
  fs::remove_all(kTmp);
}

TEST(Cli, RulesCommand) {
  CliRun list = openlock("rules list");
  EXPECT_EQ(list.exit_code, 0);
  EXPECT_NE(list.out.find("lockin.hardware.cuda-wheels"), std::string::npos);
  CliRun show = openlock("rules show license.card.non-commercial");
  EXPECT_EQ(show.exit_code, 0);
  EXPECT_NE(show.out.find("defined in:  rules/license/license.card.non-commercial.yaml"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("    match:"), std::string::npos) << "the rule's conditions are shown: " << show.out;
  // Examples come from the fixtures, the annotation comment left out.
  EXPECT_NE(show.out.find("license.card.non-commercial/nc/README.md:2):\n    license: cc-by-nc-4.0\n"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("Does not match ("), std::string::npos) << show.out;
  CliRun no_examples = openlock("rules show license.card.non-commercial --fixtures /no/such/dir");
  EXPECT_EQ(no_examples.exit_code, 0);
  EXPECT_EQ(no_examples.out.find("Matches ("), std::string::npos) << no_examples.out;
  EXPECT_EQ(openlock("rules show no.such.rule").exit_code, 2);
  CliRun test = openlock("rules --rules '" + std::string(OPENLOCK_TEST_DATA) + "/rules/packs/licenses' test '" +
                         std::string(OPENLOCK_TEST_DATA) + "/rules/fixtures'");
  EXPECT_EQ(test.exit_code, 0) << test.out;
  EXPECT_NE(test.out.find(": 0 problems"), std::string::npos);
  EXPECT_EQ(openlock("rules test /no/such/dir").exit_code, 1) << "every rule lacks its fixture folder";
  // A rule pack finds its fixtures: the built-in packs in tests/rules/fixtures/ (with the test
  // packs beside them), the example pack in a folder beside its rule.
  CliRun builtin = openlock("rules test '" + std::string(OPENLOCK_SOURCE_DIR) + "/rules'");
  EXPECT_EQ(builtin.exit_code, 0) << builtin.out;
  EXPECT_NE(builtin.out.find("rules checked against"), std::string::npos);
  EXPECT_EQ(builtin.out.find(" 0 rules checked"), std::string::npos) << builtin.out;
  CliRun example = openlock("rules test '" + std::string(OPENLOCK_SOURCE_DIR) + "/examples/policy/rules'");
  EXPECT_EQ(example.exit_code, 0) << example.out;
  EXPECT_NE(example.out.find("1 rules checked"), std::string::npos) << example.out;
  EXPECT_EQ(openlock("rules").exit_code, 2);
}

TEST(Cli, MofCommand) {
  fs::create_directories(kTmp);
  fs::path rec = kTmp / "record.yml";
  std::ofstream(rec) << "release:\n  name: tiny\n  license: {distribution: {name: Apache-2.0}}\n  components:\n"
                        "    - name: 'Model architecture'\n    - name: 'Model card'\n";
  CliRun r = openlock("mof '" + rec.string() + "' --format json");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out);
  EXPECT_EQ(j["class"], "none");
  EXPECT_NEAR(j["progress"]["III"].get<double>(), 33.33, 0.001);
  EXPECT_EQ(j["components"]["Model card"]["status"], "open");
  EXPECT_EQ(openlock("mof /no/such/record.yml").exit_code, 2);
}

TEST(Cli, SeveralReportsInOneRun) {
  fs::create_directories(kTmp);
  fs::path a = kTmp / "a.json", b = kTmp / "b.sarif", c = kTmp / "c.md", d = kTmp / "d.xml";
  CliRun r = openlock("scan '" + kDemo + "' -q --format json --output '" + a.string() + "' --format sarif --output '" +
                      b.string() + "' --report markdown='" + c.string() + "' --report junit='" + d.string() + "'");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(r.out.empty()) << "every report went to its file";
  std::ifstream ja(a), jb(b), mc(c), xd(d);
  json report = json::parse(ja), sarif = json::parse(jb);
  EXPECT_EQ(report["findings"].size(), sarif["runs"][0]["results"].size());
  std::string md((std::istreambuf_iterator<char>(mc)), {}), xml((std::istreambuf_iterator<char>(xd)), {});
  EXPECT_EQ(md.rfind("### openlock", 0), 0u);
  EXPECT_NE(xml.find("<testsuites name=\"openlock\""), std::string::npos);

  EXPECT_EQ(openlock("scan '" + kDemo + "' --format json --format sarif").exit_code, 2) << "two reports on stdout";
  EXPECT_EQ(openlock("scan '" + kDemo + "' --report nonsense").exit_code, 2);
  EXPECT_EQ(openlock("scan '" + kDemo + "' --output x --output y").exit_code, 2);
}

TEST(Cli, BaselineSilencesKnownFindings) {
  fs::create_directories(kTmp / "repo");
  std::ofstream(kTmp / "repo" / "requirements.txt") << "cupy-cuda12x\n";
  fs::path base = kTmp / "baseline.json";
  EXPECT_EQ(openlock("baseline write '" + base.string() + "' '" + (kTmp / "repo").string() + "'").exit_code, 0);
  CliRun quiet = openlock("scan '" + (kTmp / "repo").string() + "' --format json --baseline '" + base.string() + "'");
  EXPECT_EQ(quiet.exit_code, 0) << "the only finding is in the baseline";
  json j = json::parse(quiet.out);
  EXPECT_TRUE(j["findings"].empty());
  EXPECT_EQ(j["summary"]["baseline_suppressed"], 1);
  EXPECT_EQ(j["lockin"]["hardware"]["level"], "high") << "scores still see accepted findings (NVIDIA-only evidence)";

  std::ofstream(kTmp / "repo" / "requirements.txt", std::ios::app) << "\n\nopenai\n";  // lines move, one new finding
  json again = json::parse(openlock("scan '" + (kTmp / "repo").string() + "' --format json --baseline '" + base.string() + "'").out);
  ASSERT_EQ(again["findings"].size(), 1u);
  EXPECT_EQ(again["findings"][0]["rule_id"], "lockin.model_provider.openai-sdk");

  std::ofstream(kTmp / "not-a-report.json") << "[1,2]";
  CliRun bad = openlock("scan '" + kDemo + "' --baseline '" + (kTmp / "not-a-report.json").string() + "'");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("not an openlock JSON report"), std::string::npos);
}

TEST(Cli, DiffBaseReportsOnlyChangedLines) {
  if (std::system("git --version >/dev/null 2>&1") != 0) GTEST_SKIP() << "git is not installed";
  fs::path repo = kTmp / "gitrepo";
  fs::remove_all(repo);
  fs::create_directories(repo);
  std::ofstream(repo / "requirements.txt") << "cupy-cuda12x\n";
  std::string git = "git -C '" + repo.string() + "' -c user.name=t -c user.email=t@t -c commit.gpgsign=false ";
  ASSERT_EQ(std::system((git + "init -q && " + git + "add -A && " + git + "commit -qm one").c_str()), 0);
  std::ofstream(repo / "requirements.txt", std::ios::app) << "openai\n";
  ASSERT_EQ(std::system((git + "commit -qam two").c_str()), 0);

  CliRun r = openlock("scan '" + repo.string() + "' --format json --diff-base HEAD~1");
  EXPECT_EQ(r.exit_code, 0) << r.err;  // the new finding is medium, below --fail-on high
  json j = json::parse(r.out);
  ASSERT_EQ(j["findings"].size(), 1u) << j["findings"].dump();
  EXPECT_EQ(j["findings"][0]["rule_id"], "lockin.model_provider.openai-sdk");
  EXPECT_EQ(j["summary"]["outside_diff"], 1);

  EXPECT_EQ(openlock("scan '" + repo.string() + "' --diff-base no-such-ref").exit_code, 2);
  EXPECT_EQ(openlock("scan '" + repo.string() + "' --diff-base --output=x").exit_code, 2);
  fs::path not_repo = kTmp / "plain";
  fs::create_directories(not_repo);
  CliRun plain = openlock("scan '" + not_repo.string() + "' --diff-base HEAD");
  EXPECT_EQ(plain.exit_code, 2);
  EXPECT_NE(plain.err.find("not a git repository"), std::string::npos) << plain.err;
}

// The commands docs/ci.md and .pre-commit-hooks.yaml show, on a fixture repository.
TEST(Cli, CiExamplesTest) {
  if (std::system("git --version >/dev/null 2>&1") != 0) GTEST_SKIP() << "git is not installed";
  fs::path repo = kTmp / "ci-fixture";
  fs::remove_all(repo);
  fs::create_directories(repo);
  std::ofstream(repo / "requirements.txt") << "openai\n";
  std::string git = "git -C '" + repo.string() + "' -c user.name=t -c user.email=t@t -c commit.gpgsign=false ";
  ASSERT_EQ(std::system((git + "init -q -b main && " + git + "add -A && " + git + "commit -qm base").c_str()), 0);
  std::ofstream(repo / "requirements.txt", std::ios::app) << "cupy-cuda12x\n";

  // GitHub job: diff against the base, SARIF + Markdown reports; exits 1 on the new high finding.
  CliRun gh = openlock("scan '" + repo.string() + "' --fail-on high --diff-base main --report sarif='" +
                       (repo / "openlock.sarif").string() + "' --report markdown='" + (repo / "openlock.md").string() + "'");
  EXPECT_EQ(gh.exit_code, 1) << gh.err;
  std::ifstream sarif_in(repo / "openlock.sarif");
  json sarif = json::parse(sarif_in);
  ASSERT_EQ(sarif["runs"][0]["results"].size(), 1u);
  EXPECT_EQ(sarif["runs"][0]["results"][0]["ruleId"], "lockin.hardware.cuda-wheels");

  // GitLab job: baseline written on the base, JUnit + JSON reports.
  fs::path base = repo / ".openlock-baseline.json";
  ASSERT_EQ(std::system((git + "stash -q").c_str()), 0);
  EXPECT_EQ(openlock("baseline write '" + base.string() + "' '" + repo.string() + "'").exit_code, 0);
  ASSERT_EQ(std::system((git + "stash pop -q").c_str()), 0);
  CliRun gl = openlock("scan '" + repo.string() + "' --fail-on high --baseline '" + base.string() + "' --report junit='" +
                       (repo / "junit.xml").string() + "' --report json='" + (repo / "openlock.json").string() + "'");
  EXPECT_EQ(gl.exit_code, 1);
  std::ifstream json_in(repo / "openlock.json");
  json report = json::parse(json_in);
  ASSERT_EQ(report["findings"].size(), 1u) << "the baseline holds the openai finding";
  EXPECT_EQ(report["summary"]["baseline_suppressed"], 1);

  // pre-commit hook entry, run in the repository.
  CliRun hook = openlock("scan '" + repo.string() + "' --fail-on high -q");
  EXPECT_EQ(hook.exit_code, 1);
}

TEST(Cli, ConfigFailOnAndFlagsWin) {
  fs::path repo = kTmp / "configured";
  fs::create_directories(repo);
  std::ofstream(repo / "requirements.txt") << "openai\n";  // medium
  std::ofstream(repo / ".openlock.yaml") << "fail_on: medium\n";
  EXPECT_EQ(openlock("scan '" + repo.string() + "' -q").exit_code, 1) << "config fail_on: medium";
  EXPECT_EQ(openlock("scan '" + repo.string() + "' -q --fail-on high").exit_code, 0) << "the flag wins";
  fs::path other = kTmp / "other.yaml";
  std::ofstream(other) << "fail_on: critical\n";
  EXPECT_EQ(openlock("scan '" + repo.string() + "' -q --config '" + other.string() + "'").exit_code, 0);
  std::ofstream(other) << "fail_on: critical\nbogus: 1\n";
  CliRun bad = openlock("scan '" + repo.string() + "' --config '" + other.string() + "'");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("other.yaml:2: unknown key 'bogus'"), std::string::npos) << bad.err;
}

TEST(Cli, ReportIsTheSameForAnyNumberOfJobs) {
  // A tree with many parsed files of every kind: the rule fixtures and the demo repository.
  std::string tree = std::string(OPENLOCK_TEST_DATA) + "/rules/fixtures";
  for (const char* format : {"json", "sarif"}) {
    CliRun one = openlock("scan --jobs 1 --format " + std::string(format) + " '" + tree + "' '" + kDemo + "'");
    CliRun four = openlock("scan --jobs 4 --format " + std::string(format) + " '" + tree + "' '" + kDemo + "'");
    CliRun many = openlock("scan -j 16 --format " + std::string(format) + " '" + tree + "' '" + kDemo + "'");
    ASSERT_FALSE(one.out.empty());
    EXPECT_EQ(one.out, four.out) << format;
    EXPECT_EQ(one.out, many.out) << format;
    // One target: the per-file rules run on the parsing threads.
    CliRun single_one = openlock("scan --jobs 1 --format " + std::string(format) + " '" + tree + "'");
    CliRun single_four = openlock("scan --jobs 4 --format " + std::string(format) + " '" + tree + "'");
    ASSERT_FALSE(single_one.out.empty());
    EXPECT_EQ(single_one.out, single_four.out) << format;
  }
}

// With one target most rules run file by file as files are parsed; with several, all run at the
// end. Both must find the same things.
TEST(Cli, RulesFindTheSameOnOneTargetAsAmongSeveral) {
  std::string tree = std::string(OPENLOCK_TEST_DATA) + "/rules/fixtures";
  auto places = [](const json& report, const std::string& prefix) {
    std::vector<std::string> out;
    for (const auto& f : report["findings"]) {
      std::string path = f["location"]["path"];
      if (!path.starts_with(prefix)) continue;
      out.push_back(f["rule_id"].get<std::string>() + " " + path.substr(prefix.size()) + ":" +
                    std::to_string(f["location"]["line"].get<int>()) + " " + f["evidence"].get<std::string>());
    }
    return out;
  };
  json alone = json::parse(openlock("scan --format json --max-findings 0 '" + tree + "'").out);
  json among = json::parse(openlock("scan --format json --max-findings 0 '" + tree + "' '" + kDemo + "'").out);
  auto expected = places(alone, "");
  EXPECT_GT(expected.size(), 100u);
  EXPECT_EQ(places(among, tree + "/"), expected);
}

TEST(Cli, RulePatternsAreRegexesOfTheLockinRules) {
  CliRun patterns = openlock("rules patterns");
  EXPECT_EQ(patterns.exit_code, 0);
  std::istringstream lines(patterns.out);
  std::size_t n = 0;
  for (std::string line; std::getline(lines, line); ++n) {
    EXPECT_FALSE(line.empty());
    EXPECT_NO_THROW(std::regex(line, std::regex::extended)) << line;
  }
  EXPECT_GT(n, 50u);
}

TEST(Cli, FindingsPerRuleAndFileAreCapped) {
  fs::create_directories(kTmp / "capped");
  {
    std::ofstream py(kTmp / "capped" / "calls.py");
    py << "import os\n";
    for (int i = 0; i < 30; ++i) py << "MODEL_" << i << " = \"gpt-4o\"\n";
  }
  {
    std::ofstream py(kTmp / "capped" / "few.py");  // under the cap, after a file over it: all listed
    for (int i = 0; i < 3; ++i) py << "MODEL_" << i << " = \"gpt-4o\"\n";
  }
  std::string dir = (kTmp / "capped").string();
  auto count = [](const json& j, const std::string& rule) {
    return std::count_if(j["findings"].begin(), j["findings"].end(), [&](const json& f) { return f["rule_id"] == rule; });
  };
  json capped = json::parse(openlock("scan '" + dir + "' --format json --max-findings 5").out);
  EXPECT_EQ(count(capped, "lockin.model_provider.openai-model"), 5 + 3);
  ASSERT_EQ(capped["diagnostics"].size(), 1u);
  EXPECT_EQ(capped["diagnostics"][0]["path"], "calls.py");
  EXPECT_NE(capped["diagnostics"][0]["message"].get<std::string>().find("25 more findings"), std::string::npos);
  json all = json::parse(openlock("scan '" + dir + "' --format json --max-findings 0").out);
  EXPECT_EQ(count(all, "lockin.model_provider.openai-model"), 30 + 3);
  EXPECT_EQ(capped["lockin"], all["lockin"]) << "the cap changes the listing, not the scores";
}

// Compliance policy, both ways: a user rule pack (--rules) and the config's licenses lists.
TEST(Cli, LicensePolicyFlagsTheLlamaCardAndNotTheApacheOne) {
  const std::string repo = std::string(OPENLOCK_TEST_DATA) + "/cli/fixtures/policy-repo";
  CliRun pack = openlock("scan '" + repo + "' --format json --rules '" + std::string(OPENLOCK_SOURCE_DIR) +
                         "/examples/policy/rules'");
  ASSERT_EQ(pack.exit_code, 1) << pack.err;  // a high finding
  auto findings = nlohmann::json::parse(pack.out)["findings"];
  std::vector<std::string> flagged;
  for (const auto& f : findings)
    if (f["rule_id"] == "company.allowed-model-licenses") flagged.push_back(f["location"]["path"]);
  EXPECT_EQ(flagged, (std::vector<std::string>{"llama/README.md"}));

  std::filesystem::path config = std::filesystem::temp_directory_path() / ("openlock-policy-" + std::to_string(::getpid()) + ".yaml");
  std::ofstream(config) << "licenses:\n  allow: [Apache-2.0, MIT]\n  deny: [\"LicenseRef-llama*\"]\n";
  CliRun cfg = openlock("scan '" + repo + "' --format json --config '" + config.string() + "'");
  std::filesystem::remove(config);
  std::vector<std::string> policy;
  auto report = nlohmann::json::parse(cfg.out);
  for (const auto& f : report["findings"])
    if (f["rule_id"].get<std::string>().starts_with("policy.")) policy.push_back(f["rule_id"].get<std::string>() + " " + f["location"]["path"].get<std::string>());
  EXPECT_EQ(policy, (std::vector<std::string>{"policy.license.denied llama/README.md", "policy.license.not-allowed llama/README.md"}))
      << cfg.err;
}

TEST(Cli, BadPolicyConfigNamesTheLine) {
  std::filesystem::path config = std::filesystem::temp_directory_path() / ("openlock-badpolicy-" + std::to_string(::getpid()) + ".yaml");
  std::ofstream(config) << "licenses:\n  alow: [MIT]\n";
  CliRun r = openlock("scan '" + kDemo + "' --config '" + config.string() + "'");
  std::filesystem::remove(config);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(":2: unknown key 'licenses.alow'"), std::string::npos) << r.err;
}

namespace {

const std::string kDeployment = std::string(OPENLOCK_TEST_DATA) + "/cli/fixtures/deployment-repo";

// Scans the deployment fixture with `yaml` as the config ("" for its own .openlock.yaml).
CliRun scan_with_config(const std::string& yaml, const std::string& flags = "--format json --fail-on high") {
  if (yaml.empty()) return openlock("scan '" + kDeployment + "' " + flags);
  fs::create_directories(kTmp);
  fs::path config = kTmp / "deployment.yaml";
  std::ofstream(config) << yaml;
  return openlock("scan '" + kDeployment + "' " + flags + " --config '" + config.string() + "'");
}

std::vector<std::string> rule_ids(const json& report, const std::string& prefix) {
  std::vector<std::string> out;
  for (const auto& f : report["findings"])
    if (f["rule_id"].get<std::string>().starts_with(prefix))
      out.push_back(f["rule_id"].get<std::string>() + " " + f["severity"].get<std::string>() + " " + f["location"]["path"].get<std::string>());
  return out;
}

}  // namespace

// The LICENSE beside the fixture's card caps users at 700 million, asks for a "Built with" line
// and allows non-commercial use only.
TEST(Cli, DeploymentOverTheUserCapIsDenied) {
  CliRun big = scan_with_config("deployment:\n  monthly_active_users: 900000000\n  hosts_service: true\n");
  ASSERT_EQ(big.exit_code, 1) << big.err;
  json report = json::parse(big.out);
  ASSERT_EQ(report["models"].size(), 1u);
  const json& policy = report["models"][0]["policy"];
  ASSERT_GE(policy.size(), 3u) << policy.dump(2);
  EXPECT_EQ(policy[0]["decision"], "deny");
  EXPECT_EQ(policy[0]["clause"], "mau_cap");
  EXPECT_EQ(policy[0]["path"], "model/LICENSE");
  EXPECT_GT(policy[0]["line"].get<int>(), 0);
  EXPECT_EQ(policy[0]["reason"],
            "declared 900000000 monthly active users exceed the license's cap of 700000000; a separate license from the licensor is needed");
  std::map<std::string, std::string> by_clause;
  for (const auto& d : policy) by_clause[d["clause"].get<std::string>()] = d["decision"].get<std::string>() + ": " + d["reason"].get<std::string>();
  EXPECT_NE(by_clause["attribution"].find("require: "), std::string::npos);
  EXPECT_NE(by_clause["attribution"].find("display \"Built with Sample 3B\""), std::string::npos) << by_clause["attribution"];
  EXPECT_EQ(by_clause["non_commercial"], "require: declare commercial; the license forbids commercial use");
  auto ids = rule_ids(report, "policy.deployment.");
  EXPECT_NE(std::find(ids.begin(), ids.end(), "policy.deployment.denied high model/LICENSE"), ids.end());
  EXPECT_NE(std::find(ids.begin(), ids.end(), "policy.deployment.required low model/LICENSE"), ids.end());

  CliRun text = scan_with_config("deployment:\n  monthly_active_users: 900000000\n", "--format text");
  EXPECT_NE(text.out.find("policy: deny mau_cap: declared 900000000"), std::string::npos) << text.out << text.err;
}

TEST(Cli, DeploymentWithinTheCapAndNonCommercialIsNotDenied) {
  CliRun small = scan_with_config("deployment:\n  monthly_active_users: 1000\n  commercial: false\n");
  // The clauses it allows no longer block: their own findings stay, at severity info.
  EXPECT_EQ(small.exit_code, 0) << small.err;
  json report = json::parse(small.out);
  for (const auto& f : report["findings"]) EXPECT_NE(f["severity"], "high") << f["rule_id"];
  EXPECT_EQ(rule_ids(report, "license.clause.non-commercial"),
            (std::vector<std::string>{"license.clause.non-commercial info model/LICENSE"}));
  for (const auto& f : report["findings"]) {
    if (f["rule_id"] != "license.clause.non-commercial") continue;
    EXPECT_NE(f["message"].get<std::string>().find("Allowed for the declared deployment: "), std::string::npos);
  }
  std::vector<std::string> decisions;
  for (const auto& d : report["models"][0]["policy"]) decisions.push_back(d["decision"].get<std::string>() + " " + d["clause"].get<std::string>());
  EXPECT_EQ(std::count(decisions.begin(), decisions.end(), "allow mau_cap"), 1);
  EXPECT_EQ(std::count(decisions.begin(), decisions.end(), "allow non_commercial"), 1);
  for (const auto& d : decisions) EXPECT_FALSE(d.starts_with("deny")) << d;
  EXPECT_TRUE(rule_ids(report, "policy.deployment.denied").empty());

  // Without a deployment section there are no decisions and no "policy" key.
  CliRun none = scan_with_config("fail_on: high\n");
  EXPECT_FALSE(json::parse(none.out)["models"][0].contains("policy"));
}

TEST(Cli, DeploymentConfigBadTypeNamesTheLine) {
  CliRun r = scan_with_config("deployment:\n  commercial: true\n  monthly_active_users: 2_000_000\n");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(":3: 'deployment.monthly_active_users' must be a non-negative whole number"), std::string::npos) << r.err;
}

// The fixture's own .openlock.yaml allows only local models; app.py calls a hosted API.
TEST(Cli, ProviderAllowList) {
  CliRun own = scan_with_config("");
  ASSERT_EQ(own.exit_code, 1) << own.err;
  json report = json::parse(own.out);
  EXPECT_EQ(rule_ids(report, "policy.provider."), (std::vector<std::string>{"policy.provider.not-allowed high app.py"}));
  for (const auto& f : report["findings"])
    if (f["rule_id"] == "policy.provider.not-allowed") {
      EXPECT_EQ(f["vendor"], "openai");
      EXPECT_EQ(f["category"], "lockin.model_provider");
    }
  EXPECT_EQ(json::parse(scan_with_config("providers: {allow: [\"OPEN*\", local]}\n").out)["findings"].size() + 1,
            report["findings"].size() - rule_ids(report, "policy.deployment.").size())
      << "an allowed vendor (glob, any case) gives no policy finding";
  json disabled = json::parse(scan_with_config("providers: {allow: [local]}\nrules: {disable: [\"policy.provider.*\"]}\n").out);
  EXPECT_TRUE(rule_ids(disabled, "policy.").empty());
  // rules.enable keeps only the rules named, but the config's own policy rules still run.
  json enabled = json::parse(
      scan_with_config("providers: {allow: [local]}\nrules: {enable: [\"license.clause.user-*\", \"lockin.model_provider.openai-import\"]}\n").out);
  std::set<std::string> ran;
  for (const auto& f : enabled["findings"]) ran.insert(f["rule_id"].get<std::string>());
  EXPECT_EQ(ran, (std::set<std::string>{"license.clause.user-cap", "lockin.model_provider.openai-import", "policy.provider.not-allowed"}))
      << enabled["findings"].dump();
  json lowered = json::parse(scan_with_config("providers: {allow: [local]}\nrules: {severity: {policy.provider.not-allowed: low}}\n").out);
  EXPECT_EQ(rule_ids(lowered, "policy."), (std::vector<std::string>{"policy.provider.not-allowed low app.py"}));

  // SARIF lists the generated rules like any other.
  json sarif = json::parse(scan_with_config("", "--format sarif").out);
  std::set<std::string> listed;
  for (const auto& rule : sarif["runs"][0]["tool"]["driver"]["rules"]) listed.insert(rule["id"].get<std::string>());
  for (const char* id : {"policy.provider.not-allowed", "policy.deployment.denied", "policy.deployment.required"})
    EXPECT_TRUE(listed.count(id)) << id;
  for (const auto& result : sarif["runs"][0]["results"]) EXPECT_TRUE(result.contains("ruleIndex")) << result.dump();
}

TEST(Cli, ProviderPolicyFindingTakesAnInlineSuppression) {
  fs::path dir = kTmp / "suppressed-provider";
  fs::create_directories(dir);
  std::ofstream(dir / ".openlock.yaml") << "providers: {allow: [local]}\n";
  std::ofstream(dir / "app.py") << "# openlock:ignore policy.provider.not-allowed -- approved by the platform team\n"
                                   "from openai import OpenAI\n";
  json report = json::parse(openlock("scan '" + dir.string() + "' --format json").out);
  EXPECT_TRUE(rule_ids(report, "policy.").empty()) << report.dump(2);
  bool suppressed = false;
  for (const auto& f : report["suppressed"]) suppressed |= f["rule_id"] == "policy.provider.not-allowed";
  EXPECT_TRUE(suppressed) << report.dump(2);
  for (const auto& d : report["diagnostics"]) ADD_FAILURE() << d.dump();
}

TEST(Cli, RulesListAsJson) {
  CliRun r = openlock("rules list --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto rules = nlohmann::json::parse(r.out);
  ASSERT_GE(rules.size(), 60u);
  std::set<std::string> ids;
  for (const auto& rule : rules) {
    ids.insert(rule["id"].get<std::string>());
    EXPECT_FALSE(rule["category"].get<std::string>().empty());
    EXPECT_TRUE(rule.contains("vendor") && rule.contains("severity") && rule.contains("title"));
  }
  EXPECT_EQ(ids.size(), rules.size()) << "ids are unique";
  EXPECT_TRUE(ids.count("lockin.hardware.cuda-kernels"));
  EXPECT_EQ(openlock("rules list --format yaml").exit_code, 2);
}
