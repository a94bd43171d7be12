// CMakePresets.json / CMakeUserPresets.json: cache variables that configure presets switch on.
#pragma once
#include "parse/parser.hpp"
namespace openlock {
bool cmake_presets_accepts(std::string_view rel_path);
void parse_cmake_presets(const ParseInput& in, ParseOutput& out);
}  // namespace openlock
