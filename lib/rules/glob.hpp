// Case-insensitive glob matching for rule patterns: * ? [abc] [a-z] [!x].
#pragma once

#include <string>
#include <string_view>

namespace openlock {

/// True when `text` matches `pattern` as a whole, ignoring ASCII case.
bool glob_match(std::string_view pattern, std::string_view text);

/// Why `pattern` is not a usable glob ("'[' is never closed"), or empty when it is.
std::string glob_error(std::string_view pattern);

/// True when `pattern` has no glob metacharacters (so it is an exact, case-insensitive match).
bool is_literal_pattern(std::string_view pattern);

}  // namespace openlock
