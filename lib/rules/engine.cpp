// Rule evaluation over facts. A condition tree is evaluated per scope (one file, or the whole
// target for `within: repo`); each fact a positive leaf matched becomes one finding.
#include "rules/engine.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <cstdlib>
#include <iterator>
#include <cstdint>
#include <map>
#include <unordered_map>
#include <set>
#include <tuple>

#include "core/text.hpp"
#include "discover/discover.hpp"
#include "discover/ignore.hpp"
#include "rules/glob.hpp"
#include "rules/matcher.hpp"

namespace openlock {

namespace {

struct Outcome {
  bool holds = false;
  std::vector<const Fact*> facts;  // facts matched by positive leaves
};

bool number_in(const Condition::AttrTest& test, std::string_view value) {
  std::string text(value);
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size()) return false;
  return (!test.gt || v > *test.gt) && (!test.ge || v >= *test.ge) && (!test.lt || v < *test.lt) &&
         (!test.le || v <= *test.le);
}

// Whether `hits` (one fact's) say that its value `attr` passed the globs of `test`.
bool has_hit(std::span<const GlobMatcher::Hit> hits, std::size_t attr, const Condition::AttrTest& test) {
  return std::find(hits.begin(), hits.end(), GlobMatcher::Hit{static_cast<std::uint32_t>(attr), &test}) != hits.end();
}

// Which glob tests each value of each fact passes. With a matcher, every fact is matched once,
// up front, for all rules; without one (evaluate_rules), each test runs its globs one by one.
class GlobHits {
 public:
  GlobHits(const GlobMatcher* matcher, const std::vector<Fact>& facts) : matcher_(matcher), facts_(facts.data()) {
    if (!matcher) return;
    first_.resize(facts.size() + 1);
    for (std::size_t i = 0; i < facts.size(); ++i) {
      first_[i] = hits_.size();
      matcher->match(facts[i], hits_);
    }
    first_.back() = hits_.size();
    for (const auto& hit : hits_) passed_.push_back(hit.test);
    std::sort(passed_.begin(), passed_.end(), std::less<>());
    passed_.erase(std::unique(passed_.begin(), passed_.end()), passed_.end());
  }
  // The glob tests that passed some value, sorted (empty without a matcher).
  const std::vector<const Condition::AttrTest*>& passed() const { return passed_; }
  // False when a glob test of `leaf` passed no value at all: then no fact can match the leaf, and
  // most leaves of most rules are over in one lookup.
  bool may_match(const Condition& leaf) const {
    return !matcher_ || std::all_of(leaf.tests.begin(), leaf.tests.end(), [&](const Condition::AttrTest& t) {
             return t.patterns.empty() || std::binary_search(passed_.begin(), passed_.end(), &t, std::less<>());
           });
  }
  // Whether value `attr` of `fact` (one of the facts given) passes the globs of `test`.
  bool passes(const Fact& fact, std::size_t attr, const Condition::AttrTest& test) const {
    if (!matcher_) {
      std::string_view value = fact.attrs[attr].second;
      return std::any_of(test.patterns.begin(), test.patterns.end(), [&](const std::string& p) { return glob_match(p, value); });
    }
    auto i = static_cast<std::size_t>(&fact - facts_);
    return has_hit(std::span(hits_).subspan(first_[i], first_[i + 1] - first_[i]), attr, test);
  }

