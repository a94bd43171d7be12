// `openlock license EXPR | --file PATH [PATH ...]`: parse, validate and explain a license without a scan.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "commands.hpp"
#include "core/text.hpp"
#include "openlock/license.hpp"

namespace openlock::cli {

namespace {

struct LicenseFlags {
  std::string expression;
  std::vector<std::string> files;
  bool list = false;
  std::string format = "text";
};

using json = nlohmann::ordered_json;

constexpr std::size_t kReadLimit = 512 * 1024;  // identification and clauses read this much of a text
constexpr std::uint64_t kMaxTextFile = 64u << 20;  // a bigger file is refused (only kReadLimit of it is used)

// The licenses of an expression that the knowledge base knows, for their clauses.
std::vector<KnownLicense> known_of(const LicenseExpression& e) {
  std::vector<KnownLicense> out;
  auto all = known_licenses();
  for (const auto& id : e.licenses)
    for (const auto& k : all)
      if (k.expression == id) out.push_back(k);
  return out;
}

json expression_json(const LicenseExpression& e) {
  json clauses = json::array();
  for (const auto& k : known_of(e))
    for (const auto& c : k.clauses) clauses.push_back({{"kind", c}, {"license", k.expression}, {"evidence", k.name}});
  json j = {{"expression", e.normalized},     {"valid_spdx", e.valid},        {"osi_approved", e.osi_approved},
            {"kind", license_kind(e)},        {"identified", json::array()},  {"clauses", clauses},
            {"licenses", e.licenses},         {"exceptions", e.exceptions},   {"deprecated", e.deprecated},
            {"unknown", e.unknown}};
  if (!e.error.empty()) j["error"] = {{"message", e.error}, {"column", e.error_column}};
  return j;
}

int explain_expression(const LicenseFlags& f) {
  LicenseExpression e = parse_license_expression(f.expression);
  if (f.format == "json") {
    std::cout << expression_json(e).dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  } else if (!e.error.empty()) {
    std::cout << "invalid" << (e.error_column ? " at column " + std::to_string(e.error_column) : std::string()) << ": "
              << e.error << "\n  " << f.expression << "\n  "
              << std::string(e.error_column ? e.error_column - 1 : 0, ' ') << "^\n";
  } else {
    std::cout << e.normalized << "\n  kind: " << license_kind(e) << "\n  OSI-approved: " << (e.osi_approved ? "yes" : "no")
              << "\n";
    for (const auto& d : e.deprecated) std::cout << "  deprecated SPDX id: " << d << "\n";
    for (const auto& k : known_of(e)) {
      std::cout << "  " << k.expression << ": " << k.name << " (" << k.kind << ")";
      for (std::size_t i = 0; i < k.clauses.size(); ++i) std::cout << (i ? ", " : "; clauses: ") << k.clauses[i];
      std::cout << "\n";
    }
  }
  // An expression that does not parse is bad input (2); one that parses with unknown ids, a finding (1).
  return !e.parsed ? usage : e.valid ? ok : findings;
}

json match_json(const KnownLicense& k, double similarity) {
  return {{"id", k.expression}, {"name", k.name}, {"knowledge_id", k.id}, {"family", k.family}, {"version", k.version},
          {"kind", k.kind}, {"osi_approved", k.osi_approved}, {"role", k.role}, {"similarity", similarity}};
}

json identification_json(const LicenseIdentification& id, const std::string& path) {
  json j = {{"status", id.status}};
  if (id.license) j["license"] = match_json(*id.license, id.similarity);
  if (id.status == "modified") {
    j["missing"] = id.missing;
    j["added"] = json::array();
    for (const auto& l : id.added) j["added"].push_back({{"location", {{"path", path}, {"line", l.line}}}, {"text", l.text}});
  }
  j["also"] = json::array();
  for (const auto& a : id.also) j["also"].push_back(match_json(a.license, a.similarity));
  j["candidates"] = json::array();
  for (const auto& c : id.candidates) j["candidates"].push_back(match_json(c.license, c.similarity));
  if (!id.note.empty()) j["note"] = id.note;
  return j;
}

void print_identification(const LicenseIdentification& id) {
  auto percent = [](double v) { return std::to_string(static_cast<int>(v * 100 + 0.5)) + "%"; };
  if (id.license) {
    const KnownLicense& k = *id.license;
    std::cout << "  " << (id.status == "identified" ? "identified: " : "modified variant of: ") << k.name << " ("
              << k.expression << "), similarity " << percent(id.similarity) << "\n  kind" << (id.status == "identified" ? "" : " of the original") << ": " << k.kind
              << "\n  OSI-approved: " << (k.osi_approved ? "yes" : "no") << "\n";
    if (id.status == "modified") {
      if (id.missing > 0) std::cout << "  missing: " << percent(id.missing) << " of the known wording\n";
      for (const auto& l : id.added) std::cout << "  added " << l.line << ": " << l.text << "\n";
    }
    for (const auto& a : id.also) std::cout << "  also: " << a.license.name << " (" << a.license.expression << ")\n";
  } else {
    std::cout << "  unknown license" << (id.note.empty() ? "" : ": " + id.note) << "\n";
    for (const auto& c : id.candidates)
      std::cout << "  nearest: " << c.license.name << " (" << c.license.expression << "), similarity "
                << percent(c.similarity) << "\n";
  }
}

// One license text's report as the JSON object of `license --file --format json`.
json file_json(const std::string& path, const std::string& text) {
  auto id = identify_license(text);
  auto clauses = find_license_clauses(text);
  json j = {{"expression", id.license ? id.license->expression : ""},
            {"osi_approved", id.license && id.status == "identified" && id.license->osi_approved},
            {"kind", id.license && id.status == "identified" ? id.license->kind : "unknown"},
            {"identification", identification_json(id, path)},
            {"clauses", json::array()}};
  for (const auto& c : clauses) {
    j["clauses"].push_back({{"kind", c.kind}, {"evidence", c.evidence}, {"location", {{"path", path}, {"line", c.line}}}});
    if (!c.detail.empty()) j["clauses"].back()["detail"] = c.detail;
  }
  return j;
}

// One license text's text report, headed by its path.
void print_file(const std::string& path, const std::string& text) {
  auto id = identify_license(text);
  auto clauses = find_license_clauses(text);
  std::cout << path << "\n";
  print_identification(id);
  std::cout << "  " << clauses.size() << (clauses.size() == 1 ? " clause" : " clauses") << " that restrict use\n";
  for (const auto& c : clauses)
    std::cout << "    " << c.line << ": " << c.kind << (c.detail.empty() ? "" : " (" + c.detail + ")") << ": " << c.evidence
              << "\n";
}

// Reads a license text; on failure says why on stderr (naming the file) and returns the reason.
std::optional<std::string> read_license_text(const std::string& path, std::string& text) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    std::cerr << "openlock: error: " << terminal_safe(path) << ": a directory, not a license text\n";
    return "a directory, not a license text";
  }
  if (!read_whole_file(path, kMaxTextFile, text)) return "cannot read";
  if (text.find('\0') < 8192) {
    std::cerr << "openlock: error: " << terminal_safe(path) << ": binary content, not a license text\n";
    return "binary content, not a license text";
  }
  if (std::size_t bad = first_invalid_utf8_line(text))
    std::cerr << "openlock: warning: " << terminal_safe(path) << ":" << bad << ": not valid UTF-8 from this line; read as it is\n";
  if (text.size() > kReadLimit)
    std::cerr << "openlock: warning: " << terminal_safe(path) << ": only the first " << kReadLimit / 1024 << " KiB are read\n";
  return std::nullopt;
}

