// openlock-eval: agreement figures against the shared corpus (../shared/corpus), printed for the
// issue notes. It reads the corpus only; nothing from it is copied into the project.
//   openlock-eval [CORPUS_DIR] [--section mof|licenses|cards|manifests] [--require-mof-test N] [--repos DIR]
#include <yaml-cpp/yaml.h>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "license/hub_license.hpp"
#include "license/identify.hpp"
#include "license/license_texts.hpp"
#include "openlock/openlock.hpp"

namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::map<std::string, std::string>> read_csv(const fs::path& p) {
  std::vector<std::map<std::string, std::string>> rows;
  std::ifstream in(p);
  std::string line;
  std::vector<std::string> header;
  auto split = [](const std::string& l) {
    std::vector<std::string> out;
    std::string cur;
    bool quoted = false;
    for (char c : l) {
      if (c == '"') quoted = !quoted;
      else if (c == ',' && !quoted) out.push_back(cur), cur.clear();
      else cur += c;
    }
    out.push_back(cur);
    return out;
  };
  if (std::getline(in, line)) header = split(line);
  while (std::getline(in, line)) {
    auto cells = split(line);
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i) row[header[i]] = cells[i];
    rows.push_back(row);
  }
  return rows;
}

bool same(double a, const std::string& b) { return std::fabs(a - std::stod(b.empty() ? "0" : b)) < 0.01; }

// MOF: the 27 test records against the Model Openness Tool's own output, the 273 records
// against the reference computation in derived/.
int mof_section(const fs::path& corpus, int& test_agreement) {
  fs::path mof = corpus / "mof";
  // expected_results.json has trailing commas; strip them before parsing.
  std::string raw = std::regex_replace(read(mof / "test_data/expected_results.json"), std::regex(",\\s*([}\\]])"), "$1");
  auto expected = nlohmann::json::parse(raw, nullptr, false);
  int agree = 0, total = 0;
  if (!expected.is_discarded()) {
    for (const auto& m : expected["models"]) {
      std::string name = m["release"]["name"];
      fs::path file;
      for (const auto& e : fs::directory_iterator(mof / "test_data")) {
        if (e.path().extension() != ".yml") continue;
        YAML::Node doc = YAML::LoadFile(e.path().string());
        if (doc["release"]["name"].as<std::string>() == name) file = e.path();
      }
      ++total;
      if (file.empty()) {
        std::cout << "  no record for " << name << "\n";
        continue;
      }
      auto r = openlock::evaluate_mof(read(file));
      const auto& c = m["classification"];
      auto prog = [&](const char* k) { return c["progress"][k].is_number() ? c["progress"][k].get<double>() : std::stod(c["progress"][k].get<std::string>()); };
      bool ok = r.model_class == c["class"].get<int>() && std::fabs(r.progress_class3 - prog("3")) < 0.01 &&
                std::fabs(r.progress_class2 - prog("2")) < 0.01 && std::fabs(r.progress_class1 - prog("1")) < 0.01;
      agree += ok;
      if (!ok) std::cout << "  differs: " << name << "\n";
    }
  }
  test_agreement = agree;
  std::cout << "MOF test records vs Model Openness Tool output: " << agree << "/" << total << "\n";

  int agree_all = 0, all = 0;
  for (const auto& row : read_csv(mof / "derived/mot_classification.csv")) {
    auto r = openlock::evaluate_mof(read(mof / "models" / row.at("file")));
    bool ok = r.ok && r.model_class == std::stoi(row.at("class")) && same(r.progress_class3, row.at("progress_class3")) &&
              same(r.progress_class2, row.at("progress_class2")) && same(r.progress_class1, row.at("progress_class1"));
    ++all;
    agree_all += ok;
    if (!ok) std::cout << "  differs: " << row.at("file") << "\n";
  }
  std::cout << "MOF model records vs reference computation:     " << agree_all << "/" << all << "\n";
  return agree == total && agree_all == all ? 0 : 1;
}

// ---- licenses: identification of the corpus texts, as published and changed, and clause recall.

struct ExpectedLicense {
  std::string file, expression, status;
  std::set<std::string> clauses;
};

