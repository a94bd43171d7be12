// Source files of the C-syntax family: JavaScript/TypeScript, Go, Rust, C/C++ and the GPU
// dialects (CUDA, HIP, Metal, OpenCL, GLSL compute). One lexer that knows each language's
// comments and string literals; facts as for Python (import, env_var, call, endpoint, model_ref),
// plus `backend` for files whose kind is itself accelerator code (*.cu, *.hip, *.metal, ...).
#pragma once
#include "parse/parser.hpp"
namespace openlock {
bool c_family_source_accepts(std::string_view rel_path);
void parse_c_family_source(const ParseInput& in, ParseOutput& out);
}  // namespace openlock
