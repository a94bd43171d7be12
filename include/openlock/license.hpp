// SPDX license expressions: parse, validate and normalise without a scan.
#pragma once

#include <cstdint>
#include <optional>
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
  std::string detail;    ///< mau_cap: the user count ("700000000"); acceptable_use: "by_reference"
};

/// Use-restricting clauses in a license text, the first place each kind appears. Never throws.
OPENLOCK_API std::vector<FoundClause> find_license_clauses(std::string_view text);

/// A license text openlock knows (rules/licenses/texts/): what it is and the clauses it carries.
struct KnownLicense {
  std::string id;          ///< knowledge-base id, e.g. "llama-3.1-community-license"
  std::string name;        ///< its title, e.g. "Llama 3.1 Community License Agreement"
  std::string expression;  ///< the SPDX id or LicenseRef- reports use, e.g. "LicenseRef-llama3.1"
  std::string family;      ///< e.g. "llama", "apache", "openrail"
  std::string version;     ///< e.g. "3.1"; empty when the family has one version
  std::string kind;        ///< osi | permissive | open-data | open-weight | rail | non-commercial | ...
  bool osi_approved = false;
  std::string role;        ///< license | use_policy
  std::vector<std::string> clauses;  ///< clause kinds the license carries (docs/report-json.md)
};

/// A known license and how close a text is to it.
struct LicenseCandidate {
  KnownLicense license;
  double similarity = 0;  ///< Sørensen–Dice over word trigrams, 0..1
};

/// One line of a text, with its 1-based number.
struct TextLineRef {
  std::uint32_t line = 0;
  std::string text;
};

/// Which license a whole text is.
struct LicenseIdentification {
  /// identified: a known license, at most small edits; modified: a known license with wording
  /// added or removed (`added`, `missing`), never to be read as the original; unknown: no known
  /// license is clearly nearest (`candidates` lists the nearest).
  std::string status = "unknown";
  std::optional<KnownLicense> license;      ///< identified or modified: the known license
  double similarity = 0;                    ///< of the whole text to that license
  std::vector<TextLineRef> added;           ///< modified: lines the known license does not have
  double missing = 0;                       ///< modified: share of the known wording absent, 0..1
  std::vector<LicenseCandidate> candidates; ///< nearest known licenses, best first (at most 3)
  std::vector<LicenseCandidate> also;       ///< other known licenses found whole after the first
  std::string note;                         ///< why the text is unknown, when it is not a near miss
};

/// Names the license of a whole text (LICENSE file, model license, use policy) by comparing its
/// word trigrams with the fingerprints of rules/licenses/texts/. Robust to reflowed lines,
/// Markdown marks, copyright lines and small edits. Never throws.
OPENLOCK_API LicenseIdentification identify_license(std::string_view text);

/// What openlock knows of one license id: an SPDX id, a LicenseRef or a Hugging Face Hub id.
struct LicenseExplanation {
  bool known = false;          ///< the SPDX list, the Hub mapping or the knowledge base knows it
  std::string expression;      ///< SPDX id or LicenseRef- ("" when unknown)
  std::string name;            ///< title, when the knowledge base has the text
  std::string kind = "unknown";  ///< osi | permissive | open-data | open-weight | rail | non-commercial | ...
  bool osi_approved = false;
  bool deprecated = false;     ///< a deprecated SPDX id
  std::vector<std::string> clauses;  ///< clause kinds its text carries (knowledge base)
};

/// Explains one license id without a scan. Never throws.
OPENLOCK_API LicenseExplanation explain_license(std::string_view id);

/// Every license of the knowledge base, in id order.
OPENLOCK_API std::vector<KnownLicense> known_licenses();

/// Kind of the licenses in an expression: osi | permissive | open-data | open-weight | rail |
/// non-commercial | no-derivatives | proprietary | unknown; the most restrictive one wins.
OPENLOCK_API std::string license_kind(const LicenseExpression& expression);

/// Parses an SPDX license expression (AND, OR, WITH, +, parentheses, LicenseRef-,
/// DocumentRef-...:LicenseRef-). Ids are matched case-insensitively and normalised.
/// Never throws.
OPENLOCK_API LicenseExpression parse_license_expression(std::string_view text);

}  // namespace openlock