// One file: its report as it always was. Several: each report in turn (text: headed by its path,
// a blank line between; JSON: an array of {"path": ..., <the one-file object>} or
// {"path": ..., "error": ...}), an unreadable file said on stderr and the others still reported.
int explain_files(const LicenseFlags& f) {
  bool several = f.files.size() > 1;
  bool failed = false;
  json all = json::array();
  for (std::size_t i = 0; i < f.files.size(); ++i) {
    const std::string& path = f.files[i];
    std::string text;
    if (auto error = read_license_text(path, text)) {
      failed = true;
      if (several && f.format == "json") all.push_back({{"path", path}, {"error", *error}});
      continue;
    }
    if (f.format == "json") {
      json j = file_json(path, text);
      if (!several) {
        std::cout << j.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
        continue;
      }
      json entry = {{"path", path}};
      entry.update(j);
      all.push_back(std::move(entry));
    } else {
      if (i > 0) std::cout << "\n";
      print_file(path, text);
    }
  }
  if (several && f.format == "json") std::cout << all.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  return failed ? usage : ok;
}

// The knowledge base, as a Markdown table (docs/licenses.md embeds it) or plain lines.
int list_known(const LicenseFlags& f) {
  auto known = known_licenses();
  if (f.format == "markdown") {
    std::cout << "| id | license | expression | kind | OSI | role | clauses |\n|---|---|---|---|---|---|---|\n";
    for (const auto& k : known) {
      std::string clauses;
      for (const auto& c : k.clauses) clauses += (clauses.empty() ? "" : ", ") + c;
      std::cout << "| " << k.id << " | " << k.name << " | `" << k.expression << "` | " << k.kind << " | "
                << (k.osi_approved ? "yes" : "no") << " | " << k.role << " | " << (clauses.empty() ? "-" : clauses) << " |\n";
    }
  } else if (f.format == "json") {
    json j = json::array();
    for (const auto& k : known)
      j.push_back({{"id", k.id}, {"name", k.name}, {"expression", k.expression}, {"family", k.family},
                   {"version", k.version}, {"kind", k.kind}, {"osi_approved", k.osi_approved}, {"role", k.role},
                   {"clauses", k.clauses}});
    std::cout << j.dump(2) << "\n";
  } else {
    for (const auto& k : known) std::cout << k.expression << "  " << k.name << " (" << k.kind << ")\n";
  }
  return ok;
}

}  // namespace

