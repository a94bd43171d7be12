// libFuzzer target for the rule loader: any YAML text is a valid rule or a RuleError, never a crash.
#include <cstdint>
#include <string_view>

#include "rules/loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  openlock::Rule rule;
  openlock::RuleError error;
  openlock::load_rule("fuzz.yaml", text, rule, error);
  return 0;
}
