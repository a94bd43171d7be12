// Builds manifest license facts (manifest_license.hpp) with the SPDX expression grammar.
#include "license/manifest_license.hpp"

#include "openlock/license.hpp"

namespace openlock {

namespace {

std::string joined(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : " ") + id;
  return out;
}

}  // namespace

Fact manifest_license_fact(Location location, std::string evidence, std::string_view field, std::string_view value) {
  Fact f{"license", std::move(location), std::move(evidence), {}};
  LicenseExpression e = parse_license_expression(value);
  f.set("source", "manifest").set("field", std::string(field)).set("value", std::string(value));
  f.set("expression", e.parsed ? e.normalized : std::string(value));
  f.set("valid", e.valid ? "true" : "false").set("osi", e.osi_approved ? "true" : "false");
  for (const auto& id : e.licenses) f.set("license_id", id);
  if (!e.deprecated.empty()) f.set("deprecated", joined(e.deprecated));
  if (!e.unknown.empty()) f.set("unknown", joined(e.unknown));
  if (!e.error.empty()) f.set("error", e.error);
  return f;
}

}  // namespace openlock
