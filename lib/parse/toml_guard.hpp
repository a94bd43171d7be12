// A look at TOML text before toml++ parses it: toml++ bounds nested arrays and inline tables but
// recurses once per part of a dotted key or table header (`[a.a.a…]` of 40 000 parts overflows
// the stack).
#pragma once

#include <cstddef>
#include <string_view>

namespace openlock {

/// Where (byte offset) the TOML text first nests deeper than `max_nesting` levels, or npos. A
/// level is a part of a table header or of a dotted key (added to those of its header or of the
/// inline table holding it), or an array or inline table within an array. One linear pass that
/// skips strings (basic, literal, multi-line) and comments.
std::size_t toml_too_deep(std::string_view toml, int max_nesting);

}  // namespace openlock
