// Builds manifest license facts (manifest_license.hpp) with the SPDX expression grammar.
#include "license/manifest_license.hpp"

#include "openlock/license.hpp"

#include "core/text.hpp"

namespace openlock {

namespace {

std::string joined(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : " ") + id;
  return out;
}

}  // namespace

Fact manifest_license_fact(Location location, std::string evidence, std::string_view field, std::string_view value,
                           std::string_view source) {
  Fact f{"license", std::move(location), std::move(evidence), {}};
  LicenseExpression e = parse_license_expression(value);
  f.set("source", std::string(source)).set("field", std::string(field)).set("value", std::string(value));
  f.set("expression", e.parsed ? e.normalized : std::string(value));
  f.set("valid", e.valid ? "true" : "false").set("osi", e.osi_approved ? "true" : "false");
  for (const auto& id : e.licenses) f.set("license_id", id);
  if (!e.deprecated.empty()) f.set("deprecated", joined(e.deprecated));
  if (!e.unknown.empty()) f.set("unknown", joined(e.unknown));
  if (!e.error.empty()) f.set("error", e.error);
  return f;
}

void find_spdx_headers(std::string_view path, std::string_view text, std::vector<Fact>& facts) {
  constexpr std::string_view kTag = "SPDX-License-Identifier:";
  constexpr unsigned kHeaderLines = 40;  // a header, not a mention deep in a file
  std::size_t start = 0;
  for (unsigned line = 1; line <= kHeaderLines && start < text.size(); ++line) {
    std::size_t end = std::min(text.find('\n', start), text.size());
    std::string_view l = text.substr(start, end - start);
    if (auto at = l.find(kTag); at != std::string_view::npos) {
      std::string_view expr = l.substr(at + kTag.size());
      for (std::string_view closer : {"*/", "-->", "\r", " #"})  // the comment's end is not part of it
        if (auto c = expr.find(closer); c != std::string_view::npos) expr = expr.substr(0, c);
      while (!expr.empty() && (expr.front() == ' ' || expr.front() == '\t')) expr.remove_prefix(1);
      while (!expr.empty() && (expr.back() == ' ' || expr.back() == '\t')) expr.remove_suffix(1);
      if (!expr.empty() && expr.size() < 200) {
        std::string evidence(cap_utf8(l, 300));
        facts.push_back(manifest_license_fact({std::string(path), line, static_cast<unsigned>(at + 1)}, evidence,
                                              "SPDX-License-Identifier", expr, "spdx_header"));
      }
    }
    start = end + 1;
  }
}

}  // namespace openlock
