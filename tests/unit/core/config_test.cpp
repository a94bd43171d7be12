#include "core/config.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

using namespace openlock;

namespace {

// Loads `text` as a config file; returns the error ("" when it loaded).
std::string load(const std::string& text, Config& config) {
  auto path = std::filesystem::temp_directory_path() / ("openlock-config-test-" + std::to_string(::getpid()) + ".yaml");
  std::ofstream(path) << text;
  std::string error;
  bool ok = load_config(path.string(), config, error);
  std::filesystem::remove(path);
  EXPECT_EQ(ok, error.empty());
  return ok ? "" : error.substr(error.find(".yaml:") + 5);  // ":line: message"
}

std::string error_of(const std::string& text) {
  Config config;
  return load(text, config);
}

}  // namespace

TEST(Config, AllowListsAndDeployment) {
  Config c;
  ASSERT_EQ(load("providers: {allow: [openai, local]}\nhardware:\n  allow: [\"nv*\"]\ncloud: {allow: []}\n"
                 "deployment:\n  commercial: true\n  distributes_weights: false\n  hosts_service: yes\n"
                 "  monthly_active_users: 2000000\n  trains_on_outputs: false\n  regions: [EU, US]\n",
                 c),
            "");
  EXPECT_EQ(*c.allow_providers, (std::vector<std::string>{"openai", "local"}));
  EXPECT_EQ(*c.allow_hardware, (std::vector<std::string>{"nv*"}));
  ASSERT_TRUE(c.allow_cloud.has_value());
  EXPECT_TRUE(c.allow_cloud->empty()) << "an empty allow-list allows no vendor";
  ASSERT_TRUE(c.deployment.has_value());
  EXPECT_EQ(c.deployment->commercial, true);
  EXPECT_EQ(c.deployment->distributes_weights, false);
  EXPECT_EQ(c.deployment->hosts_service, true);
  EXPECT_EQ(c.deployment->monthly_active_users, 2000000u);
  EXPECT_EQ(c.deployment->trains_on_outputs, false);
  EXPECT_EQ(*c.deployment->regions, (std::vector<std::string>{"EU", "US"}));
}

TEST(Config, NothingDeclaredStaysUnset) {
  Config c;
  ASSERT_EQ(load("deployment: {}\n", c), "");
  ASSERT_TRUE(c.deployment.has_value());
  EXPECT_FALSE(c.deployment->commercial || c.deployment->monthly_active_users || c.deployment->regions);
  Config none;
  ASSERT_EQ(load("fail_on: high\n", none), "");
  EXPECT_FALSE(none.deployment || none.allow_providers || none.allow_hardware || none.allow_cloud);
}

TEST(Config, BadTypesNameLineAndKey) {
  EXPECT_EQ(error_of("providers: [openai]\n"), ":1: 'providers' must be a map (allow)");
  EXPECT_EQ(error_of("cloud:\n  alow: [aws]\n"), ":2: unknown key 'cloud.alow'");
  EXPECT_EQ(error_of("hardware:\n  allow: {a: b}\n"), ":2: 'hardware.allow' must be a string or a list of strings");
  EXPECT_EQ(error_of("deployment: [commercial]\n"), ":1: 'deployment' must be a map (commercial, distributes_weights, ...)");
  EXPECT_EQ(error_of("deployment:\n  commercial: maybe\n"), ":2: 'deployment.commercial' must be true or false");
  EXPECT_EQ(error_of("deployment:\n  hosts_service: [true]\n"), ":2: 'deployment.hosts_service' must be true or false");
  for (const char* bad : {"2_000_000", "-5", "1e6", "2.5", "many", "99999999999999999999999"})
    EXPECT_EQ(error_of(std::string("deployment:\n  monthly_active_users: ") + bad + "\n"),
              ":2: 'deployment.monthly_active_users' must be a non-negative whole number (digits only)")
        << bad;
  EXPECT_EQ(error_of("deployment:\n  regions: {EU: 1}\n"), ":2: 'deployment.regions' must be a string or a list of strings");
  EXPECT_EQ(error_of("deployment:\n  users: 5\n"), ":2: unknown key 'deployment.users'");
}

TEST(Config, RulesEnableIsAListOfGlobs) {
  Config c;
  EXPECT_EQ(load("rules:\n  enable: [\"license.*\", lockin.hardware.cuda-wheels]\n", c), "");
  EXPECT_EQ(c.enable, (std::vector<std::string>{"license.*", "lockin.hardware.cuda-wheels"}));
  EXPECT_EQ(error_of("rules:\n  enable: {a: b}\n").substr(0, 17), ":2: 'rules.enable");
}
