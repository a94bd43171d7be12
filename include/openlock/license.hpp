// SPDX license expressions: parse, validate and normalise without a scan.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "openlock/export.hpp"

namespace openlock {

/// The outcome of reading one SPDX license expression.
struct LicenseExpression {
  bool parsed = false;        ///< the text follows the SPDX expression grammar
  bool valid = false;         ///< parsed, and every license and exception id is on the SPDX list (or a LicenseRef)
  std::string normalized;     ///< ids in canonical case, operators upper case, minimal parentheses
  std::vector<std::string> licenses;    ///< license ids and LicenseRefs, in order of appearance
  std::vector<std::string> exceptions;  ///< exception ids used with WITH
  std::vector<std::string> deprecated;  ///< deprecated SPDX ids that appear (e.g. GPL-2.0+)
  std::vector<std::string> unknown;     ///< ids that are not on the SPDX list
  bool osi_approved = false;  ///< valid, and every license (no LicenseRef) is OSI-approved
  std::string error;          ///< why it does not parse or validate, empty when valid
  std::uint32_t error_column = 0;  ///< 1-based column where it breaks, 0 when not positional
};

/// One clause found in a license text, with the sentence and line that carry it.
struct FoundClause {
  std::string kind;      ///< mau_cap, acceptable_use, no_training_other_models, naming, ... (docs/report-json.md)
  std::uint32_t line = 0;
  std::string evidence;
};

/// Use-restricting clauses in a license text, the first place each kind appears. Never throws.
OPENLOCK_API std::vector<FoundClause> find_license_clauses(std::string_view text);

/// Kind of the licenses in an expression: osi | permissive | open-data | open-weight | rail |
/// non-commercial | no-derivatives | proprietary | unknown; the most restrictive one wins.
OPENLOCK_API std::string license_kind(const LicenseExpression& expression);

/// Parses an SPDX license expression (AND, OR, WITH, +, parentheses, LicenseRef-,
/// DocumentRef-...:LicenseRef-). Ids are matched case-insensitively and normalised.
/// Never throws.
OPENLOCK_API LicenseExpression parse_license_expression(std::string_view text);

}  // namespace openlock
