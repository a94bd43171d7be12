// Facts:
//   index       option=conda-channel, url (the channel as written: "nvidia", "conda-forge", a URL)
//   dependency  ecosystem conda, name, spec, channel ("nvidia::cuda-toolkit=12.1" -> channel nvidia)
//   dependency  ecosystem pypi for the entries of a `- pip:` list (PEP 508)
#include "parse/conda_env.hpp"

#include <yaml-cpp/yaml.h>

#include <optional>

#include "core/text.hpp"
#include "parse/pep508.hpp"
#include "parse/text_lines.hpp"
#include "parse/yaml_guard.hpp"

namespace openlock {

namespace {

constexpr int kMaxAliases = 50;

struct Reader {
  const ParseInput& in;
  ParseOutput& out;
  std::vector<TextLine> lines;

  const YamlDocument& doc;

  Location at(const YAML::Node& n) const { return yaml_location(in.path, n, doc); }
  Fact fact(const char* kind, const YAML::Node& n) const {
    Location loc = at(n);
    std::string evidence = line_evidence(lines, loc.line, loc.column);
    return Fact{kind, loc, std::move(evidence), {}};
  }
  void diagnose(const YAML::Node& n, std::string message) { out.diagnostics.push_back({at(n), std::move(message)}); }

  // conda reads the file with PyYAML, where a repeated key's last value wins.
  std::vector<YamlEntry> entries(const YAML::Node& map) {
    return unique_entries(map, RepeatedKey::last, [&](const YAML::Node& key) {
      diagnose(key, "repeats the key '" + key.Scalar() + "'; the last one is read, as conda does");
    });
  }

  void channels(const YAML::Node& list) {
    if (!list.IsSequence()) return diagnose(list, "'channels' should be a list");
    for (const auto& c : list)
      if (c.IsScalar()) out.facts.push_back(fact("index", c).set("option", "conda-channel").set("url", c.Scalar()));
  }

  // "channel::name=1.2=build", "name>=1.0", "name 1.0.*"
  void conda_package(const YAML::Node& n) {
    std::string spec = n.Scalar(), channel;
    if (auto colons = spec.find("::"); colons != std::string::npos) channel = spec.substr(0, colons), spec = spec.substr(colons + 2);
    auto end = spec.find_first_of("=<>!~ [");
    std::string name = spec.substr(0, end);
    if (name.empty()) return diagnose(n, "conda dependency '" + n.Scalar() + "' has no package name");
    Fact f = fact("dependency", n);
    f.set("ecosystem", "conda").set("name", ascii_lower(name)).set("raw_name", name);
    if (end != std::string::npos) f.set("spec", std::string(trim(spec.substr(end))));
    if (!channel.empty()) f.set("channel", channel);
    out.facts.push_back(std::move(f));
  }

  void pip_list(const YAML::Node& list) {
    if (!list.IsSequence()) return diagnose(list, "'pip' should be a list of requirements");
    for (const auto& item : list) {
      if (!item.IsScalar()) continue;
      std::string_view text = trim(item.Scalar());
      if (text.starts_with('-')) continue;  // -r file, --index-url: pip options
      Pep508 req;
      Pep508Error error;
      if (!parse_pep508(text, req, error)) {
        diagnose(item, "cannot parse pip requirement '" + item.Scalar() + "': " + error.message);
        continue;
      }
      Fact f = fact("dependency", item);
      set_pep508_attrs(f, req);
      f.set("installer", "pip");
      out.facts.push_back(std::move(f));
    }
  }

  void dependencies(const YAML::Node& list) {
    if (!list.IsSequence()) return diagnose(list, "'dependencies' should be a list");
    for (const auto& d : list) {
      if (d.IsScalar()) conda_package(d);
      else if (d.IsMap())
        for (const auto& [key, value] : entries(d))
          if (key.IsScalar() && key.Scalar() == "pip") pip_list(value);
    }
  }
};

}  // namespace

bool conda_env_accepts(std::string_view rel_path) {
  std::string name = ascii_lower(base_name(rel_path));
  return name.starts_with("environment") && (name.ends_with(".yml") || name.ends_with(".yaml"));
}

void parse_conda_env(const ParseInput& in, ParseOutput& out) {
  std::vector<YamlDocument> docs;
  if (!load_yaml_documents(in, kMaxAliases, docs, out.diagnostics) || docs.empty()) return;
  const YAML::Node& doc = docs[0].root;
  if (!doc.IsMap()) {
    out.diagnostics.push_back({{std::string(in.path), 1, 1}, "a conda environment file should be a mapping"});
    return;
  }
  Reader reader{in, out, split_lines(in.text), docs[0]};
  try {
    std::optional<YAML::Node> channels, dependencies;  // emplaced: a Node's operator= writes through
    for (const auto& [key, value] : reader.entries(doc)) {
      if (key.IsScalar() && key.Scalar() == "channels") channels.emplace(value);
      if (key.IsScalar() && key.Scalar() == "dependencies") dependencies.emplace(value);
    }
    if (channels) reader.channels(*channels);
    if (dependencies) reader.dependencies(*dependencies);
  } catch (const YAML::Exception& e) {  // a node of an unexpected shape: keep what was read
    out.diagnostics.push_back({{std::string(in.path), 0, 0}, "unexpected YAML structure: " + e.msg});
  }
}

}  // namespace openlock
