// Small helpers shared by the parser tests.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "parse/parser.hpp"

namespace openlock::testing {

inline ParseOutput run(void (*parse)(const ParseInput&, ParseOutput&), std::string_view text,
                       std::string_view path = "dir/file") {
  ParseOutput out;
  parse(ParseInput{path, text}, out);
  return out;
}

inline std::vector<const Fact*> of_kind(const ParseOutput& out, std::string_view kind) {
  std::vector<const Fact*> found;
  for (const auto& f : out.facts)
    if (f.kind == kind) found.push_back(&f);
  return found;
}

inline std::vector<std::string> values(const Fact& f, std::string_view key) {
  std::vector<std::string> v;
  for (const auto& [k, val] : f.attrs)
    if (k == key) v.push_back(val);
  return v;
}

}  // namespace openlock::testing
