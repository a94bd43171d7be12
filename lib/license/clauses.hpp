// Finds use-restricting clauses in a license text, from the phrases in rules/licenses/clauses.yaml.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace openlock {

struct ClauseMatch {
  std::string kind;      ///< mau_cap, acceptable_use, ... (docs/report-json.md)
  unsigned line = 0;     ///< 1-based line where the matching phrase starts
  std::string evidence;  ///< the sentence that carries it (whitespace collapsed, capped)
  std::string detail;    ///< mau_cap: the user count ("700000000"); acceptable_use: "by_reference"
                         ///< when the policy is incorporated from elsewhere; else empty
};

/// The first place each clause kind appears in `text`, in order of appearance.
std::vector<ClauseMatch> find_clauses(std::string_view text);

}  // namespace openlock
