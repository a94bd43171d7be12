// The C API (include/openlock/openlock.h) over the C++ one: JSON in, JSON out, no exception
// crosses into C.
#include "openlock/openlock.h"

#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <sstream>

#include "openlock/openlock.hpp"

struct openlock_auditor {
  openlock::AuditOptions options;
};

namespace {

using json = nlohmann::ordered_json;

char* copy(const std::string& s) {
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  if (out) std::memcpy(out, s.c_str(), s.size() + 1);
  return out;
}

void set_error(char** error, const std::string& message) {
  if (error) *error = copy(message);
}

json known_json(const openlock::KnownLicense& k) {
  return {{"id", k.expression}, {"name", k.name}, {"family", k.family}, {"version", k.version},
          {"kind", k.kind}, {"osi_approved", k.osi_approved}, {"role", k.role}, {"clauses", k.clauses}};
}

}  // namespace

extern "C" {

openlock_auditor* openlock_auditor_new(const char* options_json, char** error) {
  try {
    json o = json::parse(options_json ? options_json : "{}");
    if (!o.is_object()) throw std::runtime_error("options must be a JSON object");
    auto* a = new openlock_auditor;
    if (o.contains("targets")) a->options.targets = o["targets"].get<std::vector<std::string>>();
    if (o.contains("rule_dirs")) a->options.rule_dirs = o["rule_dirs"].get<std::vector<std::string>>();
    if (o.contains("config")) a->options.config = o["config"].get<std::string>();
    if (o.contains("jobs")) a->options.jobs = o["jobs"].get<unsigned>();
    if (o.contains("max_file_size")) a->options.max_file_size = o["max_file_size"].get<std::uint64_t>();
    if (o.contains("max_nesting")) a->options.max_nesting = o["max_nesting"].get<int>();
    if (o.contains("parse_budget_ms")) a->options.parse_budget_ms = o["parse_budget_ms"].get<unsigned>();
    return a;
  } catch (const std::exception& e) {
    set_error(error, std::string("bad options: ") + e.what());
    return nullptr;
  }
}

char* openlock_audit(openlock_auditor* auditor, char** error) {
  if (!auditor) return set_error(error, "no auditor"), nullptr;
  try {
    openlock::AuditResult result;
    openlock::AuditError audit_error;
    if (!openlock::Auditor(auditor->options).audit(result, audit_error)) {
      set_error(error, audit_error.message);
      return nullptr;
    }
    std::ostringstream out;
    openlock::render(result, openlock::Format::json, out);
    return copy(out.str());
  } catch (const std::exception& e) {
    set_error(error, e.what());
    return nullptr;
  }
}

void openlock_auditor_free(openlock_auditor* auditor) { delete auditor; }

char* openlock_license_expression(const char* expression) {
  try {
    auto e = openlock::parse_license_expression(expression ? expression : "");
    json j = {{"expression", e.normalized}, {"valid_spdx", e.valid}, {"osi_approved", e.osi_approved},
              {"kind", openlock::license_kind(e)}, {"licenses", e.licenses}, {"deprecated", e.deprecated}};
    if (!e.error.empty()) j["error"] = {{"message", e.error}, {"column", e.error_column}};
    return copy(j.dump());
  } catch (const std::exception&) {
    return nullptr;
  }
}

char* openlock_identify_license(const char* text) {
  try {
    auto id = openlock::identify_license(text ? text : "");
    json j = {{"status", id.status}, {"similarity", id.similarity}, {"missing", id.missing}};
    if (id.license) j["license"] = known_json(*id.license);
    j["added"] = json::array();
    for (const auto& l : id.added) j["added"].push_back({{"line", l.line}, {"text", l.text}});
    j["candidates"] = json::array();
    for (const auto& c : id.candidates) j["candidates"].push_back({{"license", known_json(c.license)}, {"similarity", c.similarity}});
    return copy(j.dump(-1, ' ', false, json::error_handler_t::replace));
  } catch (const std::exception&) {
    return nullptr;
  }
}

const char* openlock_version(void) { return OPENLOCK_VERSION_STRING; }

void openlock_free(char* text) { std::free(text); }

}  // extern "C"
