// Rule globs as RE2 regular expressions, so that all the globs over one attribute can run as one
// RE2::Set (see rules/matcher.hpp) instead of one glob_match per pattern.
#pragma once

#include <re2/re2.h>

#include <string>
#include <string_view>

namespace openlock {

/// A regular expression that, matched against a whole value with glob_regex_options(), holds
/// exactly when glob_match(glob, value) does: bytes rather than UTF-8 characters, ASCII case
/// folding only, an unclosed '[' taken literally — whatever glob.cpp does.
std::string glob_to_regex(std::string_view glob);

/// Latin-1 encoding (one byte is one character, as in glob_match), case-sensitive (the case
/// folding is spelled out in the classes), no error logging.
re2::RE2::Options glob_regex_options();

}  // namespace openlock
