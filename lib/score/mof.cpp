// MOF evaluation, matching the Model Openness Tool on its own test data (tools/eval prints the
// agreement). Knowledge (components, open licenses) is rules/licenses/mof.yaml.
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <map>
#include <set>

#include "core/log.hpp"
#include "core/text.hpp"
#include "score/mof.hpp"
#include "rules/embedded.hpp"

namespace openlock {

namespace {

struct MofKnowledge {
  std::vector<MofComponentSpec> components;
  std::set<std::string> open_licenses;  // lower case
};

const MofKnowledge& knowledge();

}  // namespace

const std::vector<MofComponentSpec>& mof_components() { return knowledge().components; }

const MofComponentSpec* find_mof_component(std::string_view name) {
  for (const auto& c : knowledge().components)
    if (c.name == name) return &c;
  return nullptr;
}

bool mof_license_open(const std::string& license) { return knowledge().open_licenses.count(ascii_lower(license)) > 0; }

namespace {

const MofKnowledge& knowledge() {
  static const MofKnowledge k = [] {
    MofKnowledge out;
    try {
      YAML::Node doc = load_embedded_yaml("licenses/mof.yaml");
      for (const auto& c : doc["components"])
        out.components.push_back({c["name"].as<std::string>(), c["content_type"].as<std::string>(), c["class"].as<int>(),
                                  c["required"].as<bool>()});
      for (const auto& l : doc["open_licenses"]) out.open_licenses.insert(ascii_lower(l.as<std::string>()));
    } catch (const std::exception& e) {  // checked by mof_test; guards a broken local edit
      log().error("rules/licenses/mof.yaml: {}", e.what());
    }
    return out;
  }();
  return k;
}

// A license entry is a string or a map with `name`.
std::string license_name(const YAML::Node& node) {
  if (!node) return {};
  if (node.IsScalar()) return node.Scalar();
  if (node.IsMap() && node["name"] && node["name"].IsScalar()) return node["name"].Scalar();
  return {};
}

double percent(std::size_t open, std::size_t required) {
  return required ? std::round(10000.0 * static_cast<double>(open) / static_cast<double>(required)) / 100.0 : 0.0;
}

}  // namespace

std::string mof_class_name(int model_class) {
  switch (model_class) {
    case 1: return "I";
    case 2: return "II";
    case 3: return "III";
    default: return "none";
  }
}

MofEvaluation evaluate_mof(std::string_view record_yaml) {
  MofEvaluation result;
  YAML::Node release;
  try {
    YAML::Node doc = YAML::Load(std::string(record_yaml));
    release = doc.IsMap() ? doc["release"] : YAML::Node();
    if (!release || !release.IsMap()) {
      result.error = "not a MOF record: no 'release' map";
      return result;
    }
  } catch (const YAML::Exception& e) {
    result.error = "line " + std::to_string(e.mark.line + 1) + ": invalid YAML: " + e.msg;
    return result;
  }
  if (release["name"] && release["name"].IsScalar()) result.name = release["name"].Scalar();
  YAML::Node global = release["license"];
  std::map<std::string, std::string> published;  // component -> license that applies
  if (const YAML::Node comps = release["components"]; comps && comps.IsSequence())
    for (const auto& c : comps) {
      if (!c.IsMap() || !c["name"] || !c["name"].IsScalar()) continue;
      const MofComponentSpec* spec = find_mof_component(c["name"].Scalar());
      std::string lic = license_name(c["license"]);
      if (lic.empty() && spec && global && global.IsMap()) {
        lic = license_name(global[spec->content_type]);
        if (lic.empty()) lic = license_name(global["distribution"]);
      }
      published.emplace(c["name"].Scalar(), lic);
    }
  MofEvaluation scored = evaluate_mof_components(published);
  scored.name = result.name;
  return scored;
}

MofEvaluation evaluate_mof_components(const std::map<std::string, std::string>& published) {
  MofEvaluation result;
  const MofKnowledge& k = knowledge();
  std::set<std::string> open;
  for (const auto& spec : k.components) {
    MofComponent comp{spec.name, "absent", ""};
    auto it = published.find(spec.name);
    if (it != published.end()) {
      const std::string& lic = it->second;
      comp.license = lic;
      comp.status = lic.empty() || ascii_lower(lic) == "unlicensed" ? "unlicensed"
                    : k.open_licenses.count(ascii_lower(lic))      ? "open"
                                                                   : "not_open";
      if (comp.status == "open") open.insert(spec.name);
    }
    result.components.push_back(std::move(comp));
  }
  // Cumulative classes; a research paper stands in for a missing technical report.
  bool paper_for_report = !open.count("Technical report") && open.count("Research paper");
  double* progress[] = {nullptr, &result.progress_class1, &result.progress_class2, &result.progress_class3};
  bool above_complete = true;
  for (int cls = 3; cls >= 1; --cls) {
    std::size_t required = 0, satisfied = 0;
    bool paper_required = false;
    for (const auto& spec : k.components)
      if (spec.required && spec.model_class >= cls && spec.name == "Research paper") paper_required = true;
    for (const auto& spec : k.components) {
      if (!spec.required || spec.model_class < cls) continue;
      if (spec.name == "Technical report" && paper_for_report) {
        if (paper_required) continue;  // the paper is counted once, where it is required itself
        ++required, ++satisfied;
        continue;
      }
      ++required;
      satisfied += open.count(spec.name);
    }
    *progress[cls] = above_complete ? percent(satisfied, required) : 0.0;
    above_complete = above_complete && satisfied == required;
  }
  result.model_class = result.progress_class1 == 100.0   ? 1
                       : result.progress_class2 == 100.0 ? 2
                       : result.progress_class3 == 100.0 ? 3
                                                         : 0;
  result.ok = true;
  return result;
}

}  // namespace openlock