std::vector<ExpectedLicense> expected_licenses() {
  std::vector<ExpectedLicense> rows;
  std::ifstream in(fs::path(OPENLOCK_EVAL_DIR) / "expected-licenses.tsv");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cells;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, '\t');) cells.push_back(cell);
    cells.resize(4);
    ExpectedLicense row{cells[0], cells[1], cells[2], {}};
    std::stringstream cs(cells[3]);
    for (std::string c; std::getline(cs, c, ',');) row.clauses.insert(c);
    rows.push_back(row);
  }
  return rows;
}

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::stringstream ss(text);
  for (std::string w; ss >> w;) words.push_back(w);
  return words;
}

// Ways a copy of a license differs from the published text. Each returns the changed text and
// whether the change alters the terms (then the answer must be "modified").
std::string reflowed(const std::string& text) {
  std::string out, para;
  std::stringstream ss(text);
  auto flush = [&] {
    std::size_t col = 0;
    for (const auto& w : words_of(para)) {
      if (col + w.size() > 60 && col) out += "\n", col = 0;
      out += (col ? " " : "") + w;
      col += w.size() + 1;
    }
    out += "\n\n";
    para.clear();
  };
  for (std::string line; std::getline(ss, line);) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) flush();
    else para += line + " ";
  }
  flush();
  return out;
}

std::string markdown(const std::string& text) {
  std::string out;
  std::stringstream ss(text);
  int n = 0;
  for (std::string line; std::getline(ss, line);) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) { out += line + "\n"; continue; }
    ++n;
    if (n == 1) out += "# " + line + "\n";
    else if (n % 5 == 0) out += "* **" + line + "**\n";
    else if (n % 7 == 0) out += "> _" + line + "_\n";
    else out += line + "\n";
  }
  return out;
}

std::string with_header(const std::string& text) {
  return "Copyright (c) 2025 Example Labs Ltd. All rights reserved.\n\nLICENSE\n\n" + text;
}

std::string small_edits(const std::string& text) {  // three words misspelt
  std::string out = text;
  for (int k = 1; k <= 3; ++k) {
    std::size_t at = out.size() * static_cast<std::size_t>(k) / 4;
    while (at < out.size() && !std::isalpha(static_cast<unsigned char>(out[at]))) ++at;
    while (at > 0 && std::isalpha(static_cast<unsigned char>(out[at - 1]))) --at;
    if (at < out.size()) out.insert(at, "x");
  }
  return out;
}

std::string clause_added(const std::string& text) {
  std::size_t mid = text.find('\n', text.size() / 2);
  if (mid == std::string::npos) mid = text.size();
  return text.substr(0, mid) +
         "\nAdditional term. Any product or service that uses these materials must show the words Built with "
         "Example on its start screen, and the licensee must send the licensor a written report of such use every "
         "calendar quarter.\n" +
         text.substr(mid);
}

std::string wording_removed(const std::string& text) {  // a run of lines holding ~12% of the words
  std::vector<std::string> lines;
  std::stringstream ss(text);
  for (std::string l; std::getline(ss, l);) lines.push_back(l);
  std::size_t total = words_of(text).size(), target = std::max<std::size_t>(25, total * 12 / 100), cut = 0;
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i >= lines.size() / 3 && cut < target) {
      cut += words_of(lines[i]).size();
      continue;
    }
    out += lines[i] + "\n";
  }
  return out;
}

