// PEP 508 requirement strings, shared by every Python manifest parser (requirements files,
// pyproject.toml, pip install lines in Dockerfiles). Defined in requirements.cpp, the one
// translation unit that pays for Boost.Spirit X3.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/fact.hpp"

namespace openlock {

struct Pep508 {
  std::string raw_name;
  std::vector<std::string> extras;  ///< lower case
  std::string spec;                 ///< clauses without spaces, e.g. ">=1.0,<2"
  std::string version;              ///< only for a single == clause
  std::string url;                  ///< for `name @ url`
  std::string marker;               ///< verbatim, trimmed
};

struct Pep508Error {
  std::size_t column = 0;  ///< 0-based in the parsed text
  std::string message;
};

/// Parses one requirement string; false (and `error`) when it is not valid PEP 508.
bool parse_pep508(std::string_view text, Pep508& req, Pep508Error& error);

/// PEP 503 normalised project name: lower case, runs of - _ . become one -.
std::string normalize_pypi_name(std::string_view raw);

/// Sets the dependency attributes of a parsed requirement on a fact (ecosystem pypi).
void set_pep508_attrs(Fact& fact, const Pep508& req);

}  // namespace openlock
