// Lineage (lineage.hpp). Only cards in the scan are known: openlock never looks a model up.
#include "score/lineage.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

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

// A hub id "org/Name" names the model "Name", or the folder it sits in (case-insensitive). The
// models are indexed once by both keys, so matching is one lookup rather than a pass over all.
class BaseIndex {
 public:
  explicit BaseIndex(const std::vector<Model>& models) {
    for (std::size_t i = 0; i < models.size(); ++i) {
      std::string name = ascii_lower(models[i].name), folder = ascii_lower(base_name(folder_of(models[i].path)));
      by_key_[name].push_back(i);
      if (folder != name) by_key_[folder].push_back(i);
    }
  }

  /// Index of the first model (in `models` order) that `base_id` names, other than `derived`.
  std::optional<std::size_t> find(std::size_t derived, const std::string& base_id) const {
    auto it = by_key_.find(ascii_lower(base_name(base_id)));
    if (it == by_key_.end()) return std::nullopt;
    for (std::size_t i : it->second)
      if (i != derived) return i;
    return std::nullopt;
  }

 private:
  std::unordered_map<std::string, std::vector<std::size_t>> by_key_;
};

// Each model's bases, resolved once: distinct models, in the order the card lists them.
std::vector<std::vector<std::size_t>> resolve_bases(const std::vector<Model>& models) {
  const BaseIndex index(models);
  std::vector<std::vector<std::size_t>> bases(models.size());
  for (std::size_t i = 0; i < models.size(); ++i)
    for (const auto& ref : models[i].base_model)
      if (auto b = index.find(i, ref.id); b && std::find(bases[i].begin(), bases[i].end(), *b) == bases[i].end())
        bases[i].push_back(*b);
  return bases;
}

// Bases before the models derived from them (depth-first, iterative: a chain may be long), so
// one pass carries duties down a whole chain; a cycle is cut where it closes.
std::vector<std::size_t> bases_first(const std::vector<std::vector<std::size_t>>& bases) {
  enum class State : char { new_, open, done };
  std::vector<State> state(bases.size(), State::new_);
  std::vector<std::size_t> order;
  order.reserve(bases.size());
  std::vector<std::pair<std::size_t, std::size_t>> stack;  // (model, next base to visit)
  for (std::size_t root = 0; root < bases.size(); ++root) {
    if (state[root] != State::new_) continue;
    state[root] = State::open;
    stack.push_back({root, 0});
    while (!stack.empty()) {
      auto& [m, next] = stack.back();
      if (next < bases[m].size()) {
        std::size_t b = bases[m][next++];
        if (state[b] == State::new_) state[b] = State::open, stack.push_back({b, 0});
        continue;
      }
      state[m] = State::done;
      order.push_back(m);
      stack.pop_back();
    }
  }
  return order;
}

// Duties flow down a chain (base -> fine-tune -> quantisation). In bases-first order one pass
// settles every chain; the passes repeat only while a cycle still carries something new.
void inherit(std::vector<Model>& models, const std::vector<std::vector<std::size_t>>& bases) {
  const std::vector<std::size_t> order = bases_first(bases);
  std::vector<std::unordered_set<std::string>> have(models.size());
  for (std::size_t i = 0; i < models.size(); ++i)
    for (const auto& c : models[i].license.clauses) have[i].insert(c.kind);
  for (std::size_t round = 0, changed = 1; changed && round < models.size(); ++round) {
    changed = 0;
    for (std::size_t i : order) {
      Model& m = models[i];
      for (std::size_t b : bases[i]) {
        const Model& base = models[b];
        for (const auto& c : base.license.clauses) {  // base is never m itself
          if (!kDownstream.count(c.kind) || !have[i].insert(c.kind).second) continue;
          std::string evidence = c.evidence.starts_with("inherited from") ? c.evidence
                                 : "inherited from the base model " + base.name + ": " + c.evidence;
          m.license.clauses.push_back({c.kind, evidence, c.location, c.detail});
          ++changed;
        }
      }
    }
  }
}

}  // namespace

void apply_lineage(std::vector<Model>& models, std::vector<Fact>& facts) {
  const std::vector<std::vector<std::size_t>> bases = resolve_bases(models);
  inherit(models, bases);
  std::unordered_map<std::string_view, const Fact*> base_field;  // card -> its (last) base_model field
  for (const auto& f : facts)
    if (f.kind == "card_field" && f.get("field") == "base_model") base_field[f.location.path] = &f;
  std::vector<Fact> conflicts;
  for (std::size_t i = 0; i < models.size(); ++i) {
    const Model& m = models[i];
    for (std::size_t b : bases[i]) {
      const Model& base = models[b];
      int own = restrictiveness(m.license.kind), inherited = restrictiveness(base.license.kind);
      if (own < 0 || inherited < 0 || own >= inherited) continue;
      Location at{m.path, 1, 1};
      std::string evidence;
      if (auto it = base_field.find(m.path); it != base_field.end()) at = it->second->location, evidence = it->second->evidence;
      Fact conflict{"lineage_conflict", at, evidence, {}};
      conflict.set("base", base.name).set("base_license", base.license.expression).set("base_kind", base.license.kind);
      conflict.set("license", m.license.expression).set("kind", m.license.kind);
      conflicts.push_back(std::move(conflict));
    }
  }
  for (auto& c : conflicts) facts.push_back(std::move(c));
}

}  // namespace openlock
