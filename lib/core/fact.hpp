// The flat fact model: the seam between parsers and rules (see docs/architecture.md).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "openlock/result.hpp"

namespace openlock {

/// One typed observation about a file, with the text that proves it.
/// `kind` is one of the design's fact kinds: license, license_text, license_clause, model, claim,
/// artifact, dependency, index, include, image, resource, import, call, endpoint, env_var,
/// model_ref, backend, heading. Attributes are key/value strings; a key may repeat (lists).
struct Fact {
  std::string kind;
  Location location;
  std::string evidence;
  std::vector<std::pair<std::string, std::string>> attrs;

  /// First value of an attribute, or "" when absent.
  [[nodiscard]] std::string_view get(std::string_view key) const {
    for (const auto& [k, v] : attrs)
      if (k == key) return v;
    return {};
  }
  [[nodiscard]] bool has(std::string_view key) const {
    for (const auto& kv : attrs)
      if (kv.first == key) return true;
    return false;
  }
  Fact& set(std::string key, std::string value) {
    attrs.emplace_back(std::move(key), std::move(value));
    return *this;
  }
};

/// Says whether a fact would be used at all (by a rule, the model stage or the report). A parser
/// that makes many facts asks before building each in full, so the unused ones cost little.
class FactFilter {
 public:
  virtual ~FactFilter() = default;
  /// `draft` has the fact's kind and attributes; its location and evidence may still be empty.
  [[nodiscard]] virtual bool wants(const Fact& draft) const = 0;
};

using AttrView = std::pair<std::string_view, std::string_view>;

/// Sets `draft`'s kind and attributes (`head`, then `rest`) for FactFilter::wants, reusing its
/// strings' buffers: a parser keeps one draft, and a fact turned down then costs no allocation.
inline void fill_draft(Fact& draft, std::string_view kind, std::span<const AttrView> head, std::span<const AttrView> rest) {
  draft.kind.assign(kind);
  draft.attrs.resize(head.size() + rest.size());
  auto to = draft.attrs.begin();
  for (auto part : {head, rest})
    for (const auto& [key, value] : part) to->first.assign(key), to->second.assign(value), ++to;
}

}  // namespace openlock
