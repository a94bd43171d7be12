// libFuzzer target for the rule loader: any YAML text is a valid rule or a RuleError, never a
// crash; and a rule the subset reader (load_rule_lite) reads is the rule yaml-cpp reads.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "rules/loader.hpp"

namespace {

// The parts of a condition that matching uses, as text, to compare two readings.
std::string describe_condition(const openlock::Condition& c) {
  std::string out = std::to_string(static_cast<int>(c.op)) + c.fact_kind + "(";
  for (const auto& t : c.tests) {
    out += t.attr + "@" + std::to_string(t.line) + (t.regex ? "r" : "") + (t.exists ? (*t.exists ? "e" : "!e") : "");
    for (const auto& p : t.patterns) out += "|" + p;
    for (const auto& e : t.equals) out += "=" + e;
    for (const auto* b : {&t.gt, &t.ge, &t.lt, &t.le}) out += *b ? "<" + std::to_string(**b) : "-";
  }
  for (const auto& child : c.children) out += describe_condition(child);
  return out + ")";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  openlock::Rule rule, lite;
  openlock::RuleError error;
  bool full = openlock::load_rule("fuzz.yaml", text, rule, error);
  if (openlock::load_rule_lite("fuzz.yaml", text, lite)) {
    if (!full || lite.title != rule.title || lite.message != rule.message || lite.vendor != rule.vendor ||
        lite.references != rule.references || lite.include_paths != rule.include_paths ||
        describe_condition(lite.match) != describe_condition(rule.match))
      std::abort();  // the subset reader disagrees with yaml-cpp
  }
  return 0;
}
