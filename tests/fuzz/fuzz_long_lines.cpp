// libFuzzer target for one long line with many matches, in every format: the input is a path line
// and a recipe (repeat_recipe.hpp), e.g. "Dockerfile\n2000\nFROM x\nRUN \x01pip install a && \x01true\n".
// The text goes to the parser a scan would choose for that path (every manifest parser, both
// source lexers, the others too). run.sh's -timeout and -rss_limit_mb are the oracle: a parser
// whose time or memory grows with matches times line length fails them within kMaxExpanded bytes.
#include <cstdint>
#include <string>
#include <string_view>

#include "parse/parser.hpp"
#include "repeat_recipe.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::size_t newline = input.find('\n');
  if (newline == std::string_view::npos) return 0;
  std::string path(input.substr(0, newline));
  const openlock::Parser* parser = openlock::parser_for(path);
  if (!parser) return -1;  // not kept in the corpus: a path no scan would read
  std::string text = openlock::fuzz::expand_recipe(input.substr(newline + 1));
  openlock::ParseOutput out;
  parser->parse(openlock::ParseInput{path, text}, out);
  return 0;
}
