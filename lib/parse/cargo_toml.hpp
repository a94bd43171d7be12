// Cargo.toml: dependencies of every table (also per target and workspace), features, license.
#pragma once
#include "parse/parser.hpp"
namespace openlock {
bool cargo_toml_accepts(std::string_view rel_path);
void parse_cargo_toml(const ParseInput& in, ParseOutput& out);
}  // namespace openlock