 private:
  const GlobMatcher* matcher_;
  const Fact* facts_;
  std::vector<std::size_t> first_;  // fact i's hits are hits_[first_[i], first_[i + 1])
  std::vector<GlobMatcher::Hit> hits_;
  std::vector<const Condition::AttrTest*> passed_;  // the tests of all hits, sorted
};

// The glob hits of one fact alone, from GlobMatcher::match.
struct OneFactHits {
  const std::vector<GlobMatcher::Hit>& hits;
  bool passes(const Fact&, std::size_t attr, const Condition::AttrTest& test) const { return has_hit(hits, attr, test); }
};

// `Globs` says which values pass which glob tests: GlobHits, or OneFactHits.
template <typename Globs>
bool value_passes(const Condition::AttrTest& test, const Fact& fact, std::size_t attr, const Globs& globs) {
  std::string_view value = fact.attrs[attr].second;
  auto equal = [&](const std::string& e) { return e == value; };
  bool numeric = test.gt || test.ge || test.lt || test.le;
  return (test.patterns.empty() || globs.passes(fact, attr, test)) &&
         (test.equals.empty() || std::any_of(test.equals.begin(), test.equals.end(), equal)) &&
         (!test.regex || re2::RE2::PartialMatch(re2::StringPiece(value.data(), value.size()), *test.regex)) &&
         (!numeric || number_in(test, value));
}

// An attribute may repeat (tags, datasets): the test holds when one of its values passes.
// A test of presence alone (`exists`) looks at no value.
template <typename Globs>
bool test_matches(const Fact& fact, const Condition::AttrTest& test, const Globs& globs) {
  bool value_tests = test.tests_values();
  bool present = false;
  for (std::size_t i = 0; i < fact.attrs.size(); ++i) {
    if (fact.attrs[i].first != test.attr) continue;
    present = true;
    if (value_tests && value_passes(test, fact, i, globs)) return true;
  }
  return !value_tests && test.exists.value_or(true) == present;
}

template <typename Globs>
bool leaf_matches(const Condition& leaf, const Fact& fact, const Globs& globs) {
  if (fact.kind != leaf.fact_kind) return false;
  return std::all_of(leaf.tests.begin(), leaf.tests.end(), [&](const auto& t) { return test_matches(fact, t, globs); });
}

// The facts a rule sees (one file's, or the repo's), grouped by kind so that a leaf looks only at
// the facts of its kind: a source file has hundreds of facts and a rule names one or two kinds.
class Scope {
 public:
  Scope() = default;
  explicit Scope(const std::vector<const Fact*>& facts) {
    for (const Fact* f : facts) by_kind_[f->kind].push_back(f);
  }
  const std::vector<const Fact*>& of(std::string_view kind) const {
    static const std::vector<const Fact*> none;
    auto it = by_kind_.find(kind);
    return it == by_kind_.end() ? none : it->second;
  }
  template <typename Keep>
  Scope filtered(Keep keep) const {
    Scope out;
    for (const auto& [kind, facts] : by_kind_)
      for (const Fact* f : facts)
        if (keep(*f)) out.by_kind_[kind].push_back(f);
    return out;
  }

