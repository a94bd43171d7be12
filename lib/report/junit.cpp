// JUnit XML for CI dashboards: one test suite per file with findings, one test case per rule
// in that file; a case fails when a finding of it is at or above --fail-on. Counter-signals
// and findings below the threshold are passing cases (their text goes to system-out).
#include <algorithm>
#include <map>
#include <vector>

#include "core/utf8.hpp"
#include "report/markup.hpp"
#include "report/reporters.hpp"

namespace openlock {

namespace {

// XML 1.0 text: markup escaped; what XML 1.0 cannot hold (C0 controls but tab, LF and CR,
// U+FFFE, U+FFFF) and ill-formed UTF-8 become U+FFFD, so the file always parses.
std::string xml(std::string_view s) {
  return map_utf8(s, [](char32_t cp, std::string& out) {
    if (append_markup_entity(cp, out, "&apos;")) return;
    bool allowed = cp >= 0x20 ? cp != 0xFFFE && cp != 0xFFFF : cp == '\t' || cp == '\n' || cp == '\r';
    if (allowed) append_utf8(cp, out);
    else out += kReplacementCharacter;
  });
}

}  // namespace

void render_junit(const AuditResult& r, std::ostream& out, Severity fail_on) {
  // path -> rule -> findings, in the findings' sorted order.
  std::map<std::string, std::map<std::string, std::vector<const Finding*>>> by_file;
  for (const auto& f : r.findings) by_file[f.location.path][f.rule_id].push_back(&f);
  auto failing = [&](const Finding* f) { return !f->mitigates && f->severity >= fail_on; };

  std::size_t cases = 0, failures = 0;
  for (const auto& [path, rules] : by_file)
    for (const auto& [rule, findings] : rules) {
      ++cases;
      failures += std::any_of(findings.begin(), findings.end(), failing);
    }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<testsuites name=\"openlock\" tests=\"" << cases << "\" failures=\"" << failures << "\" errors=\""
      << r.diagnostics.size() << "\">\n";
  for (const auto& [path, rules] : by_file) {
    std::size_t suite_failures = 0;
    for (const auto& [rule, findings] : rules) suite_failures += std::any_of(findings.begin(), findings.end(), failing);
    out << "  <testsuite name=\"" << xml(path) << "\" tests=\"" << rules.size() << "\" failures=\"" << suite_failures
        << "\">\n";
    for (const auto& [rule, findings] : rules) {
      out << "    <testcase classname=\"" << xml(path) << "\" name=\"" << xml(rule) << "\">\n";
      std::string detail;
      for (const Finding* f : findings)
        detail += path + ":" + std::to_string(f->location.line) + ": " + std::string(to_string(f->severity)) + ": " +
                  f->message + "\n  evidence: " + f->evidence + "\n";
      const Finding* worst = *std::max_element(findings.begin(), findings.end(),
                                               [](const Finding* a, const Finding* b) { return a->severity < b->severity; });
      if (std::any_of(findings.begin(), findings.end(), failing))
        out << "      <failure type=\"" << to_string(worst->severity) << "\" message=\"" << xml(worst->message) << "\">"
            << xml(detail) << "</failure>\n";
      else
        out << "      <system-out>" << xml(detail) << "</system-out>\n";
      out << "    </testcase>\n";
    }
    out << "  </testsuite>\n";
  }
  if (!r.diagnostics.empty()) {
    out << "  <testsuite name=\"diagnostics\" tests=\"" << r.diagnostics.size() << "\" errors=\"" << r.diagnostics.size()
        << "\">\n";
    for (const auto& d : r.diagnostics)
      out << "    <testcase classname=\"" << xml(d.location.path) << "\" name=\"read " << xml(d.location.path)
          << "\">\n      <error message=\"" << xml(d.message) << "\"/>\n    </testcase>\n";
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

}  // namespace openlock
