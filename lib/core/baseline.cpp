#include "core/baseline.hpp"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

namespace openlock {

bool read_baseline(const std::string& path, std::set<std::string>& fingerprints, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read baseline '" + path + "'";
    return false;
  }
  auto doc = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("findings") || !doc["findings"].is_array()) {
    error = "baseline '" + path + "' is not an openlock JSON report (openlock scan --format json)";
    return false;
  }
  for (const auto& f : doc["findings"])
    if (f.is_object() && f.contains("fingerprint") && f["fingerprint"].is_string())
      fingerprints.insert(f["fingerprint"].get<std::string>());
  return true;
}

void apply_baseline(AuditResult& result, const std::set<std::string>& fingerprints) {
  auto kept = std::remove_if(result.findings.begin(), result.findings.end(),
                             [&](const Finding& f) { return fingerprints.count(f.fingerprint) > 0; });
  result.baseline_suppressed = static_cast<std::uint64_t>(result.findings.end() - kept);
  result.findings.erase(kept, result.findings.end());
}

}  // namespace openlock
