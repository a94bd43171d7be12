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

  void image(const YAML::Node& key, const YAML::Node& value) {
    std::string reference;
    if (value.IsScalar()) {
      reference = value.Scalar();
    } else if (value.IsMap() && value["repository"] && value["repository"].IsScalar()) {
      std::string registry = value["registry"] && value["registry"].IsScalar() ? value["registry"].Scalar() + "/" : "";
      reference = registry + value["repository"].Scalar();
      if (value["tag"] && value["tag"].IsScalar() && !value["tag"].Scalar().empty()) reference += ":" + value["tag"].Scalar();
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
        if (item.IsMap() && parent == "tolerations" && item["key"] && item["key"].IsScalar())
          out.facts.push_back(fact("toleration", item["key"]).set("key", item["key"].Scalar()));
        if (item.IsMap() && parent == "env" && item["name"] && item["name"].IsScalar())
          out.facts.push_back(fact("env_var", item["name"]).set("name", item["name"].Scalar()).set("source", "deploy"));
        if (item.IsMap() && parent == "devices" && item["driver"] && item["driver"].IsScalar()) {
          Fact f = fact("device", item["driver"]);
          f.set("driver", item["driver"].Scalar());
          if (item["capabilities"] && item["capabilities"].IsSequence())
            for (const auto& c : item["capabilities"])
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
    for (const auto& kv : node) {
      if (!kv.first.IsScalar()) continue;
      const std::string key = kv.first.Scalar();
      const YAML::Node& value = kv.second;
      if (key == "image") image(kv.first, value);
      if ((key == "runtime" || key == "runtimeClassName") && value.IsScalar())
        out.facts.push_back(fact("runtime", kv.first).set("name", value.Scalar()));
      if ((parent == "limits" || parent == "requests") && value.IsScalar())
        out.facts.push_back(fact("resource", kv.first).set("name", key).set("value", value.Scalar()));
      if (parent == "nodeSelector" && value.IsScalar())
        out.facts.push_back(fact("label", kv.first).set("key", key).set("value", value.Scalar()).set("source", "node_selector"));
      if (parent == "environment" && value.IsScalar())
        out.facts.push_back(fact("env_var", kv.first).set("name", key).set("source", "deploy"));
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
