// Scan-side openness (openness.hpp): evidence for each MOF component, then the MOT's own class
// computation (score/mof.hpp) and openlock's score.
#include "score/openness.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_set>

#include "core/log.hpp"
#include "core/text.hpp"
#include "openlock/license.hpp"
#include "rules/embedded.hpp"
#include "rules/glob.hpp"
#include "score/mof.hpp"

namespace openlock {

namespace {

// A link to one of `hosts` on a line with one of `words` (any line when no words).
struct LinkSign {
  std::vector<std::string> hosts, words;
};

struct ComponentSigns {
  std::string name;
  std::vector<std::string> file_names, folders;
  std::vector<LinkSign> links;
  std::vector<std::string> heading_words, front_matter;
};

struct OpennessKnowledge {
  std::vector<ComponentSigns> components;
  std::vector<std::string> card_headings, card_core_headings;
  double component_share = 70, license_share = 30, restricted = 0.4;
  std::map<std::string, double> weights, license_points, clause_penalties;
};

// node[a][b] that is a null node when any step is missing (yaml-cpp throws on a missing step).
YAML::Node at(const YAML::Node& node, const char* a, const char* b = nullptr) {
  if (!node.IsMap() || !node[a]) return YAML::Node();
  YAML::Node first = node[a];
  if (!b) return first;
  return first.IsMap() && first[b] ? first[b] : YAML::Node();
}

std::vector<std::string> strings(const YAML::Node& node) {
  std::vector<std::string> out;
  if (node && node.IsSequence())
    for (const auto& n : node) out.push_back(n.as<std::string>());
  return out;
}

std::map<std::string, double> numbers(const YAML::Node& node) {
  std::map<std::string, double> out;
  if (node && node.IsMap())
    for (const auto& kv : node) out[kv.first.as<std::string>()] = kv.second.as<double>();
  return out;
}

const OpennessKnowledge& knowledge() {
  static const OpennessKnowledge k = [] {
    OpennessKnowledge out;
    try {
      YAML::Node doc = load_embedded_yaml("knowledge/openness.yaml");
      for (const auto& c : doc["components"]) {
        ComponentSigns s{c["name"].as<std::string>(), strings(at(c, "files", "names")), strings(at(c, "files", "folders")),
                         {}, strings(at(c, "headings", "words")), strings(at(c, "front_matter"))};
        // `links` is one {hosts, words} map or a list of them.
        YAML::Node links = at(c, "links");
        if (links && links.IsMap()) s.links.push_back({strings(links["hosts"]), strings(links["words"])});
        if (links && links.IsSequence())
          for (const auto& l : links) s.links.push_back({strings(at(l, "hosts")), strings(at(l, "words"))});
        out.components.push_back(std::move(s));
      }
      out.card_headings = strings(at(doc, "model_card_headings", "any"));
      out.card_core_headings = strings(at(doc, "model_card_headings", "core"));
      YAML::Node score = doc["score"];
      out.component_share = score["component_share"].as<double>();
      out.license_share = score["license_share"].as<double>();
      out.restricted = score["restricted"].as<double>();
      out.weights = numbers(score["weights"]);
      out.license_points = numbers(score["license_points"]);
      out.clause_penalties = numbers(score["clause_penalties"]);
    } catch (const std::exception& e) {  // checked by openness_test; guards a broken local edit
      log().error("rules/knowledge/openness.yaml: {}", e.what());
    }
    return out;
  }();
  return k;
}

// Whether `path` is in `folder` or below it ("" is the target root).
bool under(std::string_view path, std::string_view folder) {
  return folder.empty() || (path.size() > folder.size() && path.starts_with(folder) && path[folder.size()] == '/');
}

bool any_glob(const std::vector<std::string>& globs, std::string_view text) {
  return std::any_of(globs.begin(), globs.end(), [&](const std::string& g) { return glob_match(g, text); });
}

bool any_word(const std::vector<std::string>& words, const std::string& lower) {
  return std::any_of(words.begin(), words.end(), [&](const std::string& w) { return lower.find(w) != std::string::npos; });
}

// "https://huggingface.co/datasets/x" matches the host "huggingface.co/datasets".
bool host_matches(const std::vector<std::string>& hosts, std::string_view url) {
  auto scheme = url.find("://");
  std::string_view rest = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
  if (rest.starts_with("www.")) rest.remove_prefix(4);
  return std::any_of(hosts.begin(), hosts.end(), [&](const std::string& h) {
    return rest.starts_with(h) && (rest.size() == h.size() || rest[h.size()] == '/' || rest[h.size()] == ':' ||
                                   (h.find('/') == std::string::npos && rest[h.size()] == '.'));
  });
}

// The license the MOF would see: the expression's id when every license in it is one the MOT
// counts as open, else the expression as written (not open).
std::string mof_license(const std::string& expression) {
  if (expression.empty()) return {};
  LicenseExpression e = parse_license_expression(expression);
  if (!e.parsed || e.licenses.empty()) return expression;
  bool all_open = std::all_of(e.licenses.begin(), e.licenses.end(), [](const std::string& id) { return mof_license_open(id); });
  return all_open ? e.licenses.front() : expression;
}

struct Found {
  std::string source, evidence;
  Location location;
};

// The strongest sign of a component among the facts that belong to this model: a published
// file, then a front-matter field, then a link, then a section heading.
std::optional<Found> find_component(const ComponentSigns& c, const Model& m, const std::vector<const Fact*>& facts) {
  if (c.name == "Model card") return Found{"card", m.path, {m.path, 1, 1}};
  for (const Fact* f : facts)
    if (f->kind == "model_file" && f->get("component") == c.name) return Found{"file", f->location.path, f->location};
  for (const Fact* f : facts)
    if (f->kind == "card_field" && std::find(c.front_matter.begin(), c.front_matter.end(), f->get("field")) != c.front_matter.end())
      return Found{"front_matter", f->evidence, f->location};
  for (const Fact* f : facts)
    for (const auto& l : c.links)
      if (f->kind == "link" && !l.hosts.empty() && host_matches(l.hosts, f->get("url")) &&
          (l.words.empty() || any_word(l.words, ascii_lower(f->evidence))))
        return Found{"link", f->evidence, f->location};
  for (const Fact* f : facts)
    if (f->kind == "heading" && any_word(c.heading_words, ascii_lower(f->get("text"))))
      return Found{"section", f->evidence, f->location};
  return std::nullopt;
}

int score_of(const Model& m, const MofEvaluation& mof) {
  const OpennessKnowledge& k = knowledge();
  double total = 0, earned = 0;
  for (const auto& comp : mof.components) {
    double w = k.weights.count(comp.name) ? k.weights.at(comp.name) : 0;
    total += w;
    if (comp.status == "open") earned += w;
    else if (comp.status != "absent") earned += w * k.restricted;
  }
  double components = total > 0 ? k.component_share * earned / total : 0;
  std::string kind = mof_license_open(mof_license(m.license.expression)) ? "open" : m.license.kind;
  double license = k.license_points.count(kind) ? k.license_points.at(kind) : 0;
  std::set<std::string> clauses;
  for (const auto& c : m.license.clauses) clauses.insert(c.kind);
  for (const auto& c : clauses)
    if (k.clause_penalties.count(c)) license -= k.clause_penalties.at(c);
  license = std::clamp(license, 0.0, k.license_share);
  return static_cast<int>(std::lround(std::clamp(components + license, 0.0, 100.0)));
}

}  // namespace

std::optional<std::string> artefact_component(std::string_view rel_path) {
  const auto& components = knowledge().components;
  // Which components some folder above the file stands for depends on the folder alone; the walk
  // hands over a folder's files one after another, so the last folder's answer is kept.
  thread_local std::string last_folder = "\n";  // no path has this folder
  thread_local std::vector<bool> folder_stands_for;
  std::string_view folder = folder_of(rel_path);
  if (folder != last_folder) {
    last_folder = folder;
    folder_stands_for.assign(components.size(), false);
    for (std::size_t i = 0; i < components.size(); ++i)
      for (std::string_view dir = folder; !dir.empty() && !components[i].folders.empty(); dir = folder_of(dir))
        if (any_glob(components[i].folders, base_name(dir))) {  // glob_match ignores ASCII case itself
          folder_stands_for[i] = true;
          break;
        }
  }
  std::string_view name = base_name(rel_path);
  for (std::size_t i = 0; i < components.size(); ++i)
    if (any_glob(components[i].file_names, name) || folder_stands_for[i]) return components[i].name;
  return std::nullopt;
}

bool looks_like_model_card(const std::vector<std::string>& headings) {
  const OpennessKnowledge& k = knowledge();
  std::size_t any = 0, core = 0;
  for (const auto& h : headings) {
    std::string lower = ascii_lower(h);
    any += any_word(k.card_headings, lower);
    core += any_word(k.card_core_headings, lower);
  }
  return core >= 1 && any >= 3;
}

namespace {

Fact inferred_model(const std::string& path, const std::vector<const Fact*>& headings) {
  Fact m{"model", {path, 1, 1}, "", {}};
  auto top = std::find_if(headings.begin(), headings.end(), [](const Fact* h) { return h->get("level") == "1"; });
  if (top != headings.end()) m.set("name", std::string((*top)->get("text")));
  m.set("gated", "false").set("inferred", "true");
  return m;
}

}  // namespace

void ensure_model(std::vector<Fact>& facts, const std::string& path) {
  std::vector<const Fact*> headings;
  for (const auto& f : facts) {
    if (f.kind == "model" && f.location.path == path) return;
    if (f.kind == "heading" && f.location.path == path) headings.push_back(&f);
  }
  Fact m = inferred_model(path, headings);
  facts.push_back(std::move(m));
}

void add_inferred_models(std::vector<Fact>& facts) {
  std::set<std::string> with_model;
  std::map<std::string, std::vector<const Fact*>> headings;  // card path -> its headings
  for (const auto& f : facts) {
    if (f.kind == "model") with_model.insert(f.location.path);
    if (f.kind == "heading") headings[f.location.path].push_back(&f);
  }
  std::vector<Fact> added;
  for (const auto& [path, hs] : headings) {
    if (with_model.count(path)) continue;
    std::vector<std::string> texts;
    for (const Fact* h : hs) texts.emplace_back(h->get("text"));
    if (looks_like_model_card(texts)) added.push_back(inferred_model(path, hs));
  }
  for (auto& m : added) facts.push_back(std::move(m));
}

void evaluate_openness(Model& model, const FactRefs& facts) {
  // The model's facts: its card's, and the files under its folder that no deeper card claims.
  std::string_view folder = folder_of(model.path);
  std::unordered_set<std::string_view> deeper;  // folders of the other cards here or below
  for (const auto& f : facts)
    if (f.kind == "model" && f.location.path != model.path && under(f.location.path, folder))
      deeper.insert(folder_of(f.location.path));
  // Whether another card claims `path` (in this folder or below): one of the path's folders, up
  // to this card's, has one. A set lookup per folder, not a pass over the cards: a hub mirror
  // has thousands.
  auto claimed = [&](std::string_view path) {
    for (std::string_view d = folder_of(path);; d = folder_of(d)) {
      if (deeper.count(d)) return true;
      if (d.size() <= folder.size()) return false;
    }
  };
  std::vector<const Fact*> own;
  std::string code_license;
  for (const auto& f : facts) {
    bool in_card = f.location.path == model.path;
    if (in_card || (f.kind == "model_file" && under(f.location.path, folder) && !claimed(f.location.path))) own.push_back(&f);
    // The code's license: a license file identified at the model's root.
    if (f.kind == "license_text" && folder_of(f.location.path) == folder && f.get("status") == "identified" &&
        f.get("role") == "license" && code_license.empty())
      code_license = f.get("expression");
  }
  std::string global = mof_license(model.license.expression);
  std::string code = code_license.empty() ? global : mof_license(code_license);

  std::map<std::string, std::string> published;
  std::map<std::string, Found> found;
  for (const auto& c : knowledge().components) {
    auto sign = find_component(c, model, own);
    if (!sign) continue;
    const MofComponentSpec* spec = find_mof_component(c.name);
    published[c.name] = spec && spec->content_type == "code" ? code : global;
    found[c.name] = *sign;
  }
  MofEvaluation mof = evaluate_mof_components(published);
  Openness& o = model.openness;
  o.evidence.clear();
  o.components.clear();
  for (const auto& comp : mof.components) {
    ComponentEvidence e{comp.name, comp.status, comp.license, "", "", {}};
    if (auto it = found.find(comp.name); it != found.end())
      e.source = it->second.source, e.evidence = it->second.evidence, e.location = it->second.location;
    o.components[comp.name] = comp.status;
    o.evidence.push_back(std::move(e));
  }
  o.model_class = mof_class_name(mof.model_class);
  o.progress_class3 = mof.progress_class3;
  o.progress_class2 = mof.progress_class2;
  o.progress_class1 = mof.progress_class1;
  o.score = score_of(model, mof);
  o.evaluated = true;
}

void add_openness_facts(const std::vector<Model>& models, std::vector<Fact>& facts) {
  for (const auto& m : models) {
    if (!m.openness.evaluated) continue;
    Fact f{"openness", {m.path, 1, 1}, m.name, {}};
    f.set("class", m.openness.model_class).set("score", std::to_string(m.openness.score));
    f.set("class3", m.openness.progress_class3 == 100.0 ? "complete" : "incomplete");
    std::string missing;
    for (const auto& e : m.openness.evidence) {
      const MofComponentSpec* spec = find_mof_component(e.name);
      if (spec && spec->model_class == 3 && spec->required && e.status != "open")
        missing += (missing.empty() ? "" : ", ") + e.name;
    }
    f.set("missing", missing);
    facts.push_back(std::move(f));
  }
}

}  // namespace openlock
