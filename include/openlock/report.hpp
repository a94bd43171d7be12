// Reporters: pure functions of an AuditResult.
#pragma once

#include <optional>
#include <ostream>
#include <string_view>

#include "openlock/export.hpp"
#include "openlock/result.hpp"

namespace openlock {

/// Output formats.
enum class Format { text, json, sarif, markdown, junit, cyclonedx, html };

/// Parses a format name ("text", "json", "sarif", "markdown", "junit", "cyclonedx", "html");
/// nullopt when unknown.
OPENLOCK_API std::optional<Format> parse_format(std::string_view name);

/// Rendering choices that do not change the content.
struct RenderOptions {
  bool color = false;                   ///< ANSI colours in the text report
  Severity fail_on = Severity::high;    ///< JUnit: findings at or above this are failures
  bool show_suppressed = false;         ///< text: list findings silenced by openlock:ignore
};

/// Writes the report in the given format.
OPENLOCK_API void render(const AuditResult& result, Format format, std::ostream& out,
                         const RenderOptions& options = {});

}  // namespace openlock