void licenses_section(const fs::path& corpus) {
  auto expected = expected_licenses();
  std::cout << "\nLicense texts identified (corpus/model-licenses, " << expected.size()
            << " texts, expected answers in tools/eval/expected-licenses.tsv).\n"
               "The model-license fingerprints were made from these published texts, so the first row checks the\n"
               "pipeline; the changed copies measure robustness, leave-one-out measures what happens to a text\n"
               "openlock does not know (it must never be identified as another license).\n";
  struct Variant {
    const char* name;
    std::string (*change)(const std::string&);
    bool alters_terms;
  };
  const Variant variants[] = {{"as published", nullptr, false},
                              {"reflowed to 60 columns", reflowed, false},
                              {"Markdown marks", markdown, false},
                              {"copyright and title header", with_header, false},
                              {"three words misspelt", small_edits, false},
                              {"a clause added", clause_added, true},
                              {"12% of the wording removed", wording_removed, true}};
  for (const auto& v : variants) {
    int right = 0, wrong_confident = 0;
    std::vector<std::string> misses;
    for (const auto& e : expected) {
      std::string text = read(corpus / "model-licenses" / e.file);
      if (v.change) text = v.change(text);
      auto id = openlock::identify_license(text);
      std::string want_status = v.alters_terms ? "modified" : e.status;
      std::string got = id.license ? id.license->expression : "-";
      if (got == e.expression && id.status == want_status) ++right;
      else misses.push_back(e.file + ": " + id.status + " " + got);
      if (id.status == "identified" && got != e.expression) ++wrong_confident;
    }
    std::cout << "  " << std::left << std::setw(30) << v.name << right << "/" << expected.size()
              << "   confident wrong answers: " << wrong_confident << "\n";
    for (const auto& m : misses) std::cout << "      miss: " << m << "\n";
  }
  // Leave-one-out: each text against the knowledge base without its own entry.
  int unknown = 0, modified = 0, wrong = 0;
  const auto& all = openlock::known_texts();
  for (const auto& e : expected) {
    std::vector<openlock::KnownText> others;
    for (const auto& k : all)
      if (k.info.expression != e.expression) others.push_back(k);
    auto id = openlock::identify_among(read(corpus / "model-licenses" / e.file), others);
    if (id.status == "identified") {
      ++wrong;
      std::cout << "      identified as another license: " << e.file << " -> " << id.license->expression << "\n";
    }
    unknown += id.status == "unknown";
    modified += id.status == "modified";
  }
  std::cout << "  " << std::left << std::setw(30) << "leave-one-out" << "unknown " << unknown << ", modified variant of a "
            << "neighbour " << modified << ", identified as another " << wrong << "\n";

  // Clause recall: clauses found in each text against the expected ones.
  std::size_t want = 0, found = 0, extra = 0;
  std::cout << "\nClauses found in model license texts (recall against tools/eval/expected-licenses.tsv):\n";
  for (const auto& e : expected) {
    std::set<std::string> kinds;
    for (const auto& c : openlock::find_license_clauses(read(corpus / "model-licenses" / e.file))) kinds.insert(c.kind);
    std::string missed, more;
    for (const auto& c : e.clauses) {
      if (kinds.count(c)) ++found;
      else missed += " " + c;
    }
    for (const auto& k : kinds)
      if (!e.clauses.count(k)) more += " " + k, ++extra;
    want += e.clauses.size();
    std::cout << "  " << std::left << std::setw(46) << e.file << kinds.size() << " found"
              << (missed.empty() ? "" : ", missed:" + missed) << (more.empty() ? "" : ", not expected:" + more) << "\n";
  }
  std::cout << "  clause recall: " << found << "/" << want << " (" << (want ? 100 * found / want : 0) << "%), " << extra
            << " found that the table does not expect\n";

  // Hub license ids: how many of the Hub's ids the mapping table has (with a kind, which may be
  // `unknown` for family ids such as `bsd` or `cc` that do not say which license).
  auto ids = read_csv(corpus / "hf" / "hub_license_ids.csv");
  int mapped = 0;
  for (const auto& row : ids) mapped += openlock::find_hub_license(row.at("hf_id")) != nullptr;
  std::cout << "\nHub license ids mapped to SPDX / LicenseRef with a kind: " << mapped << "/" << ids.size() << "\n";
}