std::function<int()> add_license(CLI::App& app) {
  auto flags = std::make_shared<LicenseFlags>();
  CLI::App* cmd = app.add_subcommand("license", "Parse, validate and explain an SPDX license expression or a license file");
  auto* expr = cmd->add_option("expression", flags->expression, "SPDX expression, e.g. 'Apache-2.0 OR MIT'");
  auto* file = cmd->add_option("--file", flags->files,
                               "License texts (--file A B, or --file A --file B): identify each and list the clauses "
                               "that restrict use")
                   ->type_name("PATH");
  auto* list = cmd->add_flag("--list", flags->list, "List the license texts openlock can identify");
  expr->excludes(file);
  list->excludes(expr)->excludes(file);
  cmd->add_option("--format", flags->format, "Output format (markdown: --list only)")
      ->check(CLI::IsMember({"text", "json", "markdown"}))
      ->capture_default_str();
  cmd->footer("Exit codes: 0 valid expression (or every file read), 1 ids not on the SPDX list, 2 an expression that\n"
              "does not parse, an unreadable or binary file (the other files are still reported), or a usage error.");
  return [flags] {
    if (flags->list) return list_known(*flags);
    if (flags->format == "markdown") {
      std::cerr << "openlock: error: --format markdown is for --list\n";
      return static_cast<int>(usage);
    }
    if (!flags->files.empty()) return explain_files(*flags);
    if (flags->expression.empty()) {
      std::cerr << "openlock: error: license needs an EXPRESSION or --file PATH\n";
      return static_cast<int>(usage);
    }
    return explain_expression(*flags);
  };
}

}  // namespace openlock::cli
