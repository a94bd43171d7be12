// Every built-in rule has an annotated fixture folder tests/rules/fixtures/<rule-id>/ with at
// least one "expect: <rule-id>" line (must produce the finding on that line) and one
// "ok: <rule-id>" line (must not); the rule fires exactly on the expected lines. An annotation
// alone on a "# " comment line is about the line after it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "openlock/openlock.hpp"
#include "rules/loader.hpp"

namespace fs = std::filesystem;
using openlock::Rule;
using openlock::RuleError;

namespace {

const fs::path kFixtures = fs::path(OPENLOCK_TEST_DATA) / "rules" / "fixtures";

using Place = std::pair<std::string, unsigned>;  // path relative to the fixture folder, line

struct Annotations {
  std::set<Place> expect;
  std::set<Place> ok;
};

Annotations read_annotations(const fs::path& dir, const std::string& id) {
  Annotations a;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path());
    std::string line, rel = fs::relative(entry.path(), dir).generic_string();
    for (unsigned n = 1; std::getline(in, line); ++n) {
      // An annotation alone on a comment line ("# expect: id") is about the next line, for
      // formats where a trailing comment would change the line (Dockerfile instructions).
      std::size_t first = line.find_first_not_of(" \t");
      bool alone = first != std::string::npos && line.compare(first, 2, "# ") == 0 &&
                   (line.compare(first + 2, 8, "expect: ") == 0 || line.compare(first + 2, 4, "ok: ") == 0);
      unsigned target = alone ? n + 1 : n;
      if (line.find("expect: " + id) != std::string::npos) a.expect.insert({rel, target});
      if (line.find("ok: " + id) != std::string::npos) a.ok.insert({rel, target});
    }
  }
  return a;
}

std::vector<Rule> builtin_rules() {
  std::vector<Rule> rules;
  std::vector<RuleError> errors;
  openlock::load_builtin_rules(rules, errors);
  for (const auto& e : errors) ADD_FAILURE() << e.to_string();
  return rules;
}

}  // namespace

TEST(RuleFixtures, BuiltinRulesExist) { EXPECT_GE(builtin_rules().size(), 5u); }

TEST(RuleFixtures, EveryRuleFiresExactlyOnItsExpectedLines) {
  for (const auto& rule : builtin_rules()) {
    SCOPED_TRACE(rule.id);
    fs::path dir = kFixtures / rule.id;
    ASSERT_TRUE(fs::is_directory(dir)) << "rule " << rule.id << " has no fixture folder " << dir;
    Annotations a = read_annotations(dir, rule.id);
    EXPECT_FALSE(a.expect.empty()) << "no 'expect: " << rule.id << "' annotation (positive fixture)";
    EXPECT_FALSE(a.ok.empty()) << "no 'ok: " << rule.id << "' annotation (negative fixture)";

    openlock::AuditOptions options;
    options.targets = {dir.string()};
    openlock::AuditResult result;
    openlock::AuditError error;
    ASSERT_TRUE(openlock::Auditor(options).audit(result, error)) << error.message;
    std::set<Place> found;
    for (const auto& f : result.findings)
      if (f.rule_id == rule.id) found.insert({f.location.path, f.location.line});
    EXPECT_EQ(found, a.expect);
    for (const auto& place : a.ok) EXPECT_FALSE(found.count(place)) << place.first << ":" << place.second;
    EXPECT_TRUE(result.diagnostics.empty()) << result.diagnostics.front().message;
  }
}
