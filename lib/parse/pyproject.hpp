// pyproject.toml: PEP 621 dependencies and optional-dependencies, PEP 735 dependency groups,
// build-system requires, Poetry dependencies and sources, uv indexes.
#pragma once
#include "parse/parser.hpp"
namespace openlock {
bool pyproject_accepts(std::string_view rel_path);
void parse_pyproject(const ParseInput& in, ParseOutput& out);
}  // namespace openlock
