// What every parser is: a pure function from one file's text to facts and diagnostics.
#pragma once

#include <chrono>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.hpp"
#include "core/fact.hpp"
#include "core/text.hpp"
#include "openlock/result.hpp"

namespace openlock {

/// What a file is, decided from its path by discover.
enum class FileKind { model_card, license_text, manifest, deploy, source, other };

struct KnownText;

constexpr int kDefaultMaxNesting = 64;

struct ParseInput {
  std::string_view path;  ///< relative to the target, '/'-separated; used in every Location
  std::string_view text;  ///< whole file contents (may be invalid UTF-8, any line endings)
  const std::vector<KnownText>* licenses = nullptr;  ///< license texts to identify against; null: built-in
  /// Deepest [ { or indentation nesting a JSON/YAML/TOML parser accepts; deeper is refused
  /// (those parsers recurse per level). --max-nesting.
  int max_nesting = kDefaultMaxNesting;
  /// The source lexers stop here with a diagnostic (--parse-budget); max() = no limit.
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  /// Which facts the scan will use; null: all. Parsers may leave out facts it does not want.
  const FactFilter* filter = nullptr;

  [[nodiscard]] bool wants(const Fact& draft) const { return !filter || filter->wants(draft); }
};

/// The diagnostic a parser gives when it stops at its deadline.
inline std::string over_budget_message() {
  return "parsing stopped here: over the per-file time budget (raise with --parse-budget)";
}

/// Polled by long loops: true (once every 4096 calls, when the clock says so) after `deadline`,
/// with the over-budget diagnostic at `line` added to `diagnostics`.
class DeadlineCheck {
 public:
  explicit DeadlineCheck(std::chrono::steady_clock::time_point deadline) : deadline_(deadline) {}
  bool passed(std::string_view path, unsigned line, Diagnostics& diagnostics) {
    if (deadline_ == std::chrono::steady_clock::time_point::max() || (++calls_ & 0xFFF) != 0 ||
        std::chrono::steady_clock::now() <= deadline_)
      return false;
    diagnostics.push_back({{std::string(path), line, 0}, over_budget_message()});
    return true;
  }

 private:
  std::chrono::steady_clock::time_point deadline_;
  unsigned calls_ = 0;
};

struct ParseOutput {
  std::vector<Fact> facts;
  Diagnostics diagnostics;  ///< at most Diagnostics::kMaxPerFile per file, then one "N more"
};

/// The source lexers keep offsets and lines in 32 bits (their tokens stay small): a file of
/// 4 GiB or more is refused with a diagnostic (true) rather than read with wrong evidence.
inline bool too_large_to_lex(const ParseInput& in, ParseOutput& out) {
  if (in.text.size() < std::numeric_limits<std::uint32_t>::max()) return false;
  out.diagnostics.push_back({{std::string(in.path), 0, 0}, "file of 4 GiB or more: not read as source code"});
  return true;
}

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
