// libFuzzer target for TOML keys and headers: the nesting guard, then toml++ (Cargo.toml and
// pyproject.toml both read through parse_toml_document). Small inputs grow deep: the first two
// bytes are a count N (little-endian) and the rest "HEAD|PIECE|TAIL" is read as HEAD, N PIECEs,
// TAIL. A header of 40 000 parts overflowed a scan thread's stack; the seeds make 500 000, which
// overflow this one's main thread too (seeds/toml_keys/header: N = 65535, PIECE "a.a.a.a.a.a.a.a.").
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parse/toml_doc.hpp"

namespace {

std::string expand(std::string_view input) {
  if (input.size() < 2) return std::string(input);
  std::size_t count = static_cast<unsigned char>(input[0]) | static_cast<std::size_t>(static_cast<unsigned char>(input[1])) << 8;
  std::string_view rest = input.substr(2);
  std::size_t bar = rest.find('|'), bar2 = bar == std::string_view::npos ? bar : rest.find('|', bar + 1);
  if (bar2 == std::string_view::npos) return std::string(rest);
  std::string_view piece = rest.substr(bar + 1, bar2 - bar - 1);
  std::string text(rest.substr(0, bar));
  for (std::size_t i = 0; i < count && text.size() < (4u << 20); ++i) text += piece;
  text += rest.substr(bar2 + 1);
  return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text = expand(std::string_view(reinterpret_cast<const char*>(data), size));
  openlock::ParseInput in{"Cargo.toml", text};
  in.max_nesting = 256;  // the most --max-nesting allows: the deepest toml++ is ever given
  toml::table doc;
  std::vector<openlock::Diagnostic> diagnostics;
  openlock::parse_toml_document(in, doc, diagnostics);
  return 0;
}
