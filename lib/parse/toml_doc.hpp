// TOML manifests (pyproject.toml, Cargo.toml): one guarded parse and facts placed at a node.
#pragma once

#include <toml++/toml.h>

#include <string>

#include "parse/parser.hpp"
#include "parse/text_lines.hpp"

namespace openlock {

/// Parses the whole file; false with a diagnostic (path, line, column) when it is not TOML.
inline bool parse_toml_document(const ParseInput& in, toml::table& doc, Diagnostics& diagnostics) {
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
  auto line = static_cast<unsigned>(n.source().begin.line);
  std::string evidence = line >= 1 && line <= lines.size() ? std::string(trim(lines[line - 1].text)) : std::string();
  return Fact{kind, {std::string(in.path), line, static_cast<unsigned>(n.source().begin.column)}, evidence, {}};
}

}  // namespace openlock
