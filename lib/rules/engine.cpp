// Rule evaluation over facts. A condition tree is evaluated per scope (one file, or the whole
// target for `within: repo`); each fact a positive leaf matched becomes one finding.
#include "rules/engine.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <tuple>

#include "discover/discover.hpp"
#include "rules/glob.hpp"

namespace openlock {

namespace {

struct Outcome {
  bool holds = false;
  std::vector<const Fact*> facts;  // facts matched by positive leaves
};

bool test_matches(const Fact& fact, const Condition::AttrTest& test) {
  for (const auto& [key, value] : fact.attrs) {
    if (key != test.attr) continue;
    for (const auto& pattern : test.patterns)
      if (glob_match(pattern, value)) return true;
  }
  return false;
}

bool leaf_matches(const Condition& leaf, const Fact& fact) {
  if (fact.kind != leaf.fact_kind) return false;
  return std::all_of(leaf.tests.begin(), leaf.tests.end(), [&](const auto& t) { return test_matches(fact, t); });
}

Outcome evaluate(const Condition& c, const std::vector<const Fact*>& scope) {
  Outcome out;
  switch (c.op) {
    case Condition::Op::leaf:
      for (const Fact* f : scope)
        if (leaf_matches(c, *f)) out.facts.push_back(f);
      out.holds = !out.facts.empty();
      break;
    case Condition::Op::any:
      for (const auto& child : c.children) {
        Outcome o = evaluate(child, scope);
        out.holds = out.holds || o.holds;
        if (o.holds) out.facts.insert(out.facts.end(), o.facts.begin(), o.facts.end());
      }
      break;
    case Condition::Op::all:
      out.holds = true;
      for (const auto& child : c.children) {
        Outcome o = evaluate(child, scope);
        if (!o.holds) return {};
        out.facts.insert(out.facts.end(), o.facts.begin(), o.facts.end());
      }
      break;
    case Condition::Op::none_of:
      out.holds = !evaluate(c.children.front(), scope).holds;
      break;
  }
  return out;
}

std::string confidence_of(const Rule& rule, const Fact& fact) {
  if (!rule.confidence.empty()) return rule.confidence;
  static const std::set<std::string, std::less<>> declared = {
      "dependency", "license", "license_text", "license_clause", "model", "gating", "image", "resource",
      "index",      "device",  "runtime",      "label",          "toleration"};
  static const std::set<std::string, std::less<>> in_code = {"import", "call", "backend", "env_var", "endpoint",
                                                             "device_string"};
  if (declared.count(fact.kind)) return "high";
  if (in_code.count(fact.kind)) return "medium";
  return "low";
}

// Fills {evidence} {vendor} {path} {line} {title} {attr.NAME}; unknown placeholders stay as written.
std::string fill(const std::string& tmpl, const Rule& rule, const Fact& fact) {
  std::string out;
  for (std::size_t i = 0; i < tmpl.size();) {
    std::size_t close = tmpl[i] == '{' ? tmpl.find('}', i) : std::string::npos;
    if (close == std::string::npos) {
      out += tmpl[i++];
      continue;
    }
    std::string name = tmpl.substr(i + 1, close - i - 1);
    if (name == "evidence") out += fact.evidence;
    else if (name == "vendor") out += rule.vendor;
    else if (name == "path") out += fact.location.path;
    else if (name == "line") out += std::to_string(fact.location.line);
    else if (name == "title") out += rule.title;
    else if (name.starts_with("attr.")) out += fact.get(name.substr(5));
    else out += tmpl.substr(i, close - i + 1);
    i = close + 1;
  }
  return out;
}

Finding make_finding(const Rule& rule, const Fact& fact) {
  Finding f;
  f.rule_id = rule.id;
  f.title = rule.title;
  f.category = rule.category;
  f.severity = rule.severity;
  f.vendor = rule.vendor;
  f.message = fill(rule.message, rule, fact);
  f.remediation = fill(rule.remediation, rule, fact);
  f.location = fact.location;
  f.evidence = fact.evidence;
  f.confidence = confidence_of(rule, fact);
  // A parser may know better than the path (Rust #[cfg(test)] items): its context attribute wins.
  f.context = fact.has("context") ? std::string(fact.get("context")) : std::string(context_of(fact.location.path));
  f.fingerprint = fingerprint(rule.id, fact.location.path, fact.evidence);
  f.mitigates = rule.effect == "mitigates";
  return f;
}

}  // namespace

std::string fingerprint(std::string_view rule_id, std::string_view path, std::string_view evidence) {
  std::uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a 64
  auto mix = [&h](unsigned char c) {
    h ^= c;
    h *= 0x100000001b3ull;
  };
  for (char c : rule_id) mix(static_cast<unsigned char>(c));
  mix(0);
  for (char c : path) mix(static_cast<unsigned char>(c));
  mix(0);
  bool in_space = false;  // whitespace runs count as one space, so re-indenting keeps the id
  for (char c : evidence) {
    bool space = c == ' ' || c == '\t' || c == '\r' || c == '\n';
    if (space && in_space) continue;
    in_space = space;
    mix(space ? ' ' : static_cast<unsigned char>(c));
  }
  static const char* hex = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = hex[h & 0xf];
  return out;
}

std::vector<Finding> evaluate_rules(const std::vector<Rule>& rules, const std::vector<Fact>& facts) {
  std::map<std::string, std::vector<const Fact*>> by_file;
  std::vector<const Fact*> all;
  for (const auto& f : facts) {
    by_file[f.location.path].push_back(&f);
    all.push_back(&f);
  }
  std::vector<Finding> findings;
  for (const auto& rule : rules) {
    auto run_scope = [&](const std::vector<const Fact*>& scope) {
      Outcome o = evaluate(rule.match, scope);
      if (!o.holds) return;
      std::set<const Fact*> seen;
      for (const Fact* f : o.facts)
        if ((rule.at.empty() || f->kind == rule.at) && seen.insert(f).second) findings.push_back(make_finding(rule, *f));
    };
    if (rule.scope == "repo") {
      run_scope(all);
    } else {
      for (const auto& [path, scope] : by_file) run_scope(scope);
    }
  }
  sort_findings(findings);
  return findings;
}

void sort_findings(std::vector<Finding>& findings) {
  std::sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.location.path, a.location.line, a.location.column, a.rule_id, a.evidence) <
           std::tie(b.location.path, b.location.line, b.location.column, b.rule_id, b.evidence);
  });
}

}  // namespace openlock
