// Hugging Face model card: README.md with YAML front matter, plus the Markdown headings.
#pragma once
#include "parse/parser.hpp"
namespace openlock {
bool model_card_accepts(std::string_view rel_path);
void parse_model_card(const ParseInput& in, ParseOutput& out);
}  // namespace openlock
