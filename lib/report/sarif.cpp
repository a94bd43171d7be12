// SARIF 2.1.0: one run; the rules that ran in tool.driver.rules; one result per finding with
// a region and a partial fingerprint that survives unrelated edits; diagnostics as
// tool execution notifications.
#include <nlohmann/json.hpp>

#include <cctype>
#include <map>

#include "core/uri.hpp"
#include "openlock/version.hpp"
#include "report/reporters.hpp"

namespace openlock {

namespace {

using json = nlohmann::ordered_json;

std::string level_of(Severity s) {
  if (s >= Severity::high) return "error";
  if (s == Severity::medium) return "warning";
  return "note";
}

json physical_location(const Location& loc) {
  json region = json::object();
  if (loc.line) region["startLine"] = loc.line;
  if (loc.line && loc.column) region["startColumn"] = loc.column;
  json physical = {{"artifactLocation", {{"uri", percent_encode(loc.path, /*keep_slash=*/true)}, {"uriBaseId", "SRCROOT"}}}};
  if (!region.empty()) physical["region"] = region;
  return {{"physicalLocation", physical}};
}

// SARIF wants a readable name distinct from the id: the id's last part in PascalCase.
std::string pascal_name(const std::string& id) {
  std::string out;
  bool upper = true;
  for (char c : id.substr(id.rfind('.') + 1)) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

json rule_json(const RuleInfo& r) {
  json rule = {{"id", r.id},
               {"name", pascal_name(r.id)},
               {"shortDescription", {{"text", r.title}}},
               {"defaultConfiguration", {{"level", r.effect == "mitigates" ? "note" : level_of(r.severity)}}},
               {"properties", {{"category", r.category}, {"tags", json::array({r.category})}}}};
  std::string help = r.remediation.empty() ? r.title : r.remediation;
  for (const auto& ref : r.references) help += "\n" + ref;
  rule["help"] = {{"text", help}};
  if (!r.references.empty()) rule["helpUri"] = r.references.front();
  if (!r.vendor.empty()) rule["properties"]["vendor"] = r.vendor;
  if (r.effect == "mitigates") rule["properties"]["effect"] = "mitigates";
  return rule;
}

}  // namespace

void render_sarif(const AuditResult& r, std::ostream& out) {
  json rules = json::array();
  std::map<std::string, std::size_t> index;
  for (const auto& rule : r.rules) {
    index[rule.id] = rules.size();
    rules.push_back(rule_json(rule));
  }
  json results = json::array();
  for (const auto& f : r.findings) {
    json result = {{"ruleId", f.rule_id},
                   {"level", f.mitigates ? "note" : level_of(f.severity)},
                   {"message", {{"text", f.message}}},
                   {"locations", json::array({physical_location(f.location)})},
                   {"partialFingerprints", {{"openlock/v1", f.fingerprint}}},
                   {"properties",
                    {{"severity", to_string(f.severity)},
                     {"category", f.category},
                     {"confidence", f.confidence},
                     {"context", f.context},
                     {"evidence", f.evidence}}}};
    if (auto it = index.find(f.rule_id); it != index.end()) result["ruleIndex"] = it->second;
    if (f.mitigates) result["kind"] = "informational";
    if (!f.vendor.empty()) result["properties"]["vendor"] = f.vendor;
    results.push_back(std::move(result));
  }
  json notifications = json::array();
  for (const auto& d : r.diagnostics)
    notifications.push_back({{"level", d.level == "error" ? "error" : "warning"},
                             {"message", {{"text", d.message}}},
                             {"locations", json::array({physical_location(d.location)})}});
  json run = {{"tool",
               {{"driver",
                 {{"name", "openlock"},
                  {"version", std::string(version())},
                  {"semanticVersion", std::string(version())},
                  {"rules", rules}}}}},
              {"invocations", json::array({{{"executionSuccessful", true},
                                            {"toolExecutionNotifications", notifications}}})}
  };
  // Moved, not listed in the initializer: that would deep-copy every result.
  run["results"] = std::move(results);
  run["properties"] = {{"rulesVersion", std::string(rules_version())}, {"targets", r.targets}};
  json doc = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"}, {"version", "2.1.0"}};
  doc["runs"] = json::array();
  doc["runs"].push_back(std::move(run));
  out << doc.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace openlock
