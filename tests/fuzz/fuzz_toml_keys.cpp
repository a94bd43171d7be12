// libFuzzer target for TOML keys and table headers (dotted keys of many parts, quoted keys,
// [headers] and [[arrays of tables]]): the input is a recipe (repeat_recipe.hpp), e.g.
// "5000\n[\x01a.\x01b]\n" for a header of 5001 parts, and the text goes to both TOML parsers,
// pyproject.toml's and Cargo.toml's. Each must return, facts and diagnostics or not.
#include <cstdint>
#include <string>
#include <string_view>

#include "parse/parser.hpp"
#include "repeat_recipe.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text = openlock::fuzz::expand_recipe(std::string_view(reinterpret_cast<const char*>(data), size));
  for (std::string_view path : {"pyproject.toml", "Cargo.toml"}) {
    const openlock::Parser* parser = openlock::parser_for(path);
    if (!parser) __builtin_trap();  // the registry lost a TOML parser: this target would test nothing
    openlock::ParseOutput out;
    parser->parse(openlock::ParseInput{path, text}, out);
  }
  return 0;
}
