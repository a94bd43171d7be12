// LICENSE / LICENSE.* / COPYING / MODEL_LICENSE files, recorded as license-text facts.
#pragma once
#include "parse/parser.hpp"
namespace openlock {
bool license_file_accepts(std::string_view rel_path);
void parse_license_file(const ParseInput& in, ParseOutput& out);
}  // namespace openlock
