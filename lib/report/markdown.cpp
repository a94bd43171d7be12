// Markdown for a pull-request comment: lock-in levels, models, then findings by severity with
// file:line links; one line when there is nothing to say.
#include <map>

#include "core/uri.hpp"
#include "core/utf8.hpp"
#include "openlock/version.hpp"
#include "report/reporters.hpp"

namespace openlock {

namespace {

// Text from the target must not open Markdown or HTML constructs in the comment, nor drive a
// terminal it is shown in: line breaks become spaces, other control characters '?', ill-formed
// UTF-8 U+FFFD.
std::string md(std::string_view s) {
  return map_utf8(s, [](char32_t cp, std::string& out) {
    if (cp == '\n' || cp == '\r') out += ' ';
    else if (terminal_control(cp)) out += '?';
    else if (cp < 0x80 && std::string_view("\\`*_[]<>|#!").find(static_cast<char>(cp)) != std::string_view::npos)
      out += '\\', out += static_cast<char>(cp);
    else append_utf8(cp, out);
  });
}

// [path:line](path#Lline): the target percent-encoded, so no space, bracket, line break or
// control byte in a path can end or split it.
std::string link(const Location& loc) {
  std::string target = percent_encode(loc.path, /*keep_slash=*/true) + (loc.line ? "#L" + std::to_string(loc.line) : "");
  std::string text = loc.path + (loc.line ? ":" + std::to_string(loc.line) : "");
  return "[" + md(text) + "](" + target + ")";
}

}  // namespace

void render_markdown(const AuditResult& r, std::ostream& out) {
  std::size_t counted = 0;
  for (const auto& f : r.findings) counted += !f.mitigates;
  out << "### openlock " << version() << "\n\n";
  if (counted == 0 && r.diagnostics.empty() && r.models.empty()) {
    out << "No findings in " << r.files_scanned << " files.\n";
    return;
  }
  out << "| lock-in | level | score | vendors |\n|---|---|---|---|\n";
  auto axis = [&](const char* name, const LockinAxis& a) {
    std::string vendors;
    for (const auto& v : a.vendors) vendors += (vendors.empty() ? "" : ", ") + md(v);
    out << "| " << name << " | **" << a.level << "** | " << a.score << " | " << (vendors.empty() ? "-" : vendors) << " |\n";
  };
  axis("hardware", r.lockin.hardware);
  axis("model provider", r.lockin.model_provider);
  axis("cloud", r.lockin.cloud);

  if (!r.models.empty()) {
    out << "\n| model | license | kind | OSI | restrictions | MOF class | openness |\n|---|---|---|---|---|---|---|\n";
    for (const auto& m : r.models) {
      std::string clauses;
      for (const auto& c : m.license.clauses) clauses += (clauses.empty() ? "" : ", ") + c.kind;
      if (m.gated) clauses += std::string(clauses.empty() ? "" : ", ") + "gated";
      if (m.openness.open_washing) clauses += std::string(clauses.empty() ? "" : ", ") + "open-washing";
      out << "| " << md(m.name) << " (" << link({m.path, 0, 0}) << ") | " << md(m.license.expression.empty() ? "none" : m.license.expression)
          << " | " << m.license.kind << " | " << (m.license.osi_approved ? "yes" : "no") << " | "
          << (clauses.empty() ? "-" : clauses) << " | " << m.openness.model_class << " | " << m.openness.score << "/100 |\n";
    }
    // The deployment decisions (config `deployment`), deny first, under the table.
    for (const auto& m : r.models) {
      if (m.policy.empty()) continue;
      out << "\n**deployment policy for " << md(m.name) << "**\n\n";
      for (const auto& d : m.policy)
        out << "- **" << d.decision << "** `" << d.clause << "` " << md(d.reason) << " (" << link(d.location) << ")\n";
    }
  }

  out << "\n" << counted << (counted == 1 ? " finding" : " findings") << ", " << r.files_scanned << " files scanned.\n";
  for (auto sev : {Severity::critical, Severity::high, Severity::medium, Severity::low, Severity::info}) {
    bool header = false;
    for (const auto& f : r.findings) {
      if (f.mitigates || f.severity != sev) continue;
      if (!header) out << "\n**" << to_string(sev) << "**\n\n", header = true;
      out << "- " << link(f.location) << " " << md(f.message) << " `" << f.rule_id << "`\n";
    }
  }
  bool counters = false;
  for (const auto& f : r.findings) {
    if (!f.mitigates) continue;
    if (!counters) out << "\n**counter-signals**\n\n", counters = true;
    out << "- " << link(f.location) << " " << md(f.message) << " `" << f.rule_id << "`\n";
  }
  if (!r.diagnostics.empty()) {
    out << "\n<details><summary>" << r.diagnostics.size() << " diagnostics</summary>\n\n";
    for (const auto& d : r.diagnostics) out << "- " << link(d.location) << " " << md(d.message) << "\n";
    out << "\n</details>\n";
  }
}

}  // namespace openlock
