// Dockerfiles: FROM images (ARG substitution, multi-stage), ENV, LABEL, and packages installed
// by pip / apt-get inside RUN. Nothing is built or run.
#pragma once
#include "parse/parser.hpp"
namespace openlock {
bool dockerfile_accepts(std::string_view rel_path);
void parse_dockerfile(const ParseInput& in, ParseOutput& out);
}  // namespace openlock
