// Every built-in rule has an annotated fixture folder tests/rules/fixtures/<rule-id>/ and fires
// exactly on its "expect:" lines (see test_rules in openlock/rules.hpp; `openlock rules test`
// runs the same check on a user's packs).
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "openlock/openlock.hpp"

namespace {
const std::string kFixtures = std::string(OPENLOCK_TEST_DATA) + "/rules/fixtures";
}

TEST(RuleFixtures, EveryBuiltinRuleFiresExactlyOnItsExpectedLines) {
  std::size_t checked = 0;
  // The license rules need a known license text; the test pack adds one written for the tests.
  auto problems = openlock::test_rules(kFixtures, {std::string(OPENLOCK_TEST_DATA) + "/rules/packs/licenses"}, checked);
  EXPECT_GE(checked, 20u);
  for (const auto& p : problems) ADD_FAILURE() << p;
}

TEST(RuleFixtures, EveryFixtureFolderBelongsToARule) {
  std::vector<openlock::RuleInfo> rules;
  std::string error;
  ASSERT_TRUE(openlock::list_rules({}, rules, error)) << error;
  for (const auto& entry : std::filesystem::directory_iterator(kFixtures)) {
    std::string name = entry.path().filename().string();
    bool known = std::any_of(rules.begin(), rules.end(), [&](const auto& r) { return r.id == name; });
    EXPECT_TRUE(known) << "fixture folder without a rule: " << name;
  }
}

TEST(RuleFixtures, TestRulesReportsMissesAndStrayFindings) {
  namespace fs = std::filesystem;
  fs::path tmp = fs::temp_directory_path() / ("openlock-fixture-" + std::to_string(::getpid()));
  fs::create_directories(tmp / "lockin.model_provider.openai-sdk");
  std::ofstream(tmp / "lockin.model_provider.openai-sdk" / "requirements.txt")
      << "openai\nlitellm  # expect: lockin.model_provider.openai-sdk\n";
  std::size_t checked = 0;
  auto problems = openlock::test_rules(tmp.string(), {}, checked);
  auto has = [&](const std::string& words) {
    return std::any_of(problems.begin(), problems.end(), [&](const auto& p) {
      return p.rfind("lockin.model_provider.openai-sdk: ", 0) == 0 && p.find(words) != std::string::npos;
    });
  };
  EXPECT_TRUE(has("unexpected finding at requirements.txt:1"));
  EXPECT_TRUE(has("expected a finding at requirements.txt:2"));
  EXPECT_TRUE(has("no 'ok:"));
  fs::remove_all(tmp);
}
