// CycloneDX 1.6 ML-BOM (JSON): each model as a machine-learning-model component with its model
// card (what the card says: task, datasets, evaluation results; license clauses, gating and
// openness as openlock properties), licenses as SPDX expressions or named licenses, and each dependency and image found in
// manifests as a library or container component with its purl. Deterministic: no timestamp, and
// the serial number is derived from the content.
#include <nlohmann/json.hpp>

#include <set>

#include "openlock/license.hpp"
#include "openlock/version.hpp"
#include "report/reporters.hpp"

namespace openlock {

namespace {

using json = nlohmann::ordered_json;

// An SPDX expression the list validates goes in as `expression`; anything else (a LicenseRef the
// spec would accept, an unresolved Hub id) as a named license, which every tool reads.
json licenses_json(const LicenseInfo& license) {
  json out = json::array();
  if (license.expression.empty()) return out;
  LicenseExpression e = parse_license_expression(license.expression);
  if (e.valid && e.unknown.empty() && license.expression.find("LicenseRef-") == std::string::npos)
    out.push_back({{"expression", e.normalized}});
  else
    out.push_back({{"license", {{"name", license.name.empty() ? license.expression : license.name}}}});
  return out;
}

// What the card says, in the schema's terms; what has no field of its own (the license's clauses,
// gating, openness) goes in openlock-named properties.
json model_card_json(const Model& m) {
  json card = json::object();
  json parameters = json::object();
  if (!m.task.empty()) parameters["task"] = m.task;
  json datasets = json::array();
  for (const auto& d : m.datasets) datasets.push_back({{"type", "dataset"}, {"name", d}});
  if (!datasets.empty()) parameters["datasets"] = datasets;
  if (!parameters.empty()) card["modelParameters"] = parameters;
  json metrics = json::array();
  for (const auto& e : m.evaluations) {
    json metric = {{"type", e.metric.empty() ? "metric" : e.metric}, {"value", e.value}};
    std::string slice = e.dataset + (e.task.empty() ? "" : " (" + e.task + ")");
    if (!slice.empty()) metric["slice"] = slice;
    metrics.push_back(metric);
  }
  if (!metrics.empty()) card["quantitativeAnalysis"] = {{"performanceMetrics", metrics}};
  json properties = json::array();
  auto add = [&](std::string name, std::string value) { properties.push_back({{"name", std::move(name)}, {"value", std::move(value)}}); };
  add("openlock:license:kind", m.license.kind);
  add("openlock:license:osi_approved", m.license.osi_approved ? "true" : "false");
  for (const auto& c : m.license.clauses) add("openlock:license:clause:" + c.kind, c.evidence);
  for (const auto& d : m.policy) add("openlock:policy:" + d.clause, d.decision + ": " + d.reason);
  add("openlock:gated", m.gated ? "true" : "false");
  add("openlock:openness:class", m.openness.model_class);
  add("openlock:openness:score", std::to_string(m.openness.score));
  for (const auto& e : m.openness.evidence)
    if (e.status != "absent") add("openlock:mof:" + e.name, e.status);
  card["properties"] = properties;
  return card;
}

std::uint64_t fnv(const std::string& s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return h;
}

// urn:uuid from two content hashes, version and variant bits set as for a name-based UUID.
std::string serial_of(const std::string& content) {
  std::uint64_t a = fnv(content), b = fnv(content + "#");
  char buf[64];
  std::snprintf(buf, sizeof buf, "urn:uuid:%08x-%04x-5%03x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                static_cast<unsigned>((a >> 16) & 0xFFFF), static_cast<unsigned>(a & 0xFFF),
                static_cast<unsigned>(0x8000 | ((b >> 48) & 0x3FFF)), static_cast<unsigned long long>(b & 0xFFFFFFFFFFFFULL));
  return buf;
}

}  // namespace

void render_cyclonedx(const AuditResult& r, std::ostream& out) {
  json components = json::array();
  for (const auto& m : r.models) {
    json c = {{"type", "machine-learning-model"}, {"bom-ref", "model:" + m.path}, {"name", m.name}};
    json lic = licenses_json(m.license);
    if (!lic.empty()) c["licenses"] = lic;
    if (!m.base_model.empty()) {
      json ancestors = json::array();
      for (const auto& b : m.base_model)
        ancestors.push_back({{"type", "machine-learning-model"}, {"name", b.id}, {"description", b.relation.empty() ? "base model" : b.relation}});
      c["pedigree"] = {{"ancestors", ancestors}};
    }
    c["modelCard"] = model_card_json(m);
    c["evidence"] = {{"occurrences", json::array({{{"location", m.path}}})}};
    components.push_back(c);
  }
  std::set<std::string> seen;  // a bom-ref appears once; the first place it is declared is kept
  for (const auto& d : r.dependencies) {
    if (!seen.insert(d.purl).second) continue;
    json c = {{"type", d.ecosystem == "docker" ? "container" : "library"}, {"bom-ref", d.purl}, {"name", d.name}};
    if (!d.version.empty()) c["version"] = d.version;
    c["purl"] = d.purl;
    if (!d.scope.empty()) c["scope"] = d.scope == "optional" || d.scope == "dev" || d.scope == "test" ? "optional" : "required";
    json occurrence = {{"location", d.location.path}};
    if (d.location.line) occurrence["line"] = d.location.line;
    c["evidence"] = {{"occurrences", json::array({occurrence})}};
    components.push_back(c);
  }
  json bom = {{"bomFormat", "CycloneDX"},
              {"specVersion", "1.6"},
              {"serialNumber", ""},
              {"version", 1},
              {"metadata",
               {{"tools", {{"components", json::array({{{"type", "application"}, {"name", "openlock"},
                                                       {"version", OPENLOCK_VERSION_STRING}}})}}}}},
              {"components", components}};
  // Replacing, not throwing, on text that is not UTF-8 (a path from the target), as the report does.
  bom["serialNumber"] = serial_of(components.dump(-1, ' ', false, json::error_handler_t::replace));
  out << bom.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

}  // namespace openlock
