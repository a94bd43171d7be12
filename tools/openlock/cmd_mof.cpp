// `openlock mof RECORD.yml`: evaluate a Model Openness Tool record (class and progress).
#include <fstream>
#include <iomanip>
#include <iostream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "openlock/openness.hpp"

namespace openlock::cli {

namespace {

struct MofFlags {
  std::string record;
  std::string format = "text";
};

constexpr std::uint64_t kMaxRecord = 4u << 20;  // a MOF record is a page of YAML; this is generous

int run(const MofFlags& f) {
  std::string text;
  if (!read_whole_file(f.record, kMaxRecord, text)) return usage;
  MofEvaluation e = evaluate_mof(text);
  if (!e.ok) {
    std::cerr << "openlock: error: " << f.record << ": " << e.error << "\n";
    return usage;
  }
  if (f.format == "json") {
    nlohmann::ordered_json components = nlohmann::ordered_json::object();
    for (const auto& c : e.components) {
      nlohmann::ordered_json entry = {{"status", c.status}};
      if (!c.license.empty()) entry["license"] = c.license;
      components[c.name] = entry;
    }
    nlohmann::ordered_json j = {{"name", e.name},
                                {"class", mof_class_name(e.model_class)},
                                {"progress", {{"III", e.progress_class3}, {"II", e.progress_class2}, {"I", e.progress_class1}}},
                                {"components", components}};
    std::cout << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
    return ok;
  }
  std::cout << (e.name.empty() ? f.record : e.name) << ": MOF class " << mof_class_name(e.model_class) << "\n"
            << std::fixed << std::setprecision(2) << "  progress: III " << e.progress_class3 << "%, II "
            << e.progress_class2 << "%, I " << e.progress_class1 << "%\n";
  for (const auto& c : e.components)
    std::cout << "  " << std::left << std::setw(34) << c.name << std::setw(11) << c.status << c.license << "\n";
  return ok;
}

}  // namespace

std::function<int()> add_mof(CLI::App& app) {
  auto flags = std::make_shared<MofFlags>();
  CLI::App* cmd = app.add_subcommand("mof", "Evaluate a Model Openness Tool record: MOF class and progress");
  cmd->add_option("record", flags->record, "MOF record (YAML, as in the Model Openness Tool)")->required();
  cmd->add_option("--format", flags->format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  cmd->footer("Exit codes: 0 evaluated, 2 unreadable file or not a MOF record.");
  return [flags] { return run(*flags); };
}

}  // namespace openlock::cli
