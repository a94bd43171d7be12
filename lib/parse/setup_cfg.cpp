// Facts: dependency (ecosystem pypi, scope prod|build|optional, group = the extra) and license.
// A value may continue on indented lines; each non-empty line of a list option is one
// requirement (a ';' in it starts a PEP 508 marker).
#include "parse/setup_cfg.hpp"

#include <string>

#include "license/manifest_license.hpp"
#include "parse/pep508.hpp"
#include "parse/text_lines.hpp"

namespace openlock {

namespace {

struct Option {
  std::string section, key;
  std::vector<TextLine> values;  // the text after '=' and each continuation line
};

// Splits the file into options of sections; comments (# or ; at line start) are skipped.
std::vector<Option> read_ini(const ParseInput& in, ParseOutput& out) {
  std::vector<Option> options;
  std::string section;
  bool open = false;  // the last option may take continuation lines
  for (const auto& line : split_lines(in.text)) {
    std::string_view t = trim(line.text);
    if (t.empty() || t.front() == '#' || t.front() == ';') continue;
    bool indented = line.text.front() == ' ' || line.text.front() == '\t';
    if (indented && open) {
      options.back().values.push_back({line.number, t});
      continue;
    }
    if (t.front() == '[') {
      open = false;
      if (t.back() != ']') {
        out.diagnostics.push_back({{std::string(in.path), line.number, 1}, "section header is missing its closing ']'"});
        section.clear();
        continue;
      }
      section = std::string(trim(t.substr(1, t.size() - 2)));
      continue;
    }
    auto eq = t.find_first_of("=:");
    if (eq == std::string_view::npos) {
      out.diagnostics.push_back({{std::string(in.path), line.number, 1}, "expected 'key = value' or a [section]"});
      open = false;
      continue;
    }
    Option o{section, std::string(trim(t.substr(0, eq))), {}};
    if (std::string_view v = trim(t.substr(eq + 1)); !v.empty()) o.values.push_back({line.number, v});
    options.push_back(std::move(o));
    open = true;
  }
  return options;
}

void requirements(const ParseInput& in, const Option& o, const char* scope, ParseOutput& out) {
  for (const auto& value : o.values) {
    std::string_view item = value.text;
    if (auto hash = item.find(" #"); hash != std::string_view::npos) item = trim(item.substr(0, hash));
    if (item.empty()) continue;
    Pep508 req;
    Pep508Error error;
    if (!parse_pep508(item, req, error)) {
      out.diagnostics.push_back({{std::string(in.path), value.number, 1},
                                 "cannot parse requirement '" + std::string(item) + "' in " + o.key + ": " + error.message});
      continue;
    }
    Fact f{"dependency", {std::string(in.path), value.number, 1}, evidence_excerpt(value.text, 0), {}};
    set_pep508_attrs(f, req);
    f.set("scope", scope);
    if (o.section == "options.extras_require") f.set("group", o.key);
    out.facts.push_back(std::move(f));
  }
}

}  // namespace

bool setup_cfg_accepts(std::string_view rel_path) { return base_name(rel_path) == "setup.cfg"; }

void parse_setup_cfg(const ParseInput& in, ParseOutput& out) {
  for (const Option& o : read_ini(in, out)) {
    if (o.section == "options" && o.key == "install_requires") requirements(in, o, "prod", out);
    else if (o.section == "options" && o.key == "setup_requires") requirements(in, o, "build", out);
    else if (o.section == "options.extras_require") requirements(in, o, "optional", out);
    else if (o.section == "metadata" && o.key == "license" && !o.values.empty()) {
      const TextLine& v = o.values.front();
      out.facts.push_back(manifest_license_fact({std::string(in.path), v.number, 1}, evidence_excerpt(v.text, 0), "metadata.license", v.text));
    }
  }
}

}  // namespace openlock
