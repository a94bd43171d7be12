// TOML manifests (pyproject.toml, Cargo.toml): one guarded parse and facts placed at a node.
#pragma once

#include <toml++/toml.h>

#include <algorithm>
#include <string>

#include "parse/parser.hpp"
#include "parse/text_lines.hpp"
#include "parse/toml_guard.hpp"

namespace openlock {

/// Parses the whole file; false with a diagnostic (path, line, column) when it nests deeper than
/// in.max_nesting (toml++ recurses per dotted-key part) or is not TOML.
inline bool parse_toml_document(const ParseInput& in, toml::table& doc, Diagnostics& diagnostics) {
  if (std::size_t at = toml_too_deep(in.text, in.max_nesting); at != std::string_view::npos) {
    std::string_view before = in.text.substr(0, at);
    auto line = static_cast<unsigned>(std::count(before.begin(), before.end(), '\n') + 1);
    auto column = static_cast<unsigned>(at - (before.rfind('\n') + 1) + 1);  // npos + 1 == 0
    diagnostics.push_back({{std::string(in.path), line, column},
                           "TOML nests deeper than " + std::to_string(in.max_nesting) +
                               " levels (dotted key, table header, array or inline table); refused (raise with --max-nesting)"});
    return false;
  }
  try {
    doc = toml::parse(in.text, std::string(in.path));
  } catch (const toml::parse_error& e) {
    diagnostics.push_back({{std::string(in.path), static_cast<unsigned>(e.source().begin.line),
                            static_cast<unsigned>(e.source().begin.column)},
                           "invalid TOML: " + std::string(e.description())});
    return false;
  }
  return true;
}

/// A fact at a node's position, its line's text as the evidence.
inline Fact toml_fact(const char* kind, const toml::node& n, const ParseInput& in, const std::vector<TextLine>& lines) {
  auto line = static_cast<unsigned>(n.source().begin.line), column = static_cast<unsigned>(n.source().begin.column);
  return Fact{kind, {std::string(in.path), line, column}, line_evidence(lines, line, column), {}};
}

}  // namespace openlock
