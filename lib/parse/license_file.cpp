// License files (LICENSE*, MODEL_LICENSE, USE_POLICY, NOTICE): a license_text fact naming the
// license the text is (identify.cpp), a license_variant fact when it is a modified variant, and a
// license_clause fact per use-restricting clause.
#include "core/text.hpp"
#include "parse/license_file.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "license/clauses.hpp"
#include "license/license_texts.hpp"
#include "openlock/license.hpp"
#include "parse/text_lines.hpp"

namespace openlock {

namespace {

constexpr std::size_t kMaxEvidence = 200;  // bytes of the first line kept as evidence

// LICENSE.py or LICENSE-check.js is code about licenses, not a license: its own parser reads it.
constexpr std::array<std::string_view, 34> kCodeExtensions = {
    ".PY",   ".PYI", ".PYC", ".IPYNB", ".JS",  ".MJS",  ".CJS", ".JSX", ".TS",  ".TSX",  ".GO",   ".RS",
    ".C",    ".H",   ".CC",  ".CPP",   ".CXX", ".HPP",  ".JAVA", ".KT", ".SCALA", ".RB", ".PHP",  ".CS",
    ".SWIFT", ".SH", ".PS1", ".JSON",  ".YAML", ".YML", ".TOML", ".XML", ".LOCK", ".PROTO"};

// STEM, STEM.x or STEM-x.
bool named(std::string_view name, std::string_view stem) {
  return name.starts_with(stem) && (name.size() == stem.size() || name[stem.size()] == '.' || name[stem.size()] == '-');
}

bool is_code(const std::string& name) {
  return std::any_of(kCodeExtensions.begin(), kCodeExtensions.end(),
                     [&](std::string_view ext) { return name.ends_with(ext); });
}

std::string role_of(const std::string& name) {
  if (name.starts_with("USE_POLICY") || name.starts_with("ACCEPTABLE_USE")) return "use_policy";
  if (name.starts_with("NOTICE")) return "notice";
  return "license";
}

std::string percent(double share) { return std::to_string(static_cast<int>(share * 100 + 0.5)); }

// Which license the text is (identify.cpp); a modified variant also becomes a license_variant
// fact at its first added line, so a rule can point at the change.
void identify(const ParseInput& in, const std::vector<TextLine>& lines, Fact& text, ParseOutput& out) {
  LicenseIdentification id = identify_among(in.text, in.licenses ? *in.licenses : known_texts());
  text.set("status", id.status);
  for (const auto& a : id.also) text.set("also", a.license.expression);
  if (!id.license) return;
  const KnownLicense& known = *id.license;
  text.set("expression", known.expression).set("name", known.name).set("known_kind", known.kind);
  text.set("osi", known.osi_approved ? "true" : "false").set("similarity", percent(id.similarity));
  if (id.status != "modified") return;
  Fact variant{"license_variant", text.location, text.evidence, {}};
  if (!id.added.empty()) {
    variant.location.line = id.added.front().line;
    variant.evidence = id.added.front().text;
  } else if (!lines.empty()) {
    variant.evidence = "(" + percent(id.missing) + "% of the known wording is missing)";
  }
  variant.set("expression", known.expression).set("name", known.name).set("file", std::string(base_name(in.path)));
  variant.set("added_lines", std::to_string(id.added.size())).set("missing", percent(id.missing));
  out.facts.push_back(std::move(variant));
}

void read_license_file(const ParseInput& in, ParseOutput& out) {
  auto lines = split_lines(in.text);
  auto first = std::find_if(lines.begin(), lines.end(), [](const TextLine& l) { return !trim(l.text).empty(); });
  if (first == lines.end()) {
    out.diagnostics.push_back({{std::string(in.path), 1, 0}, "empty license file"});
    return;
  }
  if (std::size_t bad = first_invalid_utf8_line(in.text))
    out.diagnostics.push_back({{std::string(in.path), static_cast<unsigned>(bad), 0},
                               "license text is not valid UTF-8 from this line; read as it is"});
  std::string name(base_name(in.path));
  Fact fact{"license_text", {std::string(in.path), first->number, 1},
            std::string(cap_utf8(trim(first->text), kMaxEvidence)), {}};
  fact.set("file", name).set("bytes", std::to_string(in.text.size())).set("lines", std::to_string(lines.size()));
  fact.set("role", role_of(ascii_upper(name)));
  identify(in, lines, fact, out);
  out.facts.push_back(std::move(fact));
  for (auto& clause : find_clauses(in.text)) {
    Fact c{"license_clause", {std::string(in.path), clause.line, 1}, std::move(clause.evidence), {}};
    c.set("kind", clause.kind).set("file", name);
    if (!clause.detail.empty()) c.set("detail", clause.detail);
    out.facts.push_back(std::move(c));
  }
}

}  // namespace

bool license_file_accepts(std::string_view rel_path) {
  std::string name = ascii_upper(base_name(rel_path));
  bool license = named(name, "LICENSE") || named(name, "LICENCE") || named(name, "COPYING") ||
                 named(name, "MODEL_LICENSE") || named(name, "USE_POLICY") || named(name, "ACCEPTABLE_USE_POLICY") ||
                 name == "NOTICE" || name == "NOTICE.TXT" || name == "NOTICE.MD";
  return license && !is_code(name);  // the names first: few files have them, most end in a code extension
}

void parse_license_file(const ParseInput& in, ParseOutput& out) {
  try {
    read_license_file(in, out);
  } catch (const std::exception& e) {
    out.diagnostics.push_back({{std::string(in.path), 1, 0}, std::string("cannot read license file: ") + e.what()});
  } catch (...) {
    out.diagnostics.push_back({{std::string(in.path), 1, 0}, "cannot read license file"});
  }
}

}  // namespace openlock
