// Exhaustive small inputs for tests that compare a matcher with a reference (fnmatch).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace openlock::testing {

/// Every concatenation of up to `max` of `pieces`, "" included.
inline std::vector<std::string> concatenations(const std::vector<std::string>& pieces, std::size_t max) {
  std::vector<std::string> out = {""};
  for (std::size_t begin = 0, len = 0; len < max; ++len) {
    std::size_t end = out.size();
    for (std::size_t i = begin; i < end; ++i)
      for (const auto& p : pieces) out.push_back(out[i] + p);
    begin = end;
  }
  return out;
}

}  // namespace openlock::testing