 private:
  std::map<std::string_view, std::vector<const Fact*>> by_kind_;  // views of the facts' kinds
};

Outcome evaluate_condition(const Condition& c, const Scope& scope, const GlobHits& globs) {
  Outcome out;
  switch (c.op) {
    case Condition::Op::leaf:
      if (!globs.may_match(c)) break;
      for (const Fact* f : scope.of(c.fact_kind))
        if (leaf_matches(c, *f, globs)) out.facts.push_back(f);
      out.holds = !out.facts.empty();
      break;
    case Condition::Op::any:
      for (const auto& child : c.children) {
        Outcome o = evaluate_condition(child, scope, globs);
        out.holds = out.holds || o.holds;
        if (o.holds) out.facts.insert(out.facts.end(), o.facts.begin(), o.facts.end());
      }
      break;
    case Condition::Op::all:
      out.holds = true;
      for (const auto& child : c.children) {
        Outcome o = evaluate_condition(child, scope, globs);
        if (!o.holds) return {};
        out.facts.insert(out.facts.end(), o.facts.begin(), o.facts.end());
      }
      break;
    case Condition::Op::none_of:
      out.holds = !evaluate_condition(c.children.front(), scope, globs).holds;
      break;
  }
  return out;
}

std::string_view context_of_fact(const Fact& fact) {
  // A parser may know better than the path (Rust #[cfg(test)] items): its context attribute wins.
  if (fact.has("context")) return fact.get("context");
  // Findings come file by file: the last path's context is asked again and again.
  thread_local std::string last_path;
  thread_local std::string_view last_context;
  if (last_context.empty() || fact.location.path != last_path) {
    last_path = fact.location.path;
    last_context = context_of(last_path);  // a view of a constant: valid after last_path changes
  }
  return last_context;
}

// `paths` and `context` narrow what a rule sees: facts outside them do not exist for it.
bool in_rule_scope(const Rule& rule, const Fact& fact) {
  const std::string& path = fact.location.path;
  // As in .gitignore: a pattern with a '/' is about the whole path, one without about the file name.
  auto matches = [&](const std::string& glob) {
    std::string_view name = glob.find('/') == std::string::npos ? base_name(path) : std::string_view(path);
    return path_glob_match(glob.starts_with('/') ? glob.substr(1) : glob, name);
  };
  if (!rule.include_paths.empty() && std::none_of(rule.include_paths.begin(), rule.include_paths.end(), matches))
    return false;
  if (std::any_of(rule.exclude_paths.begin(), rule.exclude_paths.end(), matches)) return false;
  return rule.contexts.empty() ||
         std::find(rule.contexts.begin(), rule.contexts.end(), context_of_fact(fact)) != rule.contexts.end();
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
      std::size_t next = tmpl.find('{', i + 1);  // the text up to the next placeholder, at once
      if (next == std::string::npos) next = tmpl.size();
      out.append(tmpl, i, next - i);
      i = next;
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
  f.context = context_of_fact(fact);
  f.fingerprint = fingerprint(rule.id, fact.location.path, fact.evidence);
  f.mitigates = rule.effect == "mitigates";
  return f;
}

// Whether a condition cannot hold unless one of its glob tests passes a value: a leaf with a glob,
// `any` whose children all need one, `all` with one child that does; `not` never does.
bool needs_glob(const Condition& c) {
  switch (c.op) {
    case Condition::Op::leaf:
      return std::any_of(c.tests.begin(), c.tests.end(), [](const auto& t) { return !t.patterns.empty(); });
    case Condition::Op::any:
      return std::all_of(c.children.begin(), c.children.end(), needs_glob);
    case Condition::Op::all:
      return std::any_of(c.children.begin(), c.children.end(), needs_glob);
    case Condition::Op::none_of:
      return false;
  }
  return false;
}

}  // namespace

// What CompiledRules builds once: the matcher, and the rules that need one of their own glob
// tests to pass (most: "any of these packages or imports"), with the rule of each glob test, so
// that a call skips those none of whose globs passed a value without walking their conditions.
struct CompiledRules::Compiled {
  explicit Compiled(std::span<const Rule> rules) : matcher(rules), gated(rules.size()) {
    for (std::size_t r = 0; r < rules.size(); ++r) {
      gated[r] = needs_glob(rules[r].match);
      for_each_leaf(rules[r].match, [&](const Condition& leaf) {
        leaves[leaf.fact_kind].push_back(&leaf);
        for (const auto& t : leaf.tests) rule_of.emplace(&t, r);
      });
    }
  }
  GlobMatcher matcher;
  std::vector<char> gated;  // by rule
  std::unordered_map<const Condition::AttrTest*, std::size_t> rule_of;
  std::map<std::string, std::vector<const Condition*>, std::less<>> leaves;  // by fact kind
};

