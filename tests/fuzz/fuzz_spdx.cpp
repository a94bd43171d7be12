// libFuzzer target for the SPDX license-expression grammar (Boost.Spirit X3).
#include <cstdint>
#include <string_view>

#include "openlock/license.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto expression = openlock::parse_license_expression(text);
  (void)expression;
  return 0;
}
