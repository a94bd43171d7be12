// openlock-eval: agreement figures against the shared corpus (../shared/corpus), printed for the
// issue notes. It reads the corpus only; nothing from it is copied into the project.
//   openlock-eval [CORPUS_DIR] [--section mof|licenses|cards] [--require-mof-test N]
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

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

// Clauses found in the model license texts of the corpus, one row per text.
void licenses_section(const fs::path& corpus) {
  std::cout << "\nClauses found in model license texts (corpus/model-licenses):\n";
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(corpus / "model-licenses"))
    if (e.path().filename() != "SOURCES.tsv") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::string kinds;
    for (const auto& c : openlock::find_license_clauses(read(f))) kinds += (kinds.empty() ? "" : ", ") + c.kind;
    std::cout << "  " << std::left << std::setw(46) << f.filename().string() << (kinds.empty() ? "-" : kinds) << "\n";
  }
}

// Each real model card audited alone: license id, kind, OSI flag, gating, findings.
void cards_section(const fs::path& corpus) {
  std::cout << "\nModel cards (corpus/model-cards): card | declared license | expression | kind | OSI | gated | findings\n";
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
    std::cout << "  " << name << " | " << (m.license.declared.empty() ? "-" : m.license.declared) << " | "
              << m.license.expression << " | " << m.license.kind << " | " << (m.license.osi_approved ? "yes" : "no") << " | "
              << (m.gated ? "gated" : "-") << " | " << result.findings.size() << "\n";
  }
  std::cout << "  " << files.size() << " cards, " << with_model << " with front matter, " << diagnosed << " with diagnostics\n";
}

}  // namespace

int main(int argc, char** argv) {
  fs::path corpus = "../shared/corpus";
  std::string section = "all";
  int require_mof = -1;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--section" && i + 1 < argc) section = argv[++i];
    else if (a == "--require-mof-test" && i + 1 < argc) require_mof = std::stoi(argv[++i]);
    else if (a == "-h" || a == "--help") {
      std::cout << "usage: openlock-eval [CORPUS_DIR] [--section mof|licenses|cards] [--require-mof-test N]\n";
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
  } catch (const std::exception& e) {
    std::cerr << "openlock-eval: " << e.what() << "\n";
    return 2;
  }
  if (require_mof >= 0) return mof_test >= require_mof ? 0 : 1;
  return status;
}
