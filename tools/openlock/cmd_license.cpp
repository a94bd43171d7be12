// `openlock license EXPR | --file PATH`: parse, validate and explain a license without a scan.
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "openlock/license.hpp"

namespace openlock::cli {

namespace {

struct LicenseFlags {
  std::string expression;
  std::string file;
  std::string format = "text";
};

using json = nlohmann::ordered_json;

json expression_json(const LicenseExpression& e) {
  json j = {{"expression", e.normalized},     {"valid_spdx", e.valid},        {"osi_approved", e.osi_approved},
            {"kind", license_kind(e)},        {"identified", json::array()},  {"clauses", json::array()},
            {"licenses", e.licenses},         {"exceptions", e.exceptions},   {"deprecated", e.deprecated},
            {"unknown", e.unknown}};
  if (!e.error.empty()) j["error"] = {{"message", e.error}, {"column", e.error_column}};
  return j;
}

int explain_expression(const LicenseFlags& f) {
  LicenseExpression e = parse_license_expression(f.expression);
  if (f.format == "json") {
    std::cout << expression_json(e).dump(2) << "\n";
  } else if (!e.error.empty()) {
    std::cout << "invalid: " << e.error << "\n  " << f.expression << "\n  "
              << std::string(e.error_column ? e.error_column - 1 : 0, ' ') << "^\n";
  } else {
    std::cout << e.normalized << "\n  kind: " << license_kind(e) << "\n  OSI-approved: " << (e.osi_approved ? "yes" : "no")
              << "\n";
    for (const auto& d : e.deprecated) std::cout << "  deprecated SPDX id: " << d << "\n";
  }
  return e.valid ? ok : findings;
}

int explain_file(const LicenseFlags& f) {
  std::string text;
  if (!read_whole_file(f.file, text)) return usage;
  auto clauses = find_license_clauses(text);
  if (f.format == "json") {
    json j = {{"expression", ""}, {"valid_spdx", false}, {"osi_approved", false}, {"kind", "unknown"},
              {"identified", json::array()}, {"clauses", json::array()}};
    for (const auto& c : clauses)
      j["clauses"].push_back({{"kind", c.kind}, {"evidence", c.evidence}, {"location", {{"path", f.file}, {"line", c.line}}}});
    std::cout << j.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  } else {
    std::cout << f.file << ": " << clauses.size() << (clauses.size() == 1 ? " clause" : " clauses")
              << " that restrict use (license identification is not available yet)\n";
    for (const auto& c : clauses) std::cout << "  " << c.line << ": " << c.kind << ": " << c.evidence << "\n";
  }
  return ok;
}

}  // namespace

std::function<int()> add_license(CLI::App& app) {
  auto flags = std::make_shared<LicenseFlags>();
  CLI::App* cmd = app.add_subcommand("license", "Parse, validate and explain an SPDX license expression or a license file");
  auto* expr = cmd->add_option("expression", flags->expression, "SPDX expression, e.g. 'Apache-2.0 OR MIT'");
  auto* file = cmd->add_option("--file", flags->file, "A license text: list the clauses that restrict use")->type_name("PATH");
  expr->excludes(file);
  cmd->add_option("--format", flags->format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  cmd->footer("Exit codes: 0 valid expression (or file read), 1 invalid or unknown ids, 2 usage error.");
  return [flags] {
    if (!flags->file.empty()) return explain_file(*flags);
    if (flags->expression.empty()) {
      std::cerr << "openlock: error: license needs an EXPRESSION or --file PATH\n";
      return static_cast<int>(usage);
    }
    return explain_expression(*flags);
  };
}

}  // namespace openlock::cli
