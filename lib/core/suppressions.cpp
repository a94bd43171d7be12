#include "core/suppressions.hpp"

#include <string.h>  // memmem

#include <algorithm>
#include <map>
#include <set>

#include "parse/text_lines.hpp"

namespace openlock {

namespace {
constexpr std::string_view kMarker = "openlock:ignore";

// memmem, not string_view::find: find stops at every 'o' of the text to compare the rest, and
// nearly every file is searched and has no marker.
bool has_marker(std::string_view text) {
  return ::memmem(text.data(), text.size(), kMarker.data(), kMarker.size()) != nullptr;
}
}

namespace {

// Why a marker suppresses nothing, or "" when it is valid.
std::string marker_problem(const Fact& marker, const RuleIds& known_rules) {
  std::vector<std::string_view> rules;
  for (const auto& [k, v] : marker.attrs)
    if (k == "rule") rules.push_back(v);
  if (rules.empty()) return "openlock:ignore names no rule";
  if (marker.get("reason").empty()) return "openlock:ignore without a reason (add '-- why')";
  for (auto r : rules)
    if (!known_rules.count(r)) return "openlock:ignore names unknown rule '" + std::string(r) + "'";
  return {};
}

}  // namespace

void find_suppressions(std::string_view path, std::string_view text, const RuleIds& known_rules, std::vector<Fact>& facts,
                       Diagnostics& diagnostics) {
  if (!has_marker(text)) return;  // the common case: one scan, nothing to do
  for (const auto& line : split_lines(text)) {
    auto at = line.text.find(kMarker);
    if (at == std::string_view::npos) continue;
    std::string_view rest = line.text.substr(at + kMarker.size());
    std::string_view ids = rest, reason;
    if (auto dashes = rest.find("--"); dashes != std::string_view::npos) {
      ids = rest.substr(0, dashes);
      reason = rest.substr(dashes + 2);
      // Comment closers that follow the reason are not part of it.
      for (std::string_view closer : {"-->", "*/", "#}"})
        if (auto c = reason.rfind(closer); c != std::string_view::npos) reason = reason.substr(0, c);
      reason = trim(reason);
    }
    Fact f{"suppression", {std::string(path), line.number, static_cast<std::uint32_t>(at + 1)}, 
           evidence_excerpt(line.text, at, kMarker.size()), {}};
    std::string id;
    for (char c : std::string(ids) + ",") {
      if (c == ',' || c == ' ' || c == '\t') {
        if (!id.empty()) f.set("rule", id), id.clear();
      } else {
        id += c;
      }
    }
    f.set("reason", std::string(reason));
    // Checked here, with the file's other diagnostics, so that the file's cap bounds these too.
    if (std::string problem = marker_problem(f, known_rules); !problem.empty())
      diagnostics.push_back({f.location, problem + "; nothing suppressed"});
    else
      facts.push_back(std::move(f));
  }
}

void apply_suppressions(AuditResult& result, const std::vector<Fact>& facts) {
  // (path, line) -> rule ids a marker there silences, for that line and the next.
  std::map<std::pair<std::string, std::uint32_t>, std::set<std::string>> silenced;
  for (const auto& f : facts) {
    if (f.kind != "suppression") continue;
    for (std::uint32_t line : {f.location.line, f.location.line + 1})
      for (const auto& [k, v] : f.attrs)
        if (k == "rule") silenced[{f.location.path, line}].insert(v);
  }
  if (silenced.empty()) return;
  auto is_silenced = [&](const Finding& f) {
    auto it = silenced.find({f.location.path, f.location.line});
    return it != silenced.end() && it->second.count(f.rule_id) > 0;
  };
  for (const auto& f : result.findings)
    if (is_silenced(f)) result.suppressed.push_back(f);
  result.findings.erase(std::remove_if(result.findings.begin(), result.findings.end(), is_silenced), result.findings.end());
}

}  // namespace openlock
