// The JSON report: the contract of docs/report-json.md. Keys keep the design's order.
#include <nlohmann/json.hpp>

#include "core/utf8.hpp"
#include "openlock/version.hpp"
#include "report/reporters.hpp"

namespace openlock {

namespace {

using json = nlohmann::ordered_json;

json location_json(const Location& loc) {
  json j = {{"path", loc.path}, {"line", loc.line}};
  if (loc.column) j["column"] = loc.column;
  return j;
}

json license_json(const LicenseInfo& lic) {
  json identified = json::array();
  for (const auto& id : lic.identified)
    identified.push_back({{"id", id.id},         {"name", id.name}, {"status", id.status},
                          {"confidence", id.confidence}, {"path", id.path}, {"role", id.role}});
  json clauses = json::array();
  for (const auto& c : lic.clauses) {
    clauses.push_back({{"kind", c.kind}, {"evidence", c.evidence}, {"location", location_json(c.location)}});
    if (!c.detail.empty()) clauses.back()["detail"] = c.detail;
  }
  json j = {{"expression", lic.expression}, {"valid_spdx", lic.valid_spdx}, {"osi_approved", lic.osi_approved},
            {"kind", lic.kind}, {"identified", identified}, {"clauses", clauses}, {"declared", lic.declared}};
  if (!lic.name.empty()) j["name"] = lic.name;
  if (!lic.link.empty()) j["link"] = lic.link;
  return j;
}

json model_json(const Model& m) {
  json base = json::array();
  for (const auto& b : m.base_model) {
    json entry = {{"id", b.id}};
    if (!b.relation.empty()) entry["relation"] = b.relation;
    base.push_back(std::move(entry));
  }
  // Components in MOF order, each with why it counts as published.
  json components = json::object();
  for (const auto& e : m.openness.evidence) {
    json c = {{"status", e.status}};
    if (!e.license.empty()) c["license"] = e.license;
    if (!e.source.empty()) c["source"] = e.source, c["evidence"] = e.evidence, c["location"] = location_json(e.location);
    components[e.name] = std::move(c);
  }
  json evaluations = json::array();
  for (const auto& e : m.evaluations)
    evaluations.push_back({{"task", e.task}, {"dataset", e.dataset}, {"metric", e.metric}, {"value", e.value},
                           {"location", location_json(e.location)}});
  json j = {{"path", m.path},
          {"name", m.name},
          {"task", m.task},
          {"datasets", m.datasets},
          {"evaluations", evaluations},
          {"base_model", base},
          {"gated", m.gated},
          {"license", license_json(m.license)},
          {"openness",
           {{"score", m.openness.score},
            {"class", m.openness.model_class},
            {"progress", {{"III", m.openness.progress_class3}, {"II", m.openness.progress_class2}, {"I", m.openness.progress_class1}}},
            {"components", components},
            {"open_washing", m.openness.open_washing},
            {"evaluated", m.openness.evaluated}}}};
  // Only with a deployment section in the config (docs/policy.md).
  if (!m.policy.empty()) {
    json policy = json::array();
    for (const auto& d : m.policy)
      policy.push_back({{"decision", d.decision}, {"clause", d.clause}, {"reason", d.reason}, {"evidence", d.evidence},
                        {"path", d.location.path}, {"line", d.location.line}});
    j["policy"] = std::move(policy);
  }
  return j;
}

json lockin_evidence_json(const std::vector<LockinEvidence>& list) {
  json out = json::array();
  for (const auto& e : list)
    out.push_back({{"rule_id", e.rule_id}, {"vendor", e.vendor}, {"evidence", e.evidence},
                   {"location", location_json(e.location)}, {"context", e.context}});
  return out;
}

json axis_json(const LockinAxis& a) {
  return {{"score", a.score},
          {"level", a.level},
          {"vendors", a.vendors},
          {"rationale", a.rationale},
          {"strongest", lockin_evidence_json(a.strongest)},
          {"counter_signals", lockin_evidence_json(a.counter_signals)},
          {"exit_path", a.exit_path}};
}

// A JSON string exactly as nlohmann's dump writes it (ensure_ascii off). Findings are most of a
// big report, so they are written directly rather than through a DOM; text that is not UTF-8
// (rare, from the target) has its ill-formed parts replaced by U+FFFD first, as nlohmann's
// `replace` does for the members written through a DOM.
void write_string(std::string_view s, std::string& out) {
  std::string valid;
  if (!valid_utf8(s)) valid = to_valid_utf8(s), s = valid;
  out += '"';
  std::size_t plain = 0;  // start of the run of characters written as they are, appended at once
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (static_cast<unsigned char>(c) >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + plain, i - plain);
    plain = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {  // the other control characters
        static const char* hex = "0123456789abcdef";
        out += "\\u00";
        out += hex[(c >> 4) & 0xF];
        out += hex[c & 0xF];
      }
    }
  }
  out.append(s.data() + plain, s.size() - plain);
  out += '"';
}

