// Small helpers of the public result types.
#include <algorithm>
#include <array>
#include <cctype>

#include "openlock/result.hpp"

namespace openlock {

namespace {
constexpr std::array<std::string_view, 5> kSeverityNames = {"info", "low", "medium", "high", "critical"};
}

std::string_view to_string(Severity s) { return kSeverityNames[static_cast<std::size_t>(s)]; }

std::optional<Severity> parse_severity(std::string_view name) {
  for (std::size_t i = 0; i < kSeverityNames.size(); ++i) {
    const auto& known = kSeverityNames[i];
    if (known.size() == name.size() &&
        std::equal(known.begin(), known.end(), name.begin(), [](char a, char b) {
          return a == std::tolower(static_cast<unsigned char>(b));
        }))
      return static_cast<Severity>(i);
  }
  return std::nullopt;
}

std::size_t AuditResult::count_at_least(Severity s) const {
  return static_cast<std::size_t>(std::count_if(findings.begin(), findings.end(), [s](const Finding& f) {
    return !f.mitigates && f.severity >= s;
  }));
}

}  // namespace openlock
