#include "core/deployment.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "core/text.hpp"

namespace openlock {

namespace {

PolicyDecision make(const LicenseClause& c, std::string decision, std::string reason) {
  return {std::move(decision), c.kind, std::move(reason), c.evidence, c.location};
}

// allow / deny / require on one declared bool: `bad` is the value the clause forbids.
PolicyDecision on_flag(const LicenseClause& c, const std::optional<bool>& flag, bool bad, const std::string& deny,
                       const std::string& allow, const std::string& undeclared) {
  if (!flag) return make(c, "require", undeclared);
  return *flag == bad ? make(c, "deny", deny) : make(c, "allow", allow);
}

// Duties that bind when the model leaves the house: distributed, or served to others.
PolicyDecision on_sharing(const LicenseClause& c, const Deployment& d, const std::string& act, const std::string& allow,
                          const std::string& undeclared) {
  if (d.distributes_weights.value_or(false) || d.hosts_service.value_or(false)) return make(c, "require", act);
  if (d.distributes_weights && d.hosts_service) return make(c, "allow", allow);
  return make(c, "require", undeclared);
}

bool is_word_char(char ch) { return std::isalnum(static_cast<unsigned char>(ch)) != 0; }

// `word` as a whole word of `text` (both already in the case to compare).
bool has_word(std::string_view text, std::string_view word) {
  for (auto at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
    bool start = at == 0 || !is_word_char(text[at - 1]);
    bool end = at + word.size() == text.size() || !is_word_char(text[at + word.size()]);
    if (start && end) return true;
  }
  return false;
}

// Names that mean the same region. Not vendor knowledge: just so "EU" finds "European Union".
const std::vector<std::vector<std::string>>& region_aliases() {
  static const std::vector<std::vector<std::string>> aliases = {
      {"eu", "european union"}, {"us", "united states"}, {"uk", "united kingdom"}};
  return aliases;
}

// A short code (EU, US) matches only in capitals, so "US" is not found in "lets us"; a name
// matches in any case.
bool region_named(std::string_view sentence, const std::string& region) {
  std::vector<std::string> names = {ascii_lower(region)};
  for (const auto& group : region_aliases())
    if (std::find(group.begin(), group.end(), names.front()) != group.end()) names = group;
  const std::string lower = ascii_lower(sentence);
  return std::any_of(names.begin(), names.end(), [&](const std::string& name) {
    bool code = name.size() <= 3 && std::all_of(name.begin(), name.end(), [](char ch) { return std::isalpha(static_cast<unsigned char>(ch)); });
    return code ? has_word(sentence, ascii_upper(name)) : has_word(lower, name);
  });
}

PolicyDecision on_region(const LicenseClause& c, const Deployment& d) {
  if (!d.regions) return make(c, "require", "declare regions; the license restricts use in some regions");
  for (const auto& region : *d.regions)
    if (region_named(c.evidence, region))
      return make(c, "deny", "the license's region clause names " + region +
                                 ", where this deployment runs; the license does not grant the same rights there");
  std::string list;
  for (const auto& region : *d.regions) list += (list.empty() ? "" : ", ") + region;
  return make(c, "allow", "none of the declared regions (" + list + ") is named in the license's region clause");
}

PolicyDecision on_mau_cap(const LicenseClause& c, const Deployment& d) {
  std::uint64_t cap = 0;
  auto [end, ec] = std::from_chars(c.detail.data(), c.detail.data() + c.detail.size(), cap);
  if (c.detail.empty() || ec != std::errc() || end != c.detail.data() + c.detail.size())
    return make(c, "require", "the license caps monthly active users at a number openlock could not read; compare it with yours");
  const std::string n = std::to_string(cap);
  if (!d.monthly_active_users) return make(c, "require", "declare monthly_active_users; the license caps at " + n);
  const std::string x = std::to_string(*d.monthly_active_users);
  if (*d.monthly_active_users > cap)
    return make(c, "deny", "declared " + x + " monthly active users exceed the license's cap of " + n +
                               "; a separate license from the licensor is needed");
  return make(c, "allow", "declared " + x + " monthly active users are within the license's cap of " + n);
}

PolicyDecision on_attribution(const LicenseClause& c, const Deployment& d) {
  std::string phrase = quoted_phrase(c.evidence);
  std::string act = "this deployment shares the model, so " +
                    (phrase.empty() ? std::string("show the attribution the license asks for")
                                    : "display \"" + phrase + "\" as the license asks");
  return on_sharing(c, d, act, "the attribution duty binds when the model is distributed or served, and this deployment does neither",
                    "declare distributes_weights and hosts_service; the license asks for an attribution when the model is shared");
}

PolicyDecision judge(const LicenseClause& c, const Deployment& d) {
  const std::string& k = c.kind;
  if (k == "mau_cap") return on_mau_cap(c, d);
  if (k == "non_commercial")
    return on_flag(c, d.commercial, true, "the license forbids commercial use and this deployment is commercial",
                   "the license forbids commercial use and this deployment is not commercial",
                   "declare commercial; the license forbids commercial use");
  if (k == "no_training_other_models")
    return on_flag(c, d.trains_on_outputs, true,
                   "the license forbids training other models on the model or its outputs, and this deployment does",
                   "the license forbids training other models on its outputs, and this deployment does not",
                   "declare trains_on_outputs; the license forbids training other models on the model or its outputs");
  if (k == "no_redistribution")
    return on_flag(c, d.distributes_weights, true, "the license forbids redistribution and this deployment distributes the weights",
                   "the license forbids redistribution and this deployment does not distribute the weights",
                   "declare distributes_weights; the license forbids redistribution");
  if (k == "naming")
    return on_sharing(c, d, "this deployment shares the model, so name derived models the way the license asks",
                      "the naming duty binds when the model is distributed or served, and this deployment does neither",
                      "declare distributes_weights and hosts_service; the license dictates how derived models are named");
  if (k == "attribution") return on_attribution(c, d);
  if (k == "share_alike") {
    if (!d.distributes_weights) return make(c, "require", "declare distributes_weights; derivatives that are distributed must keep the license's terms");
    return *d.distributes_weights ? make(c, "require", "this deployment distributes the weights, so release derivatives under the same terms")
                                  : make(c, "allow", "the share-alike duty binds on distribution, and this deployment does not distribute");
  }
  if (k == "region") return on_region(c, d);
  if (k == "acceptable_use")
    return make(c, "require", c.detail == "by_reference"
                                  ? "follow the acceptable-use policy the license incorporates by reference; it can change without the license changing"
                                  : "follow the license's acceptable-use policy");
  if (k == "field_of_use") return make(c, "require", "check that your field of use is not one the license excludes");
  if (k == "revocable") return make(c, "require", "the licensor can revoke the license; keep an exit plan to another model");
  if (k == "gated") return make(c, "require", "accept the licensor's terms on the hub to get the weights");
  return make(c, "require", "review this clause; openlock has no rubric entry for '" + k + "'");
}

int rank(const std::string& decision) { return decision == "deny" ? 0 : decision == "require" ? 1 : 2; }

}  // namespace

std::string quoted_phrase(std::string_view text) {
  static const std::string open_curly = "\u201c", close_curly = "\u201d";
  auto straight = text.find('"'), curly = text.find(open_curly);
  if (straight == std::string_view::npos && curly == std::string_view::npos) return "";
  bool is_curly = curly < straight;
  std::size_t from = is_curly ? curly + open_curly.size() : straight + 1;
  std::size_t to = text.find(is_curly ? std::string_view(close_curly) : std::string_view("\""), from);
  if (to == std::string_view::npos || to == from) return "";
  return std::string(text.substr(from, to - from));
}

std::vector<PolicyDecision> decide(const Deployment& deployment, const std::vector<LicenseClause>& clauses) {
  std::vector<PolicyDecision> out;
  for (const auto& c : clauses) out.push_back(judge(c, deployment));
  std::stable_sort(out.begin(), out.end(), [](const PolicyDecision& a, const PolicyDecision& b) { return rank(a.decision) < rank(b.decision); });
  return out;
}

}  // namespace openlock
