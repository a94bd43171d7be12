// list_rules and test_rules: the rule packs seen from outside (CLI `rules`, the fixture test).
#include <re2/re2.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "openlock/auditor.hpp"
#include "openlock/rules.hpp"
#include "rules/loader.hpp"

namespace openlock {

namespace fs = std::filesystem;

namespace {

bool load_all(const std::vector<std::string>& rule_dirs, std::vector<Rule>& rules, std::string& error) {
  std::vector<RuleError> errors;
  load_builtin_rules(rules, errors);
  for (const auto& dir : rule_dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      error = "rules directory '" + dir + "' does not exist";
      return false;
    }
    load_rule_dir(dir, rules, errors);
  }
  if (!errors.empty()) {
    error = errors.front().to_string();
    return false;
  }
  std::sort(rules.begin(), rules.end(), [](const Rule& a, const Rule& b) { return a.id < b.id; });
  return true;
}

using Place = std::pair<std::string, unsigned>;  // path relative to the fixture folder, line

void read_annotations(const fs::path& dir, const std::string& id, std::set<Place>& expect, std::set<Place>& ok) {
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::string line, rel = fs::relative(it->path(), dir).generic_string();
    for (unsigned n = 1; std::getline(in, line); ++n) {
      // An annotation alone on a comment line ("# expect: id", "// ok: id") is about the next
      // line, for formats where a trailing comment would change the line (Dockerfile instructions).
      std::size_t first = line.find_first_not_of(" \t"), marker = 0;
      if (first != std::string::npos && line.compare(first, 2, "# ") == 0) marker = 2;
      if (first != std::string::npos && line.compare(first, 3, "// ") == 0) marker = 3;
      bool alone = marker && (line.compare(first + marker, 8, "expect: ") == 0 || line.compare(first + marker, 4, "ok: ") == 0);
      unsigned target = alone ? n + 1 : n;
      if (line.find("expect: " + id) != std::string::npos) expect.insert({rel, target});
      if (line.find("ok: " + id) != std::string::npos) ok.insert({rel, target});
    }
  }
}

std::string where(const Place& p) { return p.first + ":" + std::to_string(p.second); }

}  // namespace

RuleInfo describe(const Rule& r) {
  return {r.id,          r.title,      r.category,  r.vendor,        r.severity,      r.effect,
          r.scope,       r.message,    r.remediation, r.references,  r.origin,        r.include_paths,
          r.exclude_paths, r.contexts, r.source};
}

std::vector<RuleExample> rule_examples(const std::string& fixtures_dir, const std::string& rule_id) {
  std::set<Place> expect, ok;
  fs::path dir = fs::path(fixtures_dir) / rule_id;
  std::error_code ec;
  if (rule_id.empty() || !fs::is_directory(dir, ec)) return {};
  read_annotations(dir, rule_id, expect, ok);
  std::vector<RuleExample> out;
  for (const auto* places : {&expect, &ok})
    for (const auto& [path, line] : *places) {
      std::ifstream in(dir / path, std::ios::binary);
      std::string text;
      for (unsigned n = 0; n < line && std::getline(in, text);) ++n;
      if (!text.empty() && text.back() == '\r') text.pop_back();
      out.push_back({path, line, text, places == &expect});
    }
  return out;
}

bool list_rules(const std::vector<std::string>& rule_dirs, std::vector<RuleInfo>& out, std::string& error) {
  std::vector<Rule> rules;
  if (!load_all(rule_dirs, rules, error)) return false;
  out.clear();
  for (const auto& r : rules) out.push_back(describe(r));
  return true;
}

namespace {

// Checks one rule against its fixture folder; appends one message per problem.
void test_one(const Rule& rule, const fs::path& dir, const std::vector<std::string>& rule_dirs,
              std::vector<std::string>& problems) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    problems.push_back(rule.id + ": no fixture folder " + dir.string());
    return;
  }
  std::set<Place> expect, ok;
  read_annotations(dir, rule.id, expect, ok);
  if (expect.empty()) problems.push_back(rule.id + ": no 'expect: " + rule.id + "' annotation (positive case)");
  if (ok.empty()) problems.push_back(rule.id + ": no 'ok: " + rule.id + "' annotation (negative case)");

  AuditOptions options;
  options.targets = {dir.string()};
  options.rule_dirs = rule_dirs;
  AuditResult result;
  AuditError audit_error;
  if (!Auditor(options).audit(result, audit_error)) {
    problems.push_back(rule.id + ": " + audit_error.message);
    return;
  }
  std::set<Place> found;
  for (const auto& f : result.findings)
    if (f.rule_id == rule.id) found.insert({f.location.path, f.location.line});
  for (const auto& p : expect)
    if (!found.count(p)) problems.push_back(rule.id + ": expected a finding at " + where(p) + ", got none");
  for (const auto& p : found)
    if (!expect.count(p)) problems.push_back(rule.id + ": unexpected finding at " + where(p));
  for (const auto& d : result.diagnostics)
    problems.push_back(rule.id + ": diagnostic in fixture " + d.location.path + ":" + std::to_string(d.location.line) + ": " +
                       d.message);
}

