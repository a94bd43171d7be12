// The public license questions that need no scan: clauses of a text, kind of an expression.
#include <algorithm>
#include <array>

#include "license/clauses.hpp"
#include "license/hub_license.hpp"
#include "license/license_texts.hpp"
#include "openlock/license.hpp"

namespace openlock {

std::vector<FoundClause> find_license_clauses(std::string_view text) {
  std::vector<FoundClause> out;
  for (auto& c : find_clauses(text)) out.push_back({c.kind, c.line, c.evidence, c.detail});
  return out;
}

std::string license_kind(const LicenseExpression& expression) {
  if (!expression.parsed || expression.licenses.empty()) return "unknown";
  if (expression.osi_approved) return "osi";
  // Most restrictive first; an id the knowledge does not know is "unknown", which outranks
  // every open kind: an unknown license is never treated as permissive.
  static constexpr std::array<std::string_view, 9> kOrder = {"non-commercial", "no-derivatives", "proprietary",
                                                             "rail",           "open-weight",    "unknown",
                                                             "open-data",      "permissive",     "osi"};
  std::size_t worst = kOrder.size() - 1;
  for (const auto& id : expression.licenses) {
    const HubLicense* known = find_hub_license_by_expression(id);
    const KnownText* text = known ? nullptr : find_known_text(id);  // licenses the Hub has no id for
    std::string_view kind = known ? std::string_view(known->kind) : text ? std::string_view(text->info.kind) : "unknown";
    auto rank = static_cast<std::size_t>(std::find(kOrder.begin(), kOrder.end(), kind) - kOrder.begin());
    worst = std::min(worst, rank);
  }
  return std::string(kOrder[worst]);
}

LicenseExplanation explain_license(std::string_view id) {
  LicenseExplanation out;
  std::string expression;
  // An id on the SPDX list reads as SPDX (deprecation included); otherwise a Hub id may name it.
  LicenseExpression e = parse_license_expression(id);
  bool spdx = e.parsed && e.licenses.size() == 1 && e.valid && e.unknown.empty() &&
              !e.licenses.front().starts_with("LicenseRef-");
  if (spdx) {
    expression = e.licenses.front();
    out.known = true;
    out.osi_approved = e.osi_approved;
    out.deprecated = !e.deprecated.empty();
    out.kind = license_kind(e);
  } else if (const HubLicense* hub = find_hub_license(id)) {
    out.known = true;
    expression = hub->expression;
    out.kind = hub->kind;
    out.osi_approved = hub->osi_approved;
  } else if (e.parsed && e.licenses.size() == 1) {
    expression = e.licenses.front();  // a LicenseRef: known only if the knowledge base has it
  } else {
    return out;
  }
  out.expression = expression;
  if (const KnownText* k = find_known_text(expression)) {
    out.known = true;
    out.name = k->info.name;
    if (out.kind == "unknown") out.kind = k->info.kind;
    out.clauses = k->info.clauses;
  }
  return out;
}

}  // namespace openlock
