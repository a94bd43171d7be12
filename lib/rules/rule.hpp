// Rules are data: a condition tree over facts, and what to say when it matches.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "openlock/result.hpp"

namespace re2 {
class RE2;
}

namespace openlock {

/// A condition over facts. Leaf: facts of `fact_kind` whose attributes pass every test.
/// any/all/not combine children.
struct Condition {
  enum class Op { leaf, any, all, none_of };  // none_of is the YAML `not`
  Op op = Op::leaf;
  std::string fact_kind;  // leaf only
  /// One attribute test. `attr: pattern` and `attr: [patterns]` are globs; a map gives operators
  /// (glob, equals, regex, gt/ge/lt/le, exists) that one value of the attribute must all pass.
  struct AttrTest {
    std::string attr;
    std::vector<std::string> patterns;           ///< globs, case-insensitive: one must match
    std::vector<std::string> equals;             ///< exact values, case-sensitive: one must be equal
    std::shared_ptr<const re2::RE2> regex;       ///< searched in the value, compiled once at load
    std::optional<double> gt, ge, lt, le;        ///< numeric bounds; a value that is not a number fails
    std::optional<bool> exists;                  ///< the attribute is (or is not) present at all
    int line = 0;                                ///< where the test is written, for errors

    /// Whether the test looks at values at all (else it is `exists` alone).
    bool tests_values() const { return !patterns.empty() || !equals.empty() || regex || gt || ge || lt || le; }
  };
  std::vector<AttrTest> tests;          // leaf only
  std::vector<Condition> children;      // any / all / not
};

/// Calls `visit` with each leaf of `c`, in the order they are written (also those under `not`).
template <typename Visit>
void for_each_leaf(const Condition& c, Visit&& visit) {
  if (c.op == Condition::Op::leaf) visit(c);
  for (const auto& child : c.children) for_each_leaf(child, visit);
}

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
  std::vector<std::string> include_paths;  ///< `paths.include`: globs; empty = every path
  std::vector<std::string> exclude_paths;  ///< `paths.exclude`: globs of paths the rule ignores
  std::vector<std::string> contexts;       ///< `context`: product, test, ...; empty = every context
  Condition match;
  std::string message;             ///< template: {evidence} {vendor} {path} {attr.NAME}
  std::string remediation;
  std::vector<std::string> references;
  std::string origin;              ///< file the rule came from (for errors and `rules show`)
  std::string source;              ///< its YAML text (for `rules show`)
};

}  // namespace openlock
