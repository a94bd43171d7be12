// pip requirements files (requirements*.txt, constraints*.txt): PEP 508 lines and pip options.
#pragma once
#include "parse/parser.hpp"
namespace openlock {
bool requirements_accepts(std::string_view rel_path);
void parse_requirements(const ParseInput& in, ParseOutput& out);
}  // namespace openlock
