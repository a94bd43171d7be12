// CMakeLists.txt and *.cmake: the commands that say which accelerator backends a build has —
// project(... LANGUAGES CUDA), enable_language, find_package, option() and cached set() of
// backend switches. A tokenizer over CMake's syntax (comments, quoted and bracket arguments);
// nothing is evaluated.
#pragma once

#include <string_view>

#include "parse/parser.hpp"

namespace openlock {

bool cmake_accepts(std::string_view rel_path);
void parse_cmake(const ParseInput& in, ParseOutput& out);

}  // namespace openlock