namespace {

// Every rule over `facts`; with `compiled`, glob tests are looked up in hits matched once for all
// rules (see GlobHits), and rules whose globs passed nothing are skipped.
std::vector<Finding> run_rules(std::span<const Rule> rules, const std::vector<Fact>& facts,
                               const CompiledRules::Compiled* compiled) {
  const GlobHits globs(compiled ? &compiled->matcher : nullptr, facts);
  std::vector<char> skip(rules.size(), 0);
  if (compiled) {
    skip = compiled->gated;
    for (const auto* test : globs.passed()) skip[compiled->rule_of.at(test)] = 0;
    if (std::all_of(skip.begin(), skip.end(), [](char s) { return s != 0; })) return {};  // most files of a tree
  }
  std::map<std::string_view, std::vector<const Fact*>> by_file;
  std::vector<const Fact*> all;
  for (const auto& f : facts) {
    by_file[f.location.path].push_back(&f);
    all.push_back(&f);
  }
  // Built once, seen by every rule; the whole target's only when a rule looks at it.
  bool repo_rules = std::any_of(rules.begin(), rules.end(), [](const Rule& r) { return r.scope == "repo"; });
  const Scope repo = repo_rules ? Scope(all) : Scope();
  std::vector<Scope> files;
  for (const auto& [path, list] : by_file) files.emplace_back(list);
  std::vector<Finding> findings;
  for (std::size_t r = 0; r < rules.size(); ++r) {
    if (skip[r]) continue;
    const Rule& rule = rules[r];
    bool narrowed = !rule.include_paths.empty() || !rule.exclude_paths.empty() || !rule.contexts.empty();
    auto run_scope = [&](const Scope& whole) {
      Scope kept;
      if (narrowed) kept = whole.filtered([&](const Fact& f) { return in_rule_scope(rule, f); });
      Outcome o = evaluate_condition(rule.match, narrowed ? kept : whole, globs);
      if (!o.holds) return;
      std::set<const Fact*> seen;
      for (const Fact* f : o.facts)
        if ((rule.at.empty() || f->kind == rule.at) && seen.insert(f).second) findings.push_back(make_finding(rule, *f));
    };
    if (rule.scope == "repo") {
      run_scope(repo);
    } else {
      for (const auto& scope : files) run_scope(scope);
    }
  }
  sort_findings(findings);
  return findings;
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

CompiledRules::CompiledRules(std::span<const Rule> rules) : rules_(rules) {}

CompiledRules::~CompiledRules() = default;

const CompiledRules::Compiled& CompiledRules::compiled() const {
  std::call_once(once_, [this] { compiled_ = std::make_unique<const Compiled>(rules_); });
  return *compiled_;
}

std::vector<Finding> CompiledRules::evaluate(const std::vector<Fact>& facts) const {
  return run_rules(rules_, facts, &compiled());
}

// Exact: a leaf's outcome depends only on the facts it matches, and findings are made only from
// those, so a fact no leaf matches changes nothing the rules find.
bool CompiledRules::matches_a_leaf(const Fact& fact) const {
  const Compiled& c = compiled();
  auto leaves = c.leaves.find(fact.kind);
  if (leaves == c.leaves.end()) return false;
  thread_local std::vector<GlobMatcher::Hit> hits;
  hits.clear();
  c.matcher.match(fact, hits);
  const OneFactHits globs{hits};
  return std::any_of(leaves->second.begin(), leaves->second.end(),
                     [&](const Condition* leaf) { return leaf_matches(*leaf, fact, globs); });
}

std::vector<Finding> evaluate_rules(const std::vector<Rule>& rules, const std::vector<Fact>& facts) {
  return run_rules(rules, facts, nullptr);
}

std::set<std::string, std::less<>> fact_kinds(const Rule& rule) {
  std::set<std::string, std::less<>> kinds;
  for_each_leaf(rule.match, [&kinds](const Condition& leaf) { kinds.insert(leaf.fact_kind); });
  if (!rule.at.empty()) kinds.insert(rule.at);
  return kinds;
}

// Stable: findings equal in every key keep the order the rules gave them, so the report is the
// same whether the rules ran file by file or over the whole target.
void sort_findings(std::vector<Finding>& findings) { std::stable_sort(findings.begin(), findings.end(), finding_before); }

bool finding_before(const Finding& a, const Finding& b) {
  return std::tie(a.location.path, a.location.line, a.location.column, a.rule_id, a.evidence) <
         std::tie(b.location.path, b.location.line, b.location.column, b.rule_id, b.evidence);
}

}  // namespace openlock
