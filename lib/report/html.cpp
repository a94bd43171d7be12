// Self-contained HTML report: inline CSS and JS, no network, readable printed or on a phone.
// Lock-in axes as bars with their rationale, evidence and exit path; each model's license with
// clause chips and its MOF component grid; a findings table to filter and sort; the rules'
// reference text. Everything from the target is HTML-escaped; the script reads the page's own
// DOM and embeds no data, so nothing from the target can reach it as code.
#include <map>
#include <set>
#include <sstream>

#include "core/utf8.hpp"
#include "openlock/version.hpp"
#include "report/markup.hpp"
#include "report/reporters.hpp"

namespace openlock {

namespace {

// HTML text and attribute values: markup escaped, valid UTF-8 (ill-formed parts become
// U+FFFD), control characters other than tab and newline shown as U+FFFD.
std::string esc(std::string_view s) {
  return map_utf8(s, [](char32_t cp, std::string& out) {
    if (append_markup_entity(cp, out, "&#39;")) return;
    if (cp != '\n' && terminal_control(cp)) out += "&#xFFFD;";
    else append_utf8(cp, out);
  });
}

std::string where(const Location& l) {
  return l.path + (l.line ? ":" + std::to_string(l.line) : "") + (l.column ? ":" + std::to_string(l.column) : "");
}

int rank(Severity s) { return static_cast<int>(s); }

const char* kStyle = R"css(
:root{--bg:#fff;--fg:#1d2330;--muted:#5b6475;--line:#dde1e8;--none:#8a94a6;--low:#2e8b57;--medium:#d08a00;--high:#c0392b;--chip:#eef1f6}
*{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:1100px;margin:0 auto;padding:16px}h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.2em;margin:1.4em 0 .5em;border-bottom:1px solid var(--line)}
.muted{color:var(--muted)}.axes{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:12px}
.axis{border:1px solid var(--line);border-radius:8px;padding:10px}.axis h3{margin:0 0 6px;font-size:1em;text-transform:capitalize}
.gauge{height:12px;background:var(--chip);border-radius:6px;overflow:hidden}.gauge span{display:block;height:100%}
.dec-deny{background:var(--high)}.dec-require{background:var(--medium)}.dec-allow{background:var(--low)}
.lvl-none{background:var(--none)}.lvl-low{background:var(--low)}.lvl-medium{background:var(--medium)}.lvl-high{background:var(--high)}
.badge{display:inline-block;padding:0 8px;border-radius:10px;color:#fff;font-size:.85em}
.chip{display:inline-block;background:var(--chip);border-radius:10px;padding:1px 8px;margin:2px;font-size:.85em}
.model{border:1px solid var(--line);border-radius:8px;padding:10px;margin:10px 0}.washing{border-left:4px solid var(--high);padding:4px 8px;background:#fdf0ee}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
th[data-sort]{cursor:pointer;user-select:none}th[data-sort]:after{content:" \2195";color:var(--muted)}
.scroll{overflow-x:auto}.mof td.open{background:#e3f4ea}.mof td.not_open{background:#fdf3dd}.mof td.unlicensed{background:#fde8e6}.mof td.absent{color:var(--muted)}
.filters{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}.filters select,.filters input{font:inherit;padding:3px}
code,.evidence{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85em;word-break:break-word}
@media print{.filters{display:none}details{display:block}details>*{display:block}tr[hidden]{display:table-row}}
)css";

const char* kScript = R"js(
(function () {
  var table = document.getElementById("findings");
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var sev = document.getElementById("f-severity"), cat = document.getElementById("f-category"), path = document.getElementById("f-path");
  function apply() {
    var s = sev.value, c = cat.value, p = path.value.toLowerCase(), shown = 0;
    rows.forEach(function (r) {
      var ok = (!s || r.getAttribute("data-severity") === s) && (!c || r.getAttribute("data-category") === c) &&
               (!p || r.getAttribute("data-path").toLowerCase().indexOf(p) >= 0);
      r.hidden = !ok;
      if (ok) shown++;
    });
    document.getElementById("f-count").textContent = shown + " of " + rows.length + " shown";
  }
  sev.addEventListener("change", apply);
  cat.addEventListener("change", apply);
  path.addEventListener("input", apply);
  var headers = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(headers, function (th, i) {
    if (!th.hasAttribute("data-sort")) return;
    var up = true;
    th.addEventListener("click", function () {
      var numeric = th.getAttribute("data-sort") === "number";
      rows.sort(function (a, b) {
        var x = a.cells[i].getAttribute("data-key") || a.cells[i].textContent, y = b.cells[i].getAttribute("data-key") || b.cells[i].textContent;
        var d = numeric ? Number(x) - Number(y) : x.localeCompare(y);
        return up ? d : -d;
      });
      up = !up;
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  apply();
})();
)js";

void axis_html(std::ostream& o, const char* name, const LockinAxis& a) {
  o << "<div class=\"axis\" data-axis=\"" << name << "\"><h3>" << name << "</h3>"
    << "<div class=\"gauge\" role=\"meter\" aria-valuemin=\"0\" aria-valuemax=\"100\" aria-valuenow=\"" << a.score
    << "\"><span class=\"lvl-" << esc(a.level) << "\" style=\"width:" << std::max(a.score, 2) << "%\"></span></div>"
    << "<p><span class=\"badge lvl-" << esc(a.level) << "\">" << esc(a.level) << "</span> " << a.score << "/100";
  for (const auto& v : a.vendors) o << " <span class=\"chip\">" << esc(v) << "</span>";
  o << "</p>";
  if (!a.rationale.empty()) o << "<p class=\"muted\">" << esc(a.rationale) << "</p>";
  if (a.level != "none") {
    o << "<details><summary>Evidence and exit path</summary>";
    if (!a.exit_path.empty()) o << "<p><b>Exit path:</b> " << esc(a.exit_path) << "</p>";
    if (!a.strongest.empty()) {
      o << "<p><b>Strongest evidence</b></p><ul>";
      for (const auto& e : a.strongest)
        o << "<li><code>" << esc(where(e.location)) << "</code> " << esc(e.rule_id) << ": <span class=\"evidence\">"
          << esc(e.evidence) << "</span></li>";
      o << "</ul>";
    }
    if (!a.counter_signals.empty()) {
      o << "<p><b>Counter-signals</b></p><ul>";
      for (const auto& e : a.counter_signals)
        o << "<li><code>" << esc(where(e.location)) << "</code> " << esc(e.rule_id) << " (" << esc(e.vendor) << ")</li>";
      o << "</ul>";
    }
    o << "</details>";
  }
  o << "</div>";
}

void model_html(std::ostream& o, const Model& m, const AuditResult& r) {
  o << "<section class=\"model\"><h3>" << esc(m.name) << " <span class=\"muted\">" << esc(m.path) << "</span></h3>";
  const auto& l = m.license;
  o << "<p><b>License:</b> <code>" << esc(l.expression.empty() ? "none declared" : l.expression) << "</code>"
    << (l.declared.empty() || l.declared == l.expression ? "" : " (declared " + esc(l.declared) + ")") << " · kind <b>"
    << esc(l.kind) << "</b> · " << (l.osi_approved ? "OSI-approved" : "not OSI-approved") << (m.gated ? " · access gated" : "")
    << "</p>";
  std::set<std::string> kinds;
  for (const auto& c : l.clauses) kinds.insert(c.kind);
  if (!kinds.empty()) {
    o << "<p class=\"clauses\">";
    for (const auto& k : kinds) o << "<span class=\"chip clause\">" << esc(k) << "</span>";
    o << "</p>";
  }
  if (!m.policy.empty()) {  // the config's deployment judged against each clause, deny first
    o << "<p><b>Deployment policy</b></p><ul class=\"policy\">";
    for (const auto& d : m.policy)
      o << "<li><span class=\"badge dec-" << esc(d.decision) << "\">" << esc(d.decision) << "</span> <code>" << esc(d.clause)
        << "</code> " << esc(d.reason) << " <span class=\"muted\">" << esc(where(d.location)) << "</span></li>";
    o << "</ul>";
  }
  for (const auto& id : l.identified)
    o << "<p class=\"muted\">" << esc(id.path) << ": " << (id.status == "modified" ? "modified variant of " : "") << esc(id.name)
      << "</p>";
  for (const auto& f : r.findings)
    if (f.rule_id.starts_with("openness.card.open-washing") && f.location.path == m.path)
      o << "<p class=\"washing\"><b>Open-washing:</b> “" << esc(f.evidence) << "” — " << esc(f.message) << "</p>";
  o << "<p><b>MOF class " << esc(m.openness.model_class) << "</b> · openness score " << m.openness.score
    << "/100 · progress III " << static_cast<int>(m.openness.progress_class3) << "%, II "
    << static_cast<int>(m.openness.progress_class2) << "%, I " << static_cast<int>(m.openness.progress_class1) << "%</p>";
  o << "<div class=\"scroll\"><table class=\"mof\"><thead><tr><th>component</th><th>status</th><th>license</th><th>evidence</th></tr></thead><tbody>";
  for (const auto& e : m.openness.evidence)
    o << "<tr><td>" << esc(e.name) << "</td><td class=\"" << esc(e.status) << "\">" << esc(e.status) << "</td><td>"
      << esc(e.license) << "</td><td class=\"evidence\">"
      << (e.source.empty() ? "" : esc(e.source) + " " + esc(where(e.location)) + ": " + esc(e.evidence)) << "</td></tr>";
  o << "</tbody></table></div></section>";
}

}  // namespace

void render_html(const AuditResult& r, std::ostream& o) {
  std::string targets;
  for (const auto& t : r.targets) targets += (targets.empty() ? "" : ", ") + t;
  o << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
       "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
    << "<title>openlock report: " << esc(targets) << "</title><style>" << kStyle << "</style></head><body><main>\n";
  std::size_t counted = 0;
  for (const auto& f : r.findings) counted += !f.mitigates;
  o << "<h1>openlock report</h1><p class=\"muted\">" << esc(targets) << " · " << r.files_scanned << " files scanned · "
    << counted << " findings · " << r.diagnostics.size() << " diagnostics · openlock " << version() << "</p>\n";

  o << "<h2>Lock-in</h2><div class=\"axes\">";
  axis_html(o, "hardware", r.lockin.hardware);
  axis_html(o, "model_provider", r.lockin.model_provider);
  axis_html(o, "cloud", r.lockin.cloud);
  o << "</div>\n";

  if (!r.models.empty()) {
    o << "<h2>Models</h2>";
    for (const auto& m : r.models) model_html(o, m, r);
  }

  std::set<std::string> categories;
  for (const auto& f : r.findings) categories.insert(f.category);
  o << "\n<h2>Findings</h2><div class=\"filters\"><label>Severity <select id=\"f-severity\"><option value=\"\">all</option>";
  for (auto s : {Severity::critical, Severity::high, Severity::medium, Severity::low, Severity::info})
    o << "<option>" << to_string(s) << "</option>";
  o << "</select></label><label>Category <select id=\"f-category\"><option value=\"\">all</option>";
  for (const auto& c : categories) o << "<option>" << esc(c) << "</option>";
  o << "</select></label><label>Path <input id=\"f-path\" type=\"search\" placeholder=\"filter by path\"></label>"
       "<span id=\"f-count\" class=\"muted\"></span></div>";
  o << "<div class=\"scroll\"><table id=\"findings\"><thead><tr><th data-sort=\"number\">severity</th><th data-sort=\"text\">rule</th>"
       "<th data-sort=\"text\">location</th><th>message</th><th>evidence</th></tr></thead><tbody>\n";
  for (const auto& f : r.findings) {
    o << "<tr data-severity=\"" << to_string(f.severity) << "\" data-category=\"" << esc(f.category) << "\" data-path=\""
      << esc(f.location.path) << "\"><td data-key=\"" << rank(f.severity) << "\"><span class=\"badge lvl-"
      << (f.severity >= Severity::high ? "high" : f.severity == Severity::medium ? "medium" : "low") << "\">"
      << to_string(f.severity) << "</span>" << (f.mitigates ? " <span class=\"chip\">counter-signal</span>" : "")
      << "</td><td><a href=\"#rule-" << esc(f.rule_id) << "\">" << esc(f.rule_id) << "</a></td><td><code>"
      << esc(where(f.location)) << "</code></td><td>" << esc(f.message) << "</td><td class=\"evidence\">" << esc(f.evidence)
      << "</td></tr>\n";
  }
  o << "</tbody></table></div>\n";

  if (!r.diagnostics.empty()) {
    o << "<h2>Diagnostics</h2><ul>";
    for (const auto& d : r.diagnostics) o << "<li><code>" << esc(where(d.location)) << "</code> " << esc(d.message) << "</li>";
    o << "</ul>\n";
  }

  std::set<std::string> used;
  for (const auto& f : r.findings) used.insert(f.rule_id);
  o << "<h2>Rules</h2>";
  for (const auto& rule : r.rules) {
    if (!used.count(rule.id)) continue;
    o << "<details id=\"rule-" << esc(rule.id) << "\"><summary><code>" << esc(rule.id) << "</code> " << esc(rule.title)
      << "</summary><p>" << esc(rule.remediation) << "</p><ul>";
    for (const auto& ref : rule.references) o << "<li>" << esc(ref) << "</li>";
    o << "</ul><p class=\"muted\">" << esc(rule.origin) << "</p></details>";
  }
  o << "\n</main><script>" << kScript << "</script></body></html>\n";
}

}  // namespace openlock
