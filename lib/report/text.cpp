// The human report: summary, models, lock-in axes, then findings grouped by file.
#include <map>
#include <string>

#include "core/utf8.hpp"
#include "openlock/version.hpp"
#include "report/reporters.hpp"

namespace openlock {

namespace {

struct Style {
  bool on;
  std::string_view operator()(std::string_view code) const { return on ? code : std::string_view(); }
};
constexpr std::string_view kBold = "\033[1m", kDim = "\033[2m", kReset = "\033[0m", kRed = "\033[31m",
                           kYellow = "\033[33m", kBlue = "\033[34m", kGreen = "\033[32m";

std::string_view severity_colour(Severity s) {
  if (s >= Severity::high) return kRed;
  if (s == Severity::medium) return kYellow;
  return kBlue;
}

std::string_view level_colour(const std::string& level) {
  if (level == "high") return kRed;
  if (level == "medium") return kYellow;
  if (level == "low") return kBlue;
  return kGreen;
}

// Text from the target must not drive the terminal: control characters become '?' and
// ill-formed UTF-8 U+FFFD (core/utf8.hpp).
std::string clean(std::string_view s) { return terminal_safe(s); }

std::string pad(std::string s, std::size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

void write_summary(const AuditResult& r, std::ostream& out, Style st) {
  std::size_t total = 0;
  std::map<Severity, std::size_t, std::greater<>> counts;
  for (const auto& f : r.findings)
    if (!f.mitigates) ++total, ++counts[f.severity];
  out << st(kBold) << "openlock " << version() << st(kReset) << ": " << r.files_scanned << " files scanned, " << total
      << (total == 1 ? " finding" : " findings");
  if (total) {
    out << " (";
    const char* sep = "";
    for (const auto& [sev, n] : counts) out << sep << n << ' ' << to_string(sev), sep = ", ";
    out << ")";
  }
  out << ", " << r.diagnostics.size() << (r.diagnostics.size() == 1 ? " diagnostic" : " diagnostics");
  if (!r.suppressed.empty()) out << ", " << r.suppressed.size() << " suppressed";
  if (r.baseline_suppressed) out << ", " << r.baseline_suppressed << " in the baseline";
  out << "\n";
}

void write_models(const AuditResult& r, std::ostream& out, Style st) {
  if (r.models.empty()) return;
  out << "\n" << st(kBold) << "Models" << st(kReset) << "\n";
  for (const auto& m : r.models) {
    const auto& lic = m.license;
    out << "  " << clean(m.name) << "  " << st(kDim) << clean(m.path) << st(kReset) << "\n";
    out << "    license: " << (lic.declared.empty() ? "none declared" : clean(lic.declared));
    if (!lic.expression.empty() && lic.expression != lic.declared) out << " -> " << clean(lic.expression);
    out << " (" << lic.kind << ", " << (lic.osi_approved ? "OSI-approved" : "not OSI-approved") << ")\n";
    for (const auto& id : lic.identified)
      out << "    " << clean(id.path) << ": " << (id.status == "modified" ? "modified variant of " : "") << clean(id.name) << " ("
          << clean(id.id) << ", " << static_cast<int>(id.confidence * 100 + 0.5) << "% similar)\n";
    if (!m.base_model.empty()) {
      out << "    base model:";
      for (const auto& b : m.base_model) out << ' ' << clean(b.id) << (b.relation.empty() ? "" : " (" + clean(b.relation) + ")");
      out << "\n";
    }
    if (!lic.clauses.empty()) {
      out << "    clauses:";
      for (const auto& c : lic.clauses) out << ' ' << c.kind << " (" << clean(c.location.path) << ':' << c.location.line << ')';
      out << "\n";
    }
    if (m.gated) out << "    access: gated\n";
    for (const auto& d : m.policy)  // deny first
      out << "    policy: " << st(d.decision == "deny" ? kRed : d.decision == "require" ? kYellow : kGreen) << d.decision
          << st(kReset) << ' ' << d.clause << ": " << clean(d.reason) << " (" << clean(d.location.path) << ':'
          << d.location.line << ")\n";
    if (m.openness.evaluated) {
      out << "    openness: " << m.openness.score << "/100, MOF class " << m.openness.model_class << " (III "
          << static_cast<int>(m.openness.progress_class3) << "%, II " << static_cast<int>(m.openness.progress_class2)
          << "%, I " << static_cast<int>(m.openness.progress_class1) << "%)";
      std::string published;
      for (const auto& e : m.openness.evidence)
        if (e.status != "absent") published += (published.empty() ? "" : ", ") + e.name + (e.status == "open" ? "" : " (" + e.status + ")");
      out << "\n      published: " << (published.empty() ? "nothing" : clean(published)) << "\n";
    }
  }
}

void write_lockin(const AuditResult& r, std::ostream& out, Style st) {
  out << "\n" << st(kBold) << "Lock-in" << st(kReset) << "\n";
  auto axis = [&](std::string_view name, const LockinAxis& a) {
    out << "  " << pad(std::string(name), 16) << st(level_colour(a.level)) << pad(a.level, 7) << st(kReset)
        << (a.score < 10 ? "  " : a.score < 100 ? " " : "") << a.score << "/100";
    if (!a.vendors.empty()) {
      out << "  ";
      const char* sep = "";
      for (const auto& v : a.vendors) out << sep << v, sep = ", ";
    }
    out << "\n";
    if (a.level == "none") return;
    out << "    " << st(kDim) << "why: " << clean(a.rationale) << st(kReset) << "\n";
    out << "    " << st(kDim) << "exit path: " << clean(a.exit_path) << st(kReset) << "\n";
  };
  axis("hardware", r.lockin.hardware);
  axis("model_provider", r.lockin.model_provider);
  axis("cloud", r.lockin.cloud);
}

void write_findings(const std::vector<Finding>& list, std::ostream& out, Style st) {
  std::string current;
  for (const auto& f : list) {
    if (f.location.path != current) {
      current = f.location.path;
      out << "\n" << st(kBold) << clean(current) << st(kReset) << "\n";
    }
    std::string where = std::to_string(f.location.line) + ":" + std::to_string(f.location.column);
    std::string sev = f.mitigates ? "counter" : std::string(to_string(f.severity));
    out << "  " << pad(where, 8) << st(f.mitigates ? kGreen : severity_colour(f.severity)) << pad(sev, 9) << st(kReset)
        << clean(f.message) << "  " << st(kDim) << "[" << f.rule_id << "]" << st(kReset) << "\n";
    if (!f.evidence.empty()) out << "          " << st(kDim) << "evidence: " << clean(f.evidence) << st(kReset) << "\n";
  }
}

void write_diagnostics(const AuditResult& r, std::ostream& out, Style st) {
  if (r.diagnostics.empty()) return;
  out << "\n" << st(kBold) << "Diagnostics" << st(kReset) << "\n";
  for (const auto& d : r.diagnostics) {
    out << "  " << clean(d.location.path);
    if (d.location.line) out << ":" << d.location.line;
    out << ": " << d.level << ": " << clean(d.message) << "\n";
  }
}

}  // namespace

void render_text(const AuditResult& result, std::ostream& out, const RenderOptions& options) {
  Style st{options.color};
  write_summary(result, out, st);
  write_models(result, out, st);
  write_lockin(result, out, st);
  write_findings(result.findings, out, st);
  if (options.show_suppressed && !result.suppressed.empty()) {
    out << "\n" << st(kBold) << "Suppressed (openlock:ignore)" << st(kReset) << "\n";
    write_findings(result.suppressed, out, st);
  }
  write_diagnostics(result, out, st);
  out << "\n";
  write_summary(result, out, st);  // again at the end, where a long report in a terminal stops
}

}  // namespace openlock
