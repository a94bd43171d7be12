// Lock-in rubric v0 (docs/scoring.md): each distinct piece of evidence adds the weight of its
// severity, scaled by confidence and by where the file sits; counter-signals subtract.
#include "score/lockin.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <string>

namespace openlock {

namespace {

double severity_weight(Severity s) {
  switch (s) {
    case Severity::info: return 0;
    case Severity::low: return 5;
    case Severity::medium: return 15;
    case Severity::high: return 30;
    case Severity::critical: return 50;
  }
  return 0;
}

double confidence_factor(const std::string& confidence) {
  if (confidence == "high") return 1.0;
  if (confidence == "medium") return 0.6;
  return 0.3;
}

// Evidence in tests, docs and examples says less about what the product depends on.
double context_factor(const std::string& context) {
  if (context == "test" || context == "docs" || context == "example") return 0.3;
  return 1.0;
}

std::string level_of(int score) {
  if (score == 0) return "none";
  if (score < 25) return "low";
  if (score < 60) return "medium";
  return "high";
}

LockinAxis score_axis(const std::vector<Finding>& findings, const std::string& category) {
  double total = 0;
  std::set<std::string> vendors;
  std::set<std::string> seen;  // one contribution per fingerprint
  for (const auto& f : findings) {
    if (f.category != category || !seen.insert(f.fingerprint).second) continue;
    double weight = severity_weight(f.severity) * confidence_factor(f.confidence) * context_factor(f.context);
    if (f.mitigates) {
      total -= std::max(weight, 5.0);
    } else {
      total += weight;
      if (!f.vendor.empty()) vendors.insert(f.vendor);
    }
  }
  LockinAxis axis;
  axis.score = static_cast<int>(std::lround(std::clamp(total, 0.0, 100.0)));
  axis.level = level_of(axis.score);
  axis.vendors.assign(vendors.begin(), vendors.end());
  return axis;
}

}  // namespace

Lockin score_lockin(const std::vector<Finding>& findings) {
  return {score_axis(findings, "lockin.hardware"), score_axis(findings, "lockin.model_provider"),
          score_axis(findings, "lockin.cloud")};
}

}  // namespace openlock
