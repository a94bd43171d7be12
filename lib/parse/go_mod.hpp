// Go modules: go.mod require directives (single lines and blocks).
#pragma once
#include "parse/parser.hpp"
namespace openlock {
bool go_mod_accepts(std::string_view rel_path);
void parse_go_mod(const ParseInput& in, ParseOutput& out);
}  // namespace openlock
