// Rules are data: a condition tree over facts, and what to say when it matches.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "openlock/result.hpp"

namespace openlock {

/// A condition over facts. Leaf: facts of `fact_kind` whose attributes match every test
/// (a test matches when any value of the attribute matches any of its patterns; patterns are
/// globs with * ? [..], case-insensitive). any/all/not combine children.
struct Condition {
  enum class Op { leaf, any, all, none_of };  // none_of is the YAML `not`
  Op op = Op::leaf;
  std::string fact_kind;  // leaf only
  struct AttrTest {
    std::string attr;
    std::vector<std::string> patterns;
  };
  std::vector<AttrTest> tests;          // leaf only
  std::vector<Condition> children;      // any / all / not
};

struct Rule {
  std::string id;
  std::string title;
  std::string category;
  std::string vendor;
  Severity severity = Severity::info;
  std::string scope = "file";      ///< "file" or "repo": where all/not look for facts
  std::string effect = "finding";  ///< "finding" or "mitigates"
  std::string confidence;          ///< high|medium|low; empty = derived from the fact kind
  std::string at;                  ///< only facts of this kind become findings (YAML `at`); empty = all
  Condition match;
  std::string message;             ///< template: {evidence} {vendor} {path} {attr.NAME}
  std::string remediation;
  std::vector<std::string> references;
  std::string origin;              ///< file the rule came from (for errors and `rules show`)
};

}  // namespace openlock
