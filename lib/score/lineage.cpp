// Lineage (lineage.hpp). Only cards in the scan are known: openlock never looks a model up.
#include "score/lineage.hpp"

#include <algorithm>
#include <set>

#include "core/text.hpp"

namespace openlock {

namespace {

// Duties a derived model carries on from its base's license.
const std::set<std::string, std::less<>> kDownstream = {"naming",     "attribution", "acceptable_use", "share_alike",
                                                        "no_training_other_models", "mau_cap", "non_commercial",
                                                        "field_of_use", "region"};

// 0 open, 1 open weights with restrictions, 2 no commercial use or no derivatives; -1 unknown.
int restrictiveness(const std::string& kind) {
  if (kind == "osi" || kind == "permissive" || kind == "open-data") return 0;
  if (kind == "open-weight" || kind == "rail") return 1;
  if (kind == "non-commercial" || kind == "no-derivatives" || kind == "proprietary") return 2;
  return -1;
}

// A hub id "org/Name" names the model "Name", or the folder it sits in.
const Model* find_base(const std::vector<Model>& models, const Model& derived, const std::string& base_id) {
  std::string wanted = ascii_lower(base_name(base_id));
  for (const auto& m : models)
    if (&m != &derived && (ascii_lower(m.name) == wanted || ascii_lower(base_name(folder_of(m.path))) == wanted)) return &m;
  return nullptr;
}

// Duties flow down a chain (base -> fine-tune -> quantisation): repeat until nothing new arrives.
void inherit(std::vector<Model>& models) {
  for (std::size_t round = 0, changed = 1; changed && round < models.size(); ++round) {
    changed = 0;
    for (auto& m : models)
      for (const auto& base_ref : m.base_model) {
        const Model* base = find_base(models, m, base_ref.id);
        if (!base) continue;
        std::set<std::string> have;
        for (const auto& c : m.license.clauses) have.insert(c.kind);
        for (const auto& c : base->license.clauses)
          if (kDownstream.count(c.kind) && have.insert(c.kind).second) {
            std::string evidence = c.evidence.starts_with("inherited from") ? c.evidence
                                   : "inherited from the base model " + base->name + ": " + c.evidence;
            m.license.clauses.push_back({c.kind, evidence, c.location, c.detail});
            ++changed;
          }
      }
  }
}

}  // namespace

void apply_lineage(std::vector<Model>& models, std::vector<Fact>& facts) {
  inherit(models);
  std::vector<Fact> conflicts;
  for (auto& m : models) {
    for (const auto& base_ref : m.base_model) {
      const Model* base = find_base(models, m, base_ref.id);
      if (!base) continue;
      int own = restrictiveness(m.license.kind), inherited = restrictiveness(base->license.kind);
      if (own < 0 || inherited < 0 || own >= inherited) continue;
      Location at{m.path, 1, 1};
      std::string evidence;
      for (const auto& f : facts)
        if (f.kind == "card_field" && f.location.path == m.path && f.get("field") == "base_model") at = f.location, evidence = f.evidence;
      Fact conflict{"lineage_conflict", at, evidence, {}};
      conflict.set("base", base->name).set("base_license", base->license.expression).set("base_kind", base->license.kind);
      conflict.set("license", m.license.expression).set("kind", m.license.kind);
      conflicts.push_back(std::move(conflict));
    }
  }
  for (auto& c : conflicts) facts.push_back(std::move(c));
}

}  // namespace openlock
