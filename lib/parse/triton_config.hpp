// Triton Inference Server model configurations (config.pbtxt, protobuf text format).
#pragma once
#include "parse/parser.hpp"
namespace openlock {
bool triton_config_accepts(std::string_view rel_path);
void parse_triton_config(const ParseInput& in, ParseOutput& out);
}  // namespace openlock