// Each real model card audited alone: license id, kind, OSI flag, gating, findings.
void cards_section(const fs::path& corpus) {
  std::cout << "\nModel cards (corpus/model-cards), each audited alone (no files beside it):\n"
               "  card | declared license | expression | kind | OSI | clauses | gated | MOF class (progress III) | score | "
               "open-washing | findings\n";
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(corpus / "model-cards"))
    if (e.path().extension() == ".md") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  int with_model = 0, diagnosed = 0;
  for (const auto& f : files) {
    openlock::AuditOptions options;
    options.targets = {"-"};
    options.stdin_text = read(f);
    openlock::AuditResult result;
    openlock::AuditError error;
    if (!openlock::Auditor(options).audit(result, error)) continue;
    diagnosed += !result.diagnostics.empty();
    std::string name = f.filename().string();
    if (result.models.empty()) {
      std::cout << "  " << name << " | (no front matter)" << (result.diagnostics.empty() ? "" : " | " + result.diagnostics[0].message) << "\n";
      continue;
    }
    ++with_model;
    const auto& m = result.models.front();
    std::set<std::string> clause_kinds;
    for (const auto& c : m.license.clauses) clause_kinds.insert(c.kind);
    std::string clauses;
    for (const auto& c : clause_kinds) clauses += (clauses.empty() ? "" : ",") + c;
    std::cout << "  " << name << " | " << (m.license.declared.empty() ? "-" : m.license.declared) << " | "
              << m.license.expression << " | " << m.license.kind << " | " << (m.license.osi_approved ? "yes" : "no") << " | "
              << (clauses.empty() ? "-" : clauses) << " | " << (m.gated ? "gated" : "-") << " | " << m.openness.model_class
              << " (" << m.openness.progress_class3 << "%) | " << m.openness.score << " | "
              << (m.openness.open_washing ? "yes" : "-") << " | " << result.findings.size() << "\n";
  }
  std::cout << "  " << files.size() << " cards, " << with_model << " read as models, " << diagnosed << " with diagnostics\n";
}

// Lock-in verdicts (and, for model repositories, the MOF class) on snapshots of real repositories
// (one folder per repository, owner+name), next to the expected levels of tools/eval/expected-lockin.tsv.
void repos_section(const fs::path& repos) {
  std::map<std::string, std::map<std::string, std::string>> expected;  // repo -> axis -> levels
  std::ifstream in(fs::path(OPENLOCK_EVAL_DIR) / "expected-lockin.tsv");
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::stringstream ss(line);
    std::string repo, axis, level;
    std::getline(ss, repo, '\t'), std::getline(ss, axis, '\t'), std::getline(ss, level, '\t');
    expected[repo][axis] = level;
  }
  std::cout << "\nLock-in on real repositories (" << repos.string() << "):\n"
               "  repository | axis | level (score) | expected | evidence | counter-signals | rationale\n";
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(repos))
    if (e.is_directory()) dirs.push_back(e.path());
  std::sort(dirs.begin(), dirs.end());
  int met = 0, checked = 0;
  for (const auto& dir : dirs) {
    openlock::AuditOptions options;
    options.targets = {dir.string()};
    openlock::AuditResult result;
    openlock::AuditError error;
    if (!openlock::Auditor(options).audit(result, error)) {
      std::cout << "  " << dir.filename().string() << " | error: " << error.message << "\n";
      continue;
    }
    std::string repo = dir.filename().string();
    for (const auto& [axis, a] : {std::pair<std::string, const openlock::LockinAxis*>{"hardware", &result.lockin.hardware},
                                  {"model_provider", &result.lockin.model_provider},
                                  {"cloud", &result.lockin.cloud}}) {
      std::size_t evidence = 0;
      for (const auto& f : result.findings) evidence += f.category == "lockin." + axis && !f.mitigates;
      std::string want = expected.count(repo) && expected[repo].count(axis) ? expected[repo][axis] : "";
      bool ok = false;
      std::stringstream options_of(want);
      for (std::string w; std::getline(options_of, w, '|');) ok = ok || w == a->level;
      if (!want.empty()) ++checked, met += ok;
      std::cout << "  " << repo << " | " << axis << " | " << a->level << " (" << a->score << ") | "
                << (want.empty() ? "-" : want + (ok ? " (met)" : " (MISSED)")) << " | " << evidence << " | "
                << a->counter_signals.size() << " | " << a->rationale << "\n";
    }
    // Openness of a model repository: the MOF class of the card at its root.
    if (!expected[repo].count("mof_class")) continue;
    const openlock::Model* root = nullptr;
    for (const auto& m : result.models)
      if (m.path.find('/') == std::string::npos) root = &m;
    std::string got = root ? root->openness.model_class : "no model card";
    bool ok = got == expected[repo]["mof_class"];
    ++checked, met += ok;
    std::cout << "  " << repo << " | mof_class | " << got << " (score " << (root ? root->openness.score : 0) << ", license "
              << (root ? root->license.expression : "") << ") | " << expected[repo]["mof_class"] << (ok ? " (met)" : " (MISSED)")
              << "\n";
  }
  std::cout << "  expected levels met: " << met << "/" << checked << "\n";
}

