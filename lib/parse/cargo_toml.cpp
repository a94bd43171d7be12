// Facts:
//   dependency  ecosystem cargo, name (the crate: `package = ...` when renamed), raw_name (the key),
//               spec, scope prod|dev|build, optional, feature* (features it turns on), target (cfg)
//   feature     name, enables* ("cuda" = ["candle-core/cuda", "dep:cudarc"])
//   license     package.license (SPDX expression)
#include "parse/cargo_toml.hpp"

#include <string>

#include "license/manifest_license.hpp"
#include "parse/text_lines.hpp"
#include "parse/toml_doc.hpp"

namespace openlock {

namespace {

struct Reader {
  const ParseInput& in;
  ParseOutput& out;
  std::vector<TextLine> lines;

  Fact fact(const char* kind, const toml::node& n) const { return toml_fact(kind, n, in, lines); }
  void diagnose(const toml::node& n, std::string message) {
    Fact f = fact("", n);
    out.diagnostics.push_back({f.location, std::move(message)});
  }

  // name = "1.0" | name = { version, package, optional, features, path, git, workspace }
  void dependencies(const toml::node* node, const char* scope, const std::string& where, const std::string& target = {}) {
    if (!node) return;
    const toml::table* deps = node->as_table();
    if (!deps) return diagnose(*node, "'" + where + "' should be a table");
    for (const auto& [key, value] : *deps) {
      std::string raw(key.str()), name = raw;
      Fact f = fact("dependency", value);
      if (const auto* version = value.as_string()) {
        f.set("spec", version->get());
      } else if (const auto* t = value.as_table()) {
        if (auto p = (*t)["package"].value<std::string>()) name = *p;
        if (auto v = (*t)["version"].value<std::string>()) f.set("spec", *v);
        if ((*t)["optional"].value_or(false)) f.set("optional", "true");
        if (const auto* features = (*t)["features"].as_array())
          for (const auto& feature : *features)
            if (auto s = feature.value<std::string>()) f.set("feature", *s);
      } else {
        diagnose(value, "dependency '" + raw + "' in '" + where + "' should be a version string or a table");
        continue;
      }
      f.set("ecosystem", "cargo").set("name", name).set("raw_name", raw).set("scope", scope);
      if (!target.empty()) f.set("target", target);
      out.facts.push_back(std::move(f));
    }
  }

  void all_dependency_tables(const toml::table& t, const std::string& prefix, const std::string& target = {}) {
    dependencies(t.get("dependencies"), "prod", prefix + "dependencies", target);
    dependencies(t.get("dev-dependencies"), "dev", prefix + "dev-dependencies", target);
    dependencies(t.get("build-dependencies"), "build", prefix + "build-dependencies", target);
  }

  void features(const toml::node* node) {
    if (!node) return;
    const toml::table* features = node->as_table();
    if (!features) return diagnose(*node, "'features' should be a table of arrays");
    for (const auto& [name, value] : *features) {
      Fact f = fact("feature", value);
      f.set("name", std::string(name.str()));
      if (const auto* list = value.as_array())
        for (const auto& item : *list)
          if (auto s = item.value<std::string>()) f.set("enables", *s);
      out.facts.push_back(std::move(f));
    }
  }
};

}  // namespace

bool cargo_toml_accepts(std::string_view rel_path) { return base_name(rel_path) == "Cargo.toml"; }

void parse_cargo_toml(const ParseInput& in, ParseOutput& out) {
  toml::table doc;
  if (!parse_toml_document(in, doc, out.diagnostics)) return;
  Reader reader{in, out, split_lines(in.text)};
  reader.all_dependency_tables(doc, "");
  if (const auto* targets = doc["target"].as_table())
    for (const auto& [cfg, table] : *targets)
      if (const auto* t = table.as_table()) reader.all_dependency_tables(*t, "target." + std::string(cfg.str()) + ".", std::string(cfg.str()));
  reader.dependencies(doc.at_path("workspace.dependencies").node(), "prod", "workspace.dependencies");
  reader.features(doc.get("features"));
  if (const auto* license = doc.at_path("package.license").as_string()) {
    Fact f = reader.fact("license", *license);
    out.facts.push_back(manifest_license_fact(f.location, f.evidence, "package.license", license->get()));
  }
}

}  // namespace openlock
