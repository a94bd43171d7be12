// Openness of the models a scan finds: which MOF components the repository publishes (files
// beside the card, links and sections of the card), the MOF class, and the 0-100 score, from the
// knowledge in rules/knowledge/openness.yaml (docs/openness.md).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/fact.hpp"
#include "score/facts_by_path.hpp"
#include "openlock/result.hpp"

namespace openlock {

/// The MOF component a repository file stands for by its name or folders ("Training code" for
/// train/run.py), or nullopt.
std::optional<std::string> artefact_component(std::string_view rel_path);

/// Whether a card body's headings make it a model card even without front matter.
bool looks_like_model_card(const std::vector<std::string>& headings);

/// Adds a `model` fact (inferred=true) for each card without front matter whose headings look
/// like a model card's, so its body still counts: name from its first top heading.
void add_inferred_models(std::vector<Fact>& facts);

/// Adds a `model` fact (inferred=true) for the card at `path` when it has none.
void ensure_model(std::vector<Fact>& facts, const std::string& path);

/// Fills model.openness (components with evidence, class, progress, score) from the facts of
/// the model's folder and below (FactsByPath::under: other facts are never its evidence).
void evaluate_openness(Model& model, const FactRefs& facts);

/// One `openness` fact per model (class, score, whether class III is complete, the missing
/// class III components), for the rules.
void add_openness_facts(const std::vector<Model>& models, std::vector<Fact>& facts);

}  // namespace openlock
