// Python source files: imports, environment variables read, URL hosts and model-name-like
// string literals, from a small lexer that knows comments and string literals (nothing runs).
#pragma once
#include "parse/parser.hpp"
namespace openlock {
bool python_source_accepts(std::string_view rel_path);
void parse_python_source(const ParseInput& in, ParseOutput& out);
}  // namespace openlock
