// npm package.json: dependencies, devDependencies, peerDependencies, optionalDependencies.
#pragma once
#include "parse/parser.hpp"
namespace openlock {
bool package_json_accepts(std::string_view rel_path);
void parse_package_json(const ParseInput& in, ParseOutput& out);
}  // namespace openlock
