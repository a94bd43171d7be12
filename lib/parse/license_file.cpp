// License files are recorded as facts here; which license a text is comes from identification.
#include "core/text.hpp"
#include "parse/license_file.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include "license/clauses.hpp"
#include "parse/text_lines.hpp"

namespace openlock {

namespace {

bool named(const std::string& name, const char* stem) {
  std::string s(stem);
  return name == s || name.starts_with(s + ".") || name.starts_with(s + "-");
}

std::string role_of(const std::string& name) {
  if (name.starts_with("USE_POLICY") || name.starts_with("ACCEPTABLE_USE")) return "use_policy";
  if (name.starts_with("NOTICE")) return "notice";
  return "license";
}

}  // namespace

bool license_file_accepts(std::string_view rel_path) {
  std::string name = ascii_upper(base_name(rel_path));
  return named(name, "LICENSE") || named(name, "LICENCE") || named(name, "COPYING") || named(name, "MODEL_LICENSE") ||
         named(name, "USE_POLICY") || named(name, "ACCEPTABLE_USE_POLICY") || name == "NOTICE" ||
         name == "NOTICE.TXT" || name == "NOTICE.MD";
}

void parse_license_file(const ParseInput& in, ParseOutput& out) {
  auto lines = split_lines(in.text);
  auto first = std::find_if(lines.begin(), lines.end(), [](const TextLine& l) { return !trim(l.text).empty(); });
  if (first == lines.end()) {
    out.diagnostics.push_back({{std::string(in.path), 0, 0}, "empty license file"});
    return;
  }
  std::string name(base_name(in.path));
  Fact fact{"license_text", {std::string(in.path), first->number, 1}, std::string(trim(first->text).substr(0, 200)), {}};
  fact.set("file", name).set("bytes", std::to_string(in.text.size())).set("lines", std::to_string(lines.size()));
  fact.set("role", role_of(ascii_upper(name)));
  out.facts.push_back(std::move(fact));
  for (auto& clause : find_clauses(in.text)) {
    Fact c{"license_clause", {std::string(in.path), clause.line, 1}, std::move(clause.evidence), {}};
    c.set("kind", clause.kind).set("file", name);
    out.facts.push_back(std::move(c));
  }
}

}  // namespace openlock
