#include "core/baseline.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/bounded_read.hpp"

namespace openlock {

namespace {
// A baseline is a JSON report: a large repository's is some MiB; this bounds a mistaken path.
constexpr std::uint64_t kMaxBaselineBytes = 256u << 20;
}  // namespace

bool read_baseline(const std::string& path, std::set<std::string>& fingerprints, std::string& error) {
  std::string text, reason;
  if (!read_user_file(path, kMaxBaselineBytes, text, reason)) {
    error = "cannot read baseline '" + path + "': " + reason;
    return false;
  }
  auto doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
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