// Test-only packs of a fixture tree: each folder of `<fixtures_root>/../packs/` (license texts
// written for the fixtures, say) joins `rule_dirs` unless it is there already.
std::vector<std::string> with_test_packs(const fs::path& fixtures_root, std::vector<std::string> rule_dirs) {
  std::error_code ec;
  fs::path packs = fixtures_root.parent_path() / "packs";
  if (!fs::is_directory(packs, ec)) return rule_dirs;
  std::vector<fs::path> found;
  for (const auto& e : fs::directory_iterator(packs, ec))
    if (e.is_directory(ec)) found.push_back(e.path());
  std::sort(found.begin(), found.end());
  for (const auto& pack : found) {
    bool known = std::any_of(rule_dirs.begin(), rule_dirs.end(),
                             [&](const std::string& d) { return fs::equivalent(d, pack, ec); });
    if (!known) rule_dirs.push_back(pack.string());
  }
  return rule_dirs;
}

// A pack rule's fixtures: a folder named by the id beside the rule file, else
// tests/rules/fixtures/<id>/ in a folder that encloses the pack (the project's layout).
fs::path fixtures_of(const Rule& rule) {
  fs::path file = fs::absolute(rule.origin);
  std::error_code ec;
  if (fs::is_directory(file.parent_path() / rule.id, ec)) return file.parent_path() / rule.id;
  for (fs::path up = file.parent_path(); !up.empty(); up = up.parent_path()) {
    if (fs::is_directory(up / "tests" / "rules" / "fixtures" / rule.id, ec)) return up / "tests" / "rules" / "fixtures" / rule.id;
    if (up == up.root_path()) break;
  }
  return file.parent_path() / rule.id;
}

}  // namespace

std::vector<std::string> test_rules(const std::string& fixtures_dir, const std::vector<std::string>& rule_dirs,
                                    std::size_t& rules_checked) {
  std::vector<std::string> problems;
  std::vector<Rule> rules;
  std::string error;
  rules_checked = 0;
  std::vector<std::string> dirs = with_test_packs(fs::absolute(fixtures_dir).lexically_normal(), rule_dirs);
  if (!load_all(dirs, rules, error)) return {error};
  for (const auto& rule : rules) {
    ++rules_checked;
    test_one(rule, fs::path(fixtures_dir) / rule.id, dirs, problems);
  }
  return problems;
}

bool is_rule_pack(const std::string& dir) {
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (it->is_directory(ec) && (name == "licenses" || name == "knowledge" || name == "schema")) it.disable_recursion_pending();
    if (!it->is_regular_file(ec) || !(name.ends_with(".yaml") || name.ends_with(".yml"))) continue;
    std::ifstream in(it->path());
    bool id = false, match = false;
    for (std::string line; std::getline(in, line);) id = id || line.starts_with("id:"), match = match || line.starts_with("match:");
    if (id && match) return true;
  }
  return false;
}

std::vector<std::string> test_rule_pack(const std::string& pack_dir, const std::vector<std::string>& rule_dirs,
                                        std::size_t& rules_checked) {
  std::vector<std::string> dirs = rule_dirs;
  dirs.push_back(pack_dir);
  std::vector<Rule> rules;
  std::string error;
  rules_checked = 0;
  if (!load_all(dirs, rules, error)) return {error};
  std::vector<Rule> pack_rules;  // which ids the pack defines (it may replace built-ins)
  std::vector<RuleError> errors;
  load_rule_dir(pack_dir, pack_rules, errors);
  std::set<std::string> pack_ids;
  for (const auto& r : pack_rules) pack_ids.insert(r.id);
  std::vector<std::string> problems;
  for (const auto& rule : rules) {
    if (!pack_ids.count(rule.id)) continue;
    ++rules_checked;
    fs::path fixtures = fixtures_of(rule);
    test_one(rule, fixtures, with_test_packs(fixtures.parent_path(), dirs), problems);
  }
  return problems;
}

namespace {

std::string glob_to_regex(const std::string& glob) {
  std::string re;
  for (char c : glob) {
    if (c == '*') re += ".*";
    else if (c == '?') re += '.';
    else if (std::string_view("\\^$.|+(){}").find(c) != std::string_view::npos) re += '\\', re += c;  // [...] stays a class
    else re += c;
  }
  return re;
}

void collect_patterns(const Condition& c, std::set<std::string>& out) {
  for_each_leaf(c, [&out](const Condition& leaf) {
    for (const auto& t : leaf.tests) {
      for (const auto& p : t.patterns)
        if (p.find_first_not_of("*? ") != std::string::npos && p != "true" && p != "false") out.insert(glob_to_regex(p));
      if (t.regex) out.insert(t.regex->pattern());
    }
  });
}

}  // namespace

bool rule_patterns(const std::vector<std::string>& rule_dirs, std::vector<std::string>& patterns, std::string& error) {
  std::vector<Rule> rules;
  if (!load_all(rule_dirs, rules, error)) return false;
  std::set<std::string> all;
  for (const auto& r : rules)
    if (r.category.starts_with("lockin.")) collect_patterns(r.match, all);
  patterns.assign(all.begin(), all.end());
  return true;
}

}  // namespace openlock
