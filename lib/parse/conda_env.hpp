// Conda environment files (environment*.yml): channels, conda packages and the pip sub-list.
#pragma once
#include "parse/parser.hpp"
namespace openlock {
bool conda_env_accepts(std::string_view rel_path);
void parse_conda_env(const ParseInput& in, ParseOutput& out);
}  // namespace openlock
