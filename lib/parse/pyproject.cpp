#include "parse/pyproject.hpp"

#include "license/manifest_license.hpp"

#include <string>

#include "parse/pep508.hpp"
#include "parse/text_lines.hpp"
#include "parse/toml_doc.hpp"

namespace openlock {

namespace {

struct Reader {
  const ParseInput& in;
  ParseOutput& out;
  std::vector<TextLine> lines;

  unsigned line_of(const toml::node& n) const { return static_cast<unsigned>(n.source().begin.line); }

  Fact fact(const char* kind, const toml::node& n) const { return toml_fact(kind, n, in, lines); }

  void diagnose(const toml::node& n, std::string message) {
    out.diagnostics.push_back({{std::string(in.path), line_of(n), static_cast<unsigned>(n.source().begin.column)}, std::move(message)});
  }

  // An array of PEP 508 strings (project.dependencies, optional groups, build requires).
  void pep508_array(const toml::node* node, const std::string& where, const char* scope, const std::string& group = {}) {
    if (!node) return;
    const toml::array* arr = node->as_array();
    if (!arr) return diagnose(*node, "'" + where + "' should be an array of requirement strings");
    for (const auto& item : *arr) {
      const auto* str = item.as_string();
      if (!str) {
        if (!item.is_table()) diagnose(item, "'" + where + "' has an entry that is not a string; ignored");
        continue;  // PEP 735 {include-group = ...} tables are not dependencies
      }
      Pep508 req;
      Pep508Error error;
      if (!parse_pep508(trim(str->get()), req, error)) {
        diagnose(item, "cannot parse requirement '" + str->get() + "' in '" + where + "': " + error.message);
        continue;
      }
      Fact f = fact("dependency", item);
      set_pep508_attrs(f, req);
      f.set("scope", scope);
      if (!group.empty()) f.set("group", group);
      out.facts.push_back(std::move(f));
    }
  }

  // Groups of arrays: project.optional-dependencies, dependency-groups.
  void pep508_groups(const toml::node* node, const std::string& where, const char* scope) {
    if (!node) return;
    const toml::table* groups = node->as_table();
    if (!groups) return diagnose(*node, "'" + where + "' should be a table of arrays");
    for (const auto& [name, value] : *groups)
      pep508_array(&value, where + "." + std::string(name.str()), scope, std::string(name.str()));
  }

  // Poetry: name = "^1.0" or name = {version = "...", source = "..."}.
  void poetry_table(const toml::node* node, const std::string& where, const char* scope) {
    if (!node) return;
    const toml::table* deps = node->as_table();
    if (!deps) return diagnose(*node, "'" + where + "' should be a table");
    for (const auto& [key, value] : *deps) {
      std::string name(key.str());
      if (name == "python") continue;
      Fact f = fact("dependency", value);
      f.set("ecosystem", "pypi").set("name", normalize_pypi_name(name)).set("raw_name", name).set("scope", scope);
      if (const auto* version = value.as_string()) {
        f.set("spec", version->get());
      } else if (const auto* table = value.as_table()) {
        if (auto v = (*table)["version"].value<std::string>()) f.set("spec", *v);
        if (auto s = (*table)["source"].value<std::string>()) f.set("source", *s);
        if (auto u = (*table)["url"].value<std::string>()) f.set("url", *u);
      }
      out.facts.push_back(std::move(f));
    }
  }

  // [[tool.poetry.source]] and [[tool.uv.index]]: package indexes with a url.
  // PEP 639: a string, an SPDX expression; PEP 621: {text = "..."} (free text) or {file = "..."}.
  void license(const toml::node* node, const char* field) {
    if (!node) return;
    const toml::node* value = node;
    std::string where = field;
    if (const auto* t = node->as_table()) {
      value = t->get("text");
      where += ".text";
    }
    if (!value || !value->is_string()) return;
    Fact f = fact("license", *value);
    out.facts.push_back(manifest_license_fact(f.location, f.evidence, where, *value->value<std::string>()));
  }

  void indexes(const toml::node* node, const char* option) {
    if (!node || !node->is_array_of_tables()) return;
    for (const auto& entry : *node->as_array()) {
      const toml::table& t = *entry.as_table();
      auto url = t["url"].value<std::string>();
      if (!url) continue;
      Fact f = fact("index", *t.get("url"));
      f.set("option", option).set("url", *url);
      if (auto name = t["name"].value<std::string>()) f.set("name", *name);
      out.facts.push_back(std::move(f));
    }
  }
};

}  // namespace

bool pyproject_accepts(std::string_view rel_path) { return base_name(rel_path) == "pyproject.toml"; }

void parse_pyproject(const ParseInput& in, ParseOutput& out) {
  Reader reader{in, out, split_lines(in.text)};
  toml::table doc;
  if (!parse_toml_document(in, doc, out.diagnostics)) return;
  reader.pep508_array(doc.at_path("project.dependencies").node(), "project.dependencies", "prod");
  reader.pep508_groups(doc.at_path("project.optional-dependencies").node(), "project.optional-dependencies", "optional");
  reader.pep508_groups(doc.at_path("dependency-groups").node(), "dependency-groups", "group");
  reader.pep508_array(doc.at_path("build-system.requires").node(), "build-system.requires", "build");
  reader.poetry_table(doc.at_path("tool.poetry.dependencies").node(), "tool.poetry.dependencies", "prod");
  if (const auto* groups = doc.at_path("tool.poetry.group").as_table())
    for (const auto& [name, group] : *groups)
      if (const auto* g = group.as_table())
        reader.poetry_table(g->get("dependencies"), "tool.poetry.group." + std::string(name.str()), "group");
  reader.license(doc.at_path("project.license").node(), "project.license");
  reader.license(doc.at_path("tool.poetry.license").node(), "tool.poetry.license");
  reader.indexes(doc.at_path("tool.poetry.source").node(), "poetry-source");
  reader.indexes(doc.at_path("tool.uv.index").node(), "uv-index");
}

}  // namespace openlock