// One finding as an element of the top-level "findings" array: the text dump(2) of its DOM gives.
void write_finding(const Finding& f, std::string& out) {
  auto member = [&](const char* key, std::string_view value, const char* indent = "      ") {
    out += indent;
    out += '"';
    out += key;
    out += "\": ";
    write_string(value, out);
  };
  member("rule_id", f.rule_id, "{\n      ");
  out += ",\n";
  member("category", f.category);
  out += ",\n";
  member("severity", to_string(f.severity));
  out += ",\n";
  member("vendor", f.vendor);
  out += ",\n";
  member("message", f.message);
  out += ",\n      \"location\": {\n";
  member("path", f.location.path, "        ");
  out += ",\n        \"line\": " + std::to_string(f.location.line);
  if (f.location.column) out += ",\n        \"column\": " + std::to_string(f.location.column);
  out += "\n      },\n";
  for (auto [key, value] : {std::pair<const char*, const std::string*>{"evidence", &f.evidence}, {"confidence", &f.confidence},
                            {"context", &f.context}, {"fingerprint", &f.fingerprint}}) {
    member(key, *value);
    out += ",\n";
  }
  member("title", f.title);
  if (!f.remediation.empty()) out += ",\n", member("remediation", f.remediation);
  if (f.mitigates) out += ",\n", member("effect", "mitigates");
  out += "\n    }";
}

void write_findings(const std::vector<Finding>& findings, std::ostream& out) {
  if (findings.empty()) {
    out << "[]";
    return;
  }
  std::string text = "[\n";
  for (std::size_t i = 0; i < findings.size(); ++i) {
    text += "    ";
    write_finding(findings[i], text);
    text += i + 1 < findings.size() ? ",\n" : "\n";
    if (text.size() > (1u << 16)) out.write(text.data(), static_cast<std::streamsize>(text.size())), text.clear();
  }
  text += "  ]";
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

// Writes `value` as `dump(2)` would at a depth whose lines start with `indent`.
void write_indented(const json& value, std::string_view indent, std::ostream& out) {
  const std::string text = value.dump(2, ' ', false, json::error_handler_t::replace);
  std::string_view rest(text);
  // Strings hold no raw newline (JSON escapes them): each one starts a line, to be indented.
  for (std::size_t nl; (nl = rest.find('\n')) != std::string_view::npos; rest.remove_prefix(nl + 1)) {
    out.write(rest.data(), static_cast<std::streamsize>(nl + 1));
    out.write(indent.data(), static_cast<std::streamsize>(indent.size()));
  }
  out.write(rest.data(), static_cast<std::streamsize>(rest.size()));
}

// A top-level array member, one element at a time: the same text as a DOM's dump(2), without
// holding every finding's DOM at once (time and peak memory on large trees).
template <typename T, typename ToJson>
void write_array(const std::vector<T>& items, ToJson to_json, std::ostream& out) {
  if (items.empty()) {
    out << "[]";
    return;
  }
  out << "[\n";
  for (std::size_t i = 0; i < items.size(); ++i) {
    out << "    ";
    write_indented(to_json(items[i]), "    ", out);
    out << (i + 1 < items.size() ? ",\n" : "\n");
  }
  out << "  ]";
}

json diagnostic_json(const Diagnostic& d) {
  json j = {{"path", d.location.path}, {"line", d.location.line}, {"message", d.message}, {"level", d.level}};
  if (d.location.column) j["column"] = d.location.column;
  return j;
}

}  // namespace

void render_json(const AuditResult& r, std::ostream& out) {
  json by_severity = json::object();
  for (auto s : {Severity::critical, Severity::high, Severity::medium, Severity::low, Severity::info}) {
    std::size_t n = 0;
    for (const auto& f : r.findings) n += (f.severity == s && !f.mitigates);
    by_severity[std::string(to_string(s))] = n;
  }
  std::size_t counted = 0;
  for (const auto& f : r.findings) counted += !f.mitigates;
  json head = {
      {"tool", {{"name", "openlock"}, {"version", std::string(version())}, {"rules_version", std::string(rules_version())}}},
      {"targets", r.targets},
      {"summary", {{"files_scanned", r.files_scanned}, {"files_by_kind", r.files_by_kind}, {"findings", counted}, {"by_severity", by_severity},
                   {"diagnostics", r.diagnostics.size()}, {"baseline_suppressed", r.baseline_suppressed}, {"suppressed", r.suppressed.size()}, {"outside_diff", r.outside_diff}}},
  };
  json lockin = {{"hardware", axis_json(r.lockin.hardware)},
                 {"model_provider", axis_json(r.lockin.model_provider)},
                 {"cloud", axis_json(r.lockin.cloud)}};
  auto dependency_json = [](const Dependency& d) {
    return json{{"ecosystem", d.ecosystem}, {"name", d.name}, {"version", d.version}, {"spec", d.spec},
                {"scope", d.scope}, {"purl", d.purl}, {"location", location_json(d.location)}};
  };
  // Keys in the design's order; invalid UTF-8 from the target is replaced, never a reason to fail.
  out << "{\n";
  for (const auto& [key, value] : head.items()) {
    out << "  " << json(key).dump() << ": ";
    write_indented(value, "  ", out);
    out << ",\n";
  }
  out << "  \"models\": ";
  write_array(r.models, model_json, out);
  out << ",\n  \"dependencies\": ";
  write_array(r.dependencies, dependency_json, out);
  out << ",\n  \"lockin\": ";
  write_indented(lockin, "  ", out);
  out << ",\n  \"findings\": ";
  write_findings(r.findings, out);
  out << ",\n  \"diagnostics\": ";
  write_array(r.diagnostics, diagnostic_json, out);
  out << ",\n  \"suppressed\": ";
  write_findings(r.suppressed, out);
  out << "\n}\n";
}

}  // namespace openlock
