// Which lines of a new text are not in an old one: the line diff behind --diff-base.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace openlock {

/// Edit scripts longer than this (after the common head and tail are taken off) are not
/// searched further: the whole differing middle of the new text counts as changed.
inline constexpr std::size_t kMaxLineEdits = 1000;

struct LineChanges {
  std::vector<std::uint32_t> added;  ///< 1-based lines of the new text that the old one lacks, ascending
  bool differs = false;              ///< any line added or removed
};

/// Compares the texts line by line ('\n' ends a line; a trailing '\r' is ignored, so a checkout
/// with CRLF line ends equals its LF blob). A shortest edit script (Myers' O(ND) algorithm) up to
/// `max_edits` insertions and deletions; beyond that, every line between the common head and
/// tail counts as added, so time stays O((N+M) * max_edits).
LineChanges diff_lines(std::string_view old_text, std::string_view new_text, std::size_t max_edits = kMaxLineEdits);

}  // namespace openlock
