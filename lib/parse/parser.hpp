// What every parser is: a pure function from one file's text to facts and diagnostics.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "core/fact.hpp"
#include "core/text.hpp"
#include "openlock/result.hpp"

namespace openlock {

/// What a file is, decided from its path by discover.
enum class FileKind { model_card, license_text, manifest, deploy, source, other };

struct KnownText;

struct ParseInput {
  std::string_view path;  ///< relative to the target, '/'-separated; used in every Location
  std::string_view text;  ///< whole file contents (may be invalid UTF-8, any line endings)
  const std::vector<KnownText>* licenses = nullptr;  ///< license texts to identify against; null: built-in
};

struct ParseOutput {
  std::vector<Fact> facts;
  std::vector<Diagnostic> diagnostics;
};

/// A registered parser. `accepts` looks only at the relative path (name and folders).
/// `parse` never throws: bad input becomes a Diagnostic with path and line.
struct Parser {
  std::string_view name;      ///< e.g. "model_card", "requirements"
  FileKind kind;              ///< what the files it accepts are
  std::string_view ecosystem; ///< e.g. "pypi", "huggingface", "" when none
  bool (*accepts)(std::string_view rel_path);
  void (*parse)(const ParseInput& in, ParseOutput& out);
};

/// All parsers, in registration order (lib/parse/registry.cpp); the first that accepts wins.
std::span<const Parser> parsers();

/// The parser for a path, or nullptr when no parser accepts it.
const Parser* parser_for(std::string_view rel_path);

}  // namespace openlock
