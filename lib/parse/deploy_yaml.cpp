// Facts:
//   image       reference, name, tag, source=deploy   (image: "x:y" or image: {repository, tag})
//   resource    name, value                            (keys under limits / requests)
//   runtime     name                                   (runtime:, runtimeClassName:)
//   device      driver, capability*                    (Compose device reservations)
//   label       key, value, source=node_selector       (nodeSelector entries)
//   toleration  key
//   env_var     name, source=deploy                    (env lists and Compose environment)
#include "parse/deploy_yaml.hpp"

#include <yaml-cpp/yaml.h>

#include <set>
#include <utility>

#include "core/text.hpp"
#include "parse/image_ref.hpp"
#include "parse/text_lines.hpp"
#include "parse/yaml_guard.hpp"

namespace openlock {

namespace {

constexpr int kMaxAliases = 200;            // Compose files use anchors; the walk budget bounds the rest
constexpr std::size_t kMaxNodes = 200000;   // nodes visited per file, aliases counted each time

struct Walker {
  const ParseInput& in;
  ParseOutput& out;
  std::vector<TextLine> lines;
  std::size_t budget = kMaxNodes;
  bool exhausted = false;
  const YamlDocument* doc = nullptr;  // the document being walked

  Fact fact(const char* kind, const YAML::Node& at) {
    Location loc = yaml_location(in.path, at, *doc);
    std::string evidence = line_evidence(lines, loc.line, loc.column);
    return Fact{kind, loc, std::move(evidence), {}};
  }

  // Compose (Go's YAML), kubectl and Helm take a repeated key's last value; Compose refuses the
  // file. Each repeat is said once, even when an alias makes the walk pass its map again.
  std::set<std::pair<unsigned, unsigned>> repeats_said = {};
  std::vector<YamlEntry> entries(const YAML::Node& map) {
    return unique_entries(map, RepeatedKey::last, [&](const YAML::Node& key) {
      Location loc = yaml_location(in.path, key, *doc);
      if (!repeats_said.insert({loc.line, loc.column}).second) return;
      std::string name = ascii_lower(base_name(in.path));
      bool compose = name.starts_with("docker-compose") || name.starts_with("compose");
      out.diagnostics.push_back({loc, "repeats the key '" + key.Scalar() + "'; the last one is read" +
                                          (compose ? " (docker compose refuses such a file)" : ", as kubectl and Helm do")});
    });
  }
  static YAML::Node field(const YAML::Node& map, std::string_view key) { return value_of(map, key, RepeatedKey::last); }

  void image(const YAML::Node& key, const YAML::Node& value) {
    std::string reference;
    if (value.IsScalar()) {
      reference = value.Scalar();
    } else if (const YAML::Node repository = field(value, "repository"); repository && repository.IsScalar()) {
      const YAML::Node registry = field(value, "registry"), tag = field(value, "tag");
      reference = (registry && registry.IsScalar() ? registry.Scalar() + "/" : "") + repository.Scalar();
      if (tag && tag.IsScalar() && !tag.Scalar().empty()) reference += ":" + tag.Scalar();
    }
    if (reference.empty() || reference.find("{{") != std::string::npos) return;
    Fact f = fact("image", key);
    set_image_attrs(f, reference).set("source", "deploy");
    out.facts.push_back(std::move(f));
  }

  void walk(const YAML::Node& node, const std::string& parent, int depth) {
    if (exhausted || depth > in.max_nesting) return;
    if (budget-- == 0) {
      exhausted = true;
      out.diagnostics.push_back({{std::string(in.path), 0, 0}, "YAML expands to more than 200000 nodes (aliases?); rest not read"});
      return;
    }
    if (node.IsSequence()) {
      for (const auto& item : node) {
        if (const YAML::Node k = field(item, "key"); parent == "tolerations" && k && k.IsScalar())
          out.facts.push_back(fact("toleration", k).set("key", k.Scalar()));
        if (const YAML::Node name = field(item, "name"); parent == "env" && name && name.IsScalar())
          out.facts.push_back(fact("env_var", name).set("name", name.Scalar()).set("source", "deploy"));
        if (const YAML::Node driver = field(item, "driver"); parent == "devices" && driver && driver.IsScalar()) {
          Fact f = fact("device", driver);
          f.set("driver", driver.Scalar());
          if (const YAML::Node capabilities = field(item, "capabilities"); capabilities && capabilities.IsSequence())
            for (const auto& c : capabilities)
              if (c.IsScalar()) f.set("capability", c.Scalar());
          out.facts.push_back(std::move(f));
        }
        if (item.IsScalar() && parent == "environment") {
          std::string entry = item.Scalar();
          out.facts.push_back(fact("env_var", item).set("name", entry.substr(0, entry.find('='))).set("source", "deploy"));
        }
        walk(item, parent, depth + 1);
      }
      return;
    }
    if (!node.IsMap()) return;
    for (const auto& [key_node, value] : entries(node)) {
      if (!key_node.IsScalar()) continue;
      const std::string key = key_node.Scalar();
      if (key == "image") image(key_node, value);
      if ((key == "runtime" || key == "runtimeClassName") && value.IsScalar())
        out.facts.push_back(fact("runtime", key_node).set("name", value.Scalar()));
      if ((parent == "limits" || parent == "requests") && value.IsScalar())
        out.facts.push_back(fact("resource", key_node).set("name", key).set("value", value.Scalar()));
      if (parent == "nodeSelector" && value.IsScalar())
        out.facts.push_back(fact("label", key_node).set("key", key).set("value", value.Scalar()).set("source", "node_selector"));
      if (parent == "environment" && value.IsScalar())
        out.facts.push_back(fact("env_var", key_node).set("name", key).set("source", "deploy"));
      walk(value, key, depth + 1);
    }
  }
};

bool in_deploy_folder(const std::string& path) {
  for (const char* folder : {"k8s/", "kubernetes/", "deploy/", "deployment/", "deployments/", "manifests/", "charts/",
                             "helm/", "kustomize/"})
    if (path.starts_with(folder) || path.find(std::string("/") + folder) != std::string::npos) return true;
  return false;
}

}  // namespace

bool deploy_yaml_accepts(std::string_view rel_path) {
  std::string name = ascii_lower(base_name(rel_path));
  if (!name.ends_with(".yaml") && !name.ends_with(".yml")) return false;  // before lowering the whole path
  std::string path = ascii_lower(rel_path);
  if (path.find("templates/") != std::string::npos) return false;  // Helm templates are not YAML yet
  return name.starts_with("docker-compose") || name.starts_with("compose") || name.starts_with("values") ||
         in_deploy_folder(path);
}

void parse_deploy_yaml(const ParseInput& in, ParseOutput& out) {
  std::vector<YamlDocument> docs;
  if (!load_yaml_documents(in, kMaxAliases, docs, out.diagnostics)) return;
  Walker w{in, out, split_lines(in.text)};
  try {
    for (const auto& doc : docs) {
      w.doc = &doc;
      w.walk(doc.root, "", 0);
    }
  } catch (const YAML::Exception& e) {  // a node of an unexpected shape: keep what was read
    out.diagnostics.push_back({{std::string(in.path), 0, 0}, "unexpected YAML structure: " + e.msg});
  }
}

}  // namespace openlock
