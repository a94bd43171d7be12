// Lock-in rubric (docs/lockin.md, after ../shared/lockin-signals.md §3). The level comes from the
// shape of the evidence outside tests, docs and examples: how many other vendors the counter-
// signals show in-tree, how much the vendor's evidence outweighs them. The score places the
// axis within its level's band by the weight of that evidence. Rule ids end in the kind of
// evidence they match (-sdk, -import, -model, -endpoint, -image, -resource, ...), which the exit
// path counts; vendor names come from the rules only.
#include "score/lockin.hpp"

#include <algorithm>
#include <cmath>
#include <future>
#include <map>
#include <set>
#include <string_view>
#include <unordered_set>
#include <string>

namespace openlock {

namespace {

double severity_weight(Severity s) {
  switch (s) {
    case Severity::info: return 0;
    case Severity::low: return 5;
    case Severity::medium: return 15;
    case Severity::high: return 30;
    case Severity::critical: return 50;
  }
  return 0;
}

double confidence_factor(const std::string& confidence) {
  if (confidence == "high") return 1.0;
  if (confidence == "medium") return 0.6;
  return 0.3;
}

// Evidence in tests, docs and examples says little about what the product depends on.
bool peripheral(const std::string& context) { return context == "test" || context == "docs" || context == "example"; }

double weight_of(const Finding& f) {
  return severity_weight(f.severity) * confidence_factor(f.confidence) * (peripheral(f.context) ? 0.3 : 1.0);
}

LockinEvidence evidence_of(const Finding& f) { return {f.rule_id, f.vendor, f.evidence, f.location, f.context}; }

// The kind of evidence a rule matches: the last word of its id ("lockin.x.openai-import" -> import).
std::string_view kind_of(std::string_view rule_id) {
  auto dash = rule_id.rfind('-'), dot = rule_id.rfind('.');
  std::size_t from = dash != std::string::npos && (dot == std::string::npos || dash > dot) ? dash + 1 : dot + 1;
  return rule_id.substr(from);
}

// Views into the findings, which outlive the scoring: tens of thousands of findings on a big tree.
struct Tally {
  std::size_t findings = 0;
  std::set<std::string_view> files;
};

std::string plural(std::size_t n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

std::string exit_path(const std::string& axis, const std::string& vendor, const std::map<std::string_view, Tally>& by_kind) {
  auto count = [&](std::initializer_list<const char*> kinds, bool files) {
    std::set<std::string_view> f;
    std::size_t n = 0;
    for (const char* k : kinds)
      if (auto it = by_kind.find(k); it != by_kind.end()) n += it->second.findings, f.insert(it->second.files.begin(), it->second.files.end());
    return files ? f.size() : n;
  };
  std::string out;
  auto add = [&](const std::string& step) { out += (out.empty() ? "" : "; ") + step; };
  if (axis == "model_provider") {
    if (std::size_t n = count({"import", "call"}, false))
      add("put the " + vendor + " SDK behind a provider interface (" + plural(n, "import or call", "imports and calls") +
          " in " + plural(count({"import", "call"}, true), "file", "files") + ")");
    if (std::size_t n = count({"model"}, false)) add("make the " + plural(n, "hard-coded model name", "hard-coded model names") + " configurable");
    if (std::size_t n = count({"endpoint", "key"}, false)) add("make the " + plural(n, "endpoint or API-key setting", "endpoint and API-key settings") + " provider-neutral");
    if (count({"sdk"}, false)) add("turn the " + vendor + " SDK dependency into an optional extra");
  } else if (axis == "hardware") {
    if (std::size_t n = count({"wheels", "index", "libraries", "import", "kernels", "language", "toolkit"}, false))
      add("offer a build without " + vendor + "-only dependencies and kernels (" + plural(n, "place", "places") + " in " +
          plural(count({"wheels", "index", "libraries", "import", "kernels", "language", "toolkit"}, true), "file", "files") + ")");
    if (std::size_t n = count({"image"}, false)) add("publish images on a vendor-neutral base (" + plural(n, "image", "images") + ")");
    if (std::size_t n = count({"resource", "selector", "runtime", "toleration"}, false))
      add("drop " + vendor + "-only resources, node selectors and runtimes from the deploy files (" + plural(n, "place", "places") + ")");
  } else {
    if (std::size_t n = by_kind.empty() ? 0 : count({"sdk", "import", "call", "endpoint"}, false))
      add("wrap the " + vendor + " services behind interfaces of your own (" + plural(n, "place", "places") + ")");
  }
  if (out.empty()) {  // evidence of kinds the steps above do not name
    std::size_t n = 0;
    for (const auto& [k, t] : by_kind) n += t.findings;
    out = "replace the " + plural(n, "piece", "pieces") + " of " + vendor + "-specific evidence listed";
  }
  out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out + ".";
}

// The main vendor's evidence in a root-level file that builds or installs the project by default
// (the un-suffixed Dockerfile, requirements.txt, pyproject.toml, ...): the vendor is the default,
// whatever else is in-tree. Returns that file, or "". CMake option() declarations do not count:
// an option says what can be built, not what is.
std::string default_file(const std::vector<const Finding*>& raising, const std::string& vendor) {
  static const std::set<std::string, std::less<>> kDefaults = {"Dockerfile", "Containerfile", "requirements.txt",
                                                               "pyproject.toml", "setup.py", "environment.yml",
                                                               "Cargo.toml", "package.json"};
  for (const Finding* f : raising)
    if (f->vendor == vendor && !peripheral(f->context) && kDefaults.count(f->location.path)) return f->location.path;
  return {};
}

struct Level {
  std::string name, rationale;
};

// The rubric. `evidence`: findings outside tests/docs/examples; `others`: vendors other than
// the main one that counter-signals show in-tree; `counter`: those counter-signals.
Level rubric(const std::string& axis, const std::string& vendor, std::size_t evidence, std::size_t others,
             std::size_t counter, bool deploy_path, const std::string& default_file) {
  std::string ev = vendor + " evidence in " + plural(evidence, "place", "places");
  if (axis == "hardware") {
    if (others == 0) return {"high", ev + " and no other accelerator vendor in-tree" + (deploy_path ? ", " + vendor + " in the build/deploy path" : std::string())};
    if (others >= 2 && evidence <= 2 * counter && !default_file.empty())
      return {"medium", vendor + " is the default (" + default_file + " at the root) although " + std::to_string(others) +
                            " other vendors are supported in-tree (" + plural(counter, "counter-signal", "counter-signals") +
                            " against " + ev + ")"};
    if (others >= 2 && evidence <= 2 * counter)
      return {"low", "several accelerator backends first-class: " + std::to_string(others) + " other vendors in-tree (" +
                         plural(counter, "counter-signal", "counter-signals") + ") against " + ev};
    if (others >= 2) return {"medium", vendor + " is the default (" + ev + ") but " + std::to_string(others) + " other vendors are supported in-tree"};
    if (evidence <= counter) return {"medium", ev + ", one other vendor supported about as much"};
    return {"high", ev + "; the one other vendor in-tree covers only a slice (" + plural(counter, "counter-signal", "counter-signals") + ")"};
  }
  if (axis == "model_provider") {
    if (counter == 0) {
      if (evidence >= 10) return {"high", ev + " and no provider-neutral layer: the vendor's SDK and models are the code's own"};
      return {"medium", ev + " and no provider-neutral layer, but few places use it"};
    }
    if (evidence > 10 * counter) return {"high", ev + "; the neutral layer (" + plural(counter, "counter-signal", "counter-signals") + ") is an adapter at the edge"};
    if (evidence > counter) return {"medium", vendor + " by default (" + ev + "), with a provider-neutral layer in core (" + plural(counter, "counter-signal", "counter-signals") + ")"};
    return {"low", vendor + " is one optional provider among others (" + ev + ", " + plural(counter, "counter-signal", "counter-signals") + ")"};
  }
  if (evidence >= 10) return {"high", ev + ": its managed services are wired through the code"};
  if (evidence >= 3) return {"medium", ev};
  return {"low", ev};
}

int score_in_band(const std::string& level, double weight) {
  double low = 0, high = 0;
  if (level == "low") low = 1, high = 24;
  else if (level == "medium") low = 25, high = 59;
  else if (level == "high") low = 60, high = 100;
  else return 0;
  return static_cast<int>(std::lround(low + (high - low) * std::min(1.0, weight / 100.0)));
}

LockinAxis score_axis(const std::vector<Finding>& findings, const std::string& axis) {
  const std::string category = "lockin." + axis;
  std::vector<const Finding*> raising, lowering;
  std::unordered_set<std::string_view> seen;  // one contribution per fingerprint
  for (const auto& f : findings) {
    // A policy finding judges the evidence; it is not more of it.
    if (f.category != category || f.rule_id.starts_with("policy.") || !seen.insert(f.fingerprint).second) continue;
    (f.mitigates ? lowering : raising).push_back(&f);
  }
  LockinAxis a;
  std::set<std::string> vendors;
  std::map<std::string, double> vendor_weight;
  double weight = 0;
  // The rubric counts places: one rule in one file counts once, however often the file repeats
  // it (a file that says "xpu" ten times is one piece of evidence, as is one CUDA kernel file).
  std::set<std::pair<std::string_view, std::string_view>> evidence_places, counter_places;
  std::size_t evidence = 0;
  for (const Finding* f : raising) {
    if (!f->vendor.empty()) vendors.insert(f->vendor);
    weight += weight_of(*f);
    if (peripheral(f->context)) continue;
    evidence += evidence_places.insert({f->rule_id, f->location.path}).second;
    vendor_weight[f->vendor] += weight_of(*f);
  }
  a.vendors.assign(vendors.begin(), vendors.end());
  if (evidence == 0) {
    a.rationale = raising.empty() ? "no evidence" : "evidence only in tests, docs or examples (" + plural(raising.size(), "finding", "findings") + ")";
    return a;
  }
  std::string vendor = std::max_element(vendor_weight.begin(), vendor_weight.end(), [](const auto& x, const auto& y) {
                         return x.second < y.second;
                       })->first;
  if (vendor.empty()) vendor = "one vendor";
  std::set<std::string> others;
  std::size_t counter = 0;
  bool deploy_path = false;
  std::map<std::string_view, Tally> by_kind;
  for (const Finding* f : raising)
    if (!peripheral(f->context)) {
      deploy_path = deploy_path || f->context == "deploy" || f->context == "build";
      auto& t = by_kind[kind_of(f->rule_id)];
      ++t.findings;
      t.files.insert(f->location.path);
    }
  for (const Finding* f : lowering) {
    if (peripheral(f->context)) continue;
    counter += counter_places.insert({f->rule_id, f->location.path}).second;
    if (!f->vendor.empty() && f->vendor != vendor) others.insert(f->vendor);
    weight -= std::max(weight_of(*f), 5.0);
  }
  if (axis != "hardware") others.clear();  // provider/cloud counter-signals are neutral layers, not vendors
  Level level = rubric(axis, vendor, evidence, others.size(), counter, deploy_path, default_file(raising, vendor));
  a.level = level.name;
  a.rationale = level.rationale;
  a.score = score_in_band(a.level, std::max(weight, 0.0));
  a.exit_path = exit_path(axis, vendor, by_kind);

  // The five heaviest outside tests/docs/examples, the first found first among equals: the order a
  // stable sort by weight gives, without weighing each finding again at every comparison.
  std::vector<std::pair<double, std::size_t>> heaviest;  // (-weight, place in `raising`)
  for (std::size_t i = 0; i < raising.size(); ++i)
    if (!peripheral(raising[i]->context)) heaviest.emplace_back(-weight_of(*raising[i]), i);
  auto top = heaviest.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(5, heaviest.size()));
  std::partial_sort(heaviest.begin(), top, heaviest.end());
  for (auto it = heaviest.begin(); it != top; ++it) a.strongest.push_back(evidence_of(*raising[it->second]));
  for (const Finding* f : lowering)
    if (a.counter_signals.size() < 5 && !peripheral(f->context)) a.counter_signals.push_back(evidence_of(*f));
  return a;
}

}  // namespace

Lockin score_lockin(const std::vector<Finding>& findings) {
  // The axes read the findings independently: on a big tree (tens of thousands) they take turns
  // on the cores the parsers have just left.
  auto hardware = std::async(std::launch::async, [&] { return score_axis(findings, "hardware"); });
  auto provider = std::async(std::launch::async, [&] { return score_axis(findings, "model_provider"); });
  LockinAxis cloud = score_axis(findings, "cloud");
  return {hardware.get(), provider.get(), std::move(cloud)};
}

}  // namespace openlock