// The corpus's single manifests (manifests/<owner>__<repo>/<path with / as __>), put back at
// their paths in a temporary tree and scanned: per repository, what each lock-in axis reads from
// those files alone, and how many of them a parser read. No expected levels: a few manifests are
// not a repository; the table is for review.
void manifests_section(const fs::path& corpus) {
  fs::path root = corpus / "manifests";
  if (!fs::is_directory(root)) return;
  std::cout << "\nLock-in from the corpus manifests alone (" << root.string() << "):\n"
               "  repository | files (parsed) | hardware | model_provider | cloud | diagnostics\n";
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(root))
    if (e.is_directory()) dirs.push_back(e.path());
  std::sort(dirs.begin(), dirs.end());
  fs::path tmp = fs::temp_directory_path() / ("openlock-eval-manifests-" + std::to_string(::getpid()));
  for (const auto& dir : dirs) {
    fs::remove_all(tmp);
    std::size_t files = 0;
    for (const auto& e : fs::directory_iterator(dir)) {
      std::string rel = e.path().filename().string();
      for (std::size_t at; (at = rel.find("__")) != std::string::npos;) rel.replace(at, 2, "/");
      fs::create_directories((tmp / rel).parent_path());
      fs::copy_file(e.path(), tmp / rel);
      ++files;
    }
    if (files == 0) continue;
    openlock::AuditOptions options;
    options.targets = {tmp.string()};
    openlock::AuditResult result;
    openlock::AuditError error;
    if (!openlock::Auditor(options).audit(result, error)) {
      std::cout << "  " << dir.filename().string() << " | error: " << error.message << "\n";
      continue;
    }
    std::uint64_t parsed = 0;
    for (const auto& [kind, n] : result.files_by_kind) parsed += kind == "other" ? 0 : n;
    auto level = [&](const openlock::LockinAxis& a, const std::string& axis) {
      std::size_t evidence = 0;
      for (const auto& f : result.findings) evidence += f.category == "lockin." + axis && !f.mitigates;
      std::string vendors;
      for (const auto& v : a.vendors) vendors += (vendors.empty() ? "" : ",") + v;
      return a.level + " (" + std::to_string(evidence) + (vendors.empty() ? "" : " " + vendors) + ")";
    };
    std::cout << "  " << dir.filename().string() << " | " << files << " (" << parsed << ") | "
              << level(result.lockin.hardware, "hardware") << " | " << level(result.lockin.model_provider, "model_provider")
              << " | " << level(result.lockin.cloud, "cloud") << " | " << result.diagnostics.size() << "\n";
  }
  fs::remove_all(tmp);
}

}  // namespace

int main(int argc, char** argv) {
  fs::path corpus = "../shared/corpus";
  std::string section = "all";
  fs::path repos;  // snapshots of real repositories, one folder each
  int require_mof = -1;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--section" && i + 1 < argc) section = argv[++i];
    else if (a == "--repos" && i + 1 < argc) repos = argv[++i];
    else if (a == "--require-mof-test" && i + 1 < argc) require_mof = std::stoi(argv[++i]);
    else if (a == "-h" || a == "--help") {
      std::cout << "usage: openlock-eval [CORPUS_DIR] [--section mof|licenses|cards|manifests] [--require-mof-test N] [--repos DIR]\n";
      return 0;
    } else corpus = a;
  }
  if (!fs::is_directory(corpus)) {
    std::cout << "SKIP: no corpus at " << corpus << "\n";
    return 77;
  }
  int status = 0, mof_test = 0;
  try {
    if (section == "all" || section == "mof") status |= mof_section(corpus, mof_test);
    if (section == "all" || section == "licenses") licenses_section(corpus);
    if (section == "all" || section == "cards") cards_section(corpus);
    if (section == "all" || section == "manifests") manifests_section(corpus);
    if (!repos.empty()) repos_section(repos);
  } catch (const std::exception& e) {
    std::cerr << "openlock-eval: " << e.what() << "\n";
    return 2;
  }
  if (require_mof >= 0) return mof_test >= require_mof ? 0 : 1;
  return status;
}
