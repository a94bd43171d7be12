#include "score/models.hpp"

#include "score/facts_by_path.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>

#include "core/text.hpp"
#include "license/hub_license.hpp"
#include "license/license_texts.hpp"

namespace openlock {

namespace {
// SPDX LicenseRef ids allow letters, digits, '.' and '-'.
std::string license_ref(std::string_view name) {
  std::string ref = "LicenseRef-";
  for (char c : name) ref += std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' ? c : '-';
  return ref;
}
}  // namespace

namespace {

// Lower case, with '-', '_' and '.' as spaces: "Apache-2.0" and "apache 2.0" read the same.
std::string loose(std::string_view s) {
  std::string out = " ";
  for (char c : s) {
    char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool word = std::isalnum(static_cast<unsigned char>(l)) || static_cast<unsigned char>(l) >= 0x80;
    if (!word) l = ' ';
    if (l != ' ' || out.back() != ' ') out += l;
  }
  if (out.back() != ' ') out += ' ';
  return out;
}

// A license_name that is a known license's title, id or expression, spelt loosely.
const KnownText* known_by_name(std::string_view name) {
  std::string wanted = loose(name);
  for (const auto& k : known_texts()) {
    std::string title = k.info.name;
    if (title.ends_with(" Agreement")) title.resize(title.size() - 10);
    std::string ref = k.info.expression.starts_with("LicenseRef-") ? k.info.expression.substr(11) : k.info.expression;
    for (const auto& candidate : {k.info.name, title, k.info.id, ref})
      if (loose(candidate) == wanted) return &k;
  }
  return nullptr;
}

}  // namespace

void resolve_card_licenses(std::vector<Fact>& facts) {
  for (auto& fact : facts) {
    if (fact.kind != "license" || fact.get("source") != "card" || fact.has("kind")) continue;
    const HubLicense* known = find_hub_license(fact.get("id"));
    std::string expression = known ? known->expression : license_ref(fact.get("id"));
    // `license: other` names its license in license_name: a known one ("llama3", "Tongyi Qianwen
    // License Agreement") takes its place, any other becomes that LicenseRef.
    if (fact.get("id") == "other" && !fact.get("name").empty()) {
      expression = license_ref(fact.get("name"));
      known = find_hub_license(fact.get("name"));
      if (known) expression = known->expression;
      if (const KnownText* text = !known ? known_by_name(fact.get("name")) : nullptr) {
        expression = text->info.expression;
        fact.set("kind", text->info.kind);
        fact.set("osi", text->info.osi_approved ? "true" : "false");
        fact.set("valid_spdx", "false");
      }
    }
    if (fact.has("kind")) {  // named by the knowledge base above
      fact.set("expression", expression);
      fact.set("named", "true");
      continue;
    }
    // An unknown license is never treated as permissive.
    fact.set("expression", expression);
    fact.set("kind", known ? known->kind : "unknown");
    fact.set("osi", known && known->osi_approved ? "true" : "false");
    fact.set("valid_spdx", known && known->valid_spdx ? "true" : "false");
    fact.set("named", fact.has("name") || fact.has("link") ? "true" : "false");  // `other` says nothing alone
  }
}

namespace {

// The known license a line of the card's License section names, by its title or SPDX id (the
// longest name found wins: "Llama 3.1 Community License" over "Llama"). Nullptr when none.
const KnownText* license_named_in(std::string_view line) {
  std::string text = loose(line);
  // The grant line of a license notice says "the Apache License, Version 2.0": drop the word.
  for (std::size_t at; (at = text.find(" version ")) != std::string::npos;) text.erase(at, 8);
  const KnownText* best = nullptr;
  std::size_t best_length = 0;
  for (const auto& k : known_texts()) {
    if (k.info.role != "license") continue;
    std::string name = k.info.name;
    if (name.ends_with(" Agreement")) name.resize(name.size() - 10);
    std::vector<std::string> names = {loose(name)};
    if (!k.info.expression.starts_with("LicenseRef-")) names.push_back(loose(k.info.expression));
    for (const auto& n : names)
      if (n.size() > best_length && text.find(n) != std::string::npos) best = &k, best_length = n.size();
  }
  return best;
}

// What the card's own License section names, as a license_text-like view: (fact, known license).
std::vector<std::pair<const Fact*, const KnownText*>> prose_licenses(const FactRefs& facts, std::string_view path) {
  std::vector<std::pair<const Fact*, const KnownText*>> out;
  for (const auto& f : facts)
    if (f.kind == "license_prose" && f.location.path == path)
      if (const KnownText* k = license_named_in(f.evidence)) out.emplace_back(&f, k);
  return out;
}

// Whether a License-section line that names a license says it is the model's license. A line
// about the code alone, or one contrasting code and model ("the code is MIT, while the weights
// need the Model License"), is not; nor is a "modified" license, which is not the one named.
bool names_model_license(std::string_view line) {
  std::string text = loose(line);
  auto has = [&](std::initializer_list<const char*> words) {
    return std::any_of(words.begin(), words.end(), [&](const char* w) { return text.find(w) != std::string::npos; });
  };
  if (has({" modified "})) return false;
  bool code = has({" code", " repository ", " repo ", "代码", "仓库"});
  bool model = has({" model", " weights ", " artifacts ", "模型", "权重"});
  bool contrast = has({" while ", " whereas ", " but ", " however ", " subject to ", " except ", "则"});
  return !code || (model && !contrast);
}

}  // namespace

namespace {

// What a folder holds to compare its declarations with, read once per folder however many
// declarations it has (a card may list a license 100 000 times).
struct FolderLicenses {
  const Fact* first_text = nullptr;             // the first license text (not a policy or notice) openlock named
  std::set<std::string, std::less<>> text_ids;  // what those texts are: their expressions and `also` ids
  std::map<std::string_view, std::vector<std::pair<const Fact*, const KnownText*>>> prose;  // card -> prose_licenses
};

FolderLicenses folder_licenses(const FactRefs& near, std::string_view folder) {
  FolderLicenses out;
  for (const auto& f : near) {
    if (folder_of(f.location.path) != folder) continue;
    if (f.kind == "license_prose") {
      if (const KnownText* k = license_named_in(f.evidence)) out.prose[f.location.path].emplace_back(&f, k);
      continue;
    }
    if (f.kind != "license_text" || f.get("role") != "license" || !f.has("expression")) continue;
    if (!out.first_text) out.first_text = &f;
    for (const auto& [key, value] : f.attrs)
      if (key == "expression" || key == "also") out.text_ids.insert(value);
  }
  return out;
}

bool is_declaration(const Fact& f) {
  if (f.kind != "license") return false;
  return f.get("source") == "card" ? f.get("id") != "other" : f.get("valid") == "true";
}

}  // namespace

void compare_declared_licenses(std::vector<Fact>& facts) {
  std::vector<Fact> mismatches;
  const FactsByPath index(facts);  // used before the mismatches join the facts
  std::map<std::string_view, FolderLicenses> folders;
  std::set<std::string> compared;  // (path, declaration): a repeated one says nothing new
  for (const auto& declared : facts) {
    if (!is_declaration(declared)) continue;
    bool card = declared.get("source") == "card";
    std::set<std::string, std::less<>> ids;  // the licenses the declaration names
    if (card) ids.insert(std::string(declared.get("expression")));
    for (const auto& [key, value] : declared.attrs)
      if (key == "license_id") ids.insert(value);
    std::string key = declared.location.path + '\n' + std::string(declared.get("expression"));
    for (const auto& id : ids) key += '\n' + id;
    if (!compared.insert(std::move(key)).second) continue;
    std::string_view folder = folder_of(declared.location.path);
    auto at = folders.find(folder);
    if (at == folders.end()) at = folders.emplace(folder, folder_licenses(index.under(folder), folder)).first;
    const FolderLicenses& here = at->second;
    bool agrees = std::any_of(ids.begin(), ids.end(), [&](const std::string& id) { return here.text_ids.count(id); });
    std::string file(base_name(declared.location.path));
    auto mismatch = [&](std::string found, std::string found_name, std::string where) {
      Fact m{"license_mismatch", declared.location, declared.evidence, {}};
      m.set("declared_in", card ? "The card" : file).set("declared", std::string(declared.get("expression")));
      m.set("found", std::move(found)).set("found_name", std::move(found_name)).set("found_in", std::move(where));
      mismatches.push_back(std::move(m));
    };
    if (here.first_text && !agrees)
      mismatch(std::string(here.first_text->get("expression")), std::string(here.first_text->get("name")),
               here.first_text->location.path + " is");
    if (!card) continue;
    // The card's own prose: a License section naming another known license.
    auto prose = here.prose.find(declared.location.path);
    if (prose == here.prose.end()) continue;
    const auto& named = prose->second;
    bool prose_agrees = std::any_of(named.begin(), named.end(), [&](const auto& p) { return ids.count(p.second->info.expression); });
    if (!prose_agrees)
      mismatch(named.front().second->info.expression, named.front().second->info.name,
               "its License section (line " + std::to_string(named.front().first->location.line) + ") names");
  }
  for (auto& m : mismatches) facts.push_back(std::move(m));
}

namespace {

void fill_license(Model& model, const FactRefs& facts) {
  std::vector<const Fact*> licenses;
  for (const auto& f : facts)
    if (f.kind == "license" && f.location.path == model.path && f.get("source") == "card") licenses.push_back(&f);
  LicenseInfo& info = model.license;
  if (licenses.empty()) {  // no front matter license: what the card's License section names, if anything
    auto named = prose_licenses(facts, model.path);
    std::erase_if(named, [](const auto& p) { return !names_model_license(p.first->evidence); });
    if (named.empty()) return;  // kind stays "unknown", osi false
    const KnownLicense& k = named.front().second->info;
    info.expression = k.expression;
    info.kind = k.kind;
    info.osi_approved = k.osi_approved;
    info.valid_spdx = !k.expression.starts_with("LicenseRef-");
    return;
  }
  bool all_osi = true, all_spdx = true;
  // A list of licenses on a card offers a choice; one listed twice is still one choice.
  std::set<std::string_view> expressions, ids;
  for (const Fact* f : licenses) {
    if (expressions.insert(f->get("expression")).second)
      info.expression.append(info.expression.empty() ? "" : " OR ").append(f->get("expression"));
    if (ids.insert(f->get("id")).second) info.declared.append(info.declared.empty() ? "" : ", ").append(f->get("id"));
    all_osi = all_osi && f->get("osi") == "true";
    all_spdx = all_spdx && f->get("valid_spdx") == "true";
  }
  info.kind = licenses.front()->get("kind");
  info.osi_approved = all_osi;
  info.valid_spdx = all_spdx;
  info.name = licenses.front()->get("name");
  info.link = licenses.front()->get("link");
}

// License texts identified in the card's folder. A card that says `other` (or an id openlock
// does not know) takes the kind of the license text beside it; a modified variant stays unknown.
void fill_identified(Model& model, const FactRefs& facts) {
  std::string_view folder = folder_of(model.path);
  std::vector<const Fact*> texts;  // the fact of each identified entry
  for (const auto& f : facts) {
    if (f.kind != "license_text" || folder_of(f.location.path) != folder || !f.has("expression")) continue;
    texts.push_back(&f);
    model.license.identified.push_back({std::string(f.get("expression")), std::stod(std::string(f.get("similarity"))) / 100,
                                        f.location.path, std::string(f.get("name")), std::string(f.get("status")),
                                        std::string(f.get("role"))});
  }
  LicenseInfo& info = model.license;
  bool unresolved = info.kind == "unknown" && (info.declared.empty() || info.declared == "other" ||
                                               !find_hub_license(info.declared));
  if (!unresolved || info.declared.find(',') != std::string::npos) return;
  for (std::size_t i = 0; i < info.identified.size(); ++i) {
    const auto& id = info.identified[i];
    if (id.status != "identified" || id.role != "license") continue;
    info.kind = texts[i]->get("known_kind");
    info.osi_approved = texts[i]->get("osi") == "true";
    if (info.expression.empty() || info.declared == "other") info.expression = id.id;
    return;
  }
}

// Clauses of the license files in the card's folder. A card license that cannot be identified
// but whose license text restricts use is at best open-weight (non-commercial when it says so);
// it never becomes permissive.
void fill_clauses(Model& model, const FactRefs& facts) {
  std::string_view folder = folder_of(model.path);
  std::set<std::string> kinds;
  for (const auto& f : facts) {
    if (f.kind != "license_clause" || folder_of(f.location.path) != folder) continue;
    model.license.clauses.push_back({std::string(f.get("kind")), f.evidence, f.location, std::string(f.get("detail"))});
    kinds.insert(std::string(f.get("kind")));
  }
  // No license text beside the card: the terms its license id is known to carry, at the card's
  // license line (the knowledge base says so; a LICENSE file would show the sentence).
  if (kinds.empty()) {
    std::set<std::string_view> expressions;  // a license listed twice carries its terms once
    for (const auto& f : facts) {
      if (f.kind != "license" || f.location.path != model.path || f.get("source") != "card") continue;
      if (!expressions.insert(f.get("expression")).second) continue;
      if (const KnownText* k = find_known_text(f.get("expression")))
        for (const auto& clause : k->info.clauses)
          model.license.clauses.push_back({clause, k->info.name + " carries this term (openlock's license knowledge)",
                                           f.location, ""});
    }
    return;
  }
  if (model.license.kind != "unknown") return;
  if (kinds.count("non_commercial"))
    model.license.kind = "non-commercial";
  else if (kinds.count("mau_cap") || kinds.count("acceptable_use") || kinds.count("no_training_other_models") ||
           kinds.count("naming") || kinds.count("field_of_use"))
    model.license.kind = "open-weight";
}

}  // namespace

std::vector<Model> collect_models(const std::vector<Fact>& facts) {
  const FactsByPath index(facts);
  std::vector<Model> models;
  for (const auto& f : facts) {
    if (f.kind != "model") continue;
    Model m;
    m.path = f.location.path;
    m.name = f.get("name");
    if (m.name.empty()) {
      std::string_view folder = folder_of(m.path);
      m.name = folder.empty() ? m.path : std::string(base_name(folder));
    }
    std::string relation(f.get("base_model_relation"));
    m.task = f.get("pipeline_tag");
    for (const auto& [key, value] : f.attrs) {
      if (key == "base_model") m.base_model.push_back({value, relation});
      if (key == "dataset") m.datasets.push_back(value);
    }
    const FactRefs near = index.under(folder_of(m.path));  // the card's and its folder's facts
    m.gated = f.get("gated") == "true";
    for (const auto& e : near) {
      if (e.kind == "eval_result" && e.location.path == m.path)
        m.evaluations.push_back({std::string(e.get("task")), std::string(e.get("dataset")), std::string(e.get("metric")),
                                 std::string(e.get("value")), e.location});
      m.gated = m.gated || (e.kind == "gating" && e.location.path == m.path);
    }
    fill_license(m, near);
    fill_identified(m, near);
    fill_clauses(m, near);
    models.push_back(std::move(m));
  }
  std::sort(models.begin(), models.end(), [](const Model& a, const Model& b) { return a.path < b.path; });
  return models;
}

}  // namespace openlock
