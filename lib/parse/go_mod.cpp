#include "parse/go_mod.hpp"

#include <string>

#include "parse/text_lines.hpp"

namespace openlock {

namespace {

// Splits off a trailing "//" comment (module paths and versions never contain "//").
std::string_view strip_comment(std::string_view body, std::string_view& comment) {
  comment = {};
  if (auto slash = body.find("//"); slash != std::string_view::npos) comment = body.substr(slash + 2), body = body.substr(0, slash);
  return trim(body);
}

// The go command marks indirect requirements with a comment that is exactly "indirect" or starts "indirect;".
bool is_indirect(std::string_view comment) {
  comment = trim(comment);
  return comment == "indirect" || comment.starts_with("indirect;");
}

// "path version" (comment already split off) -> a dependency fact; false when the line is not that shape.
bool require_line(const ParseInput& in, const TextLine& line, std::string_view body, std::string_view comment,
                  ParseOutput& out) {
  auto space = body.find_first_of(" \t");
  if (space == std::string_view::npos) return false;
  std::string_view path = body.substr(0, space), version = trim(body.substr(space));
  if (path.size() > 1 && path.front() == '"' && path.back() == '"') path = path.substr(1, path.size() - 2);
  if (path.empty() || version.empty() || version.find_first_of(" \t") != std::string_view::npos) return false;
  Fact f{"dependency", {std::string(in.path), line.number, 1}, evidence_excerpt(line.text, 0), {}};
  f.set("ecosystem", "go").set("name", std::string(path)).set("raw_name", std::string(path)).set("version", std::string(version));
  if (is_indirect(comment)) f.set("indirect", "true");
  out.facts.push_back(std::move(f));
  return true;
}

}  // namespace

bool go_mod_accepts(std::string_view rel_path) { return base_name(rel_path) == "go.mod"; }

void parse_go_mod(const ParseInput& in, ParseOutput& out) {
  unsigned block_start = 0;  // line of an open "require (" block, 0 when none
  std::string block;         // the directive of the open block
  for (const auto& line : split_lines(in.text)) {
    std::string_view comment;
    std::string_view t = strip_comment(line.text, comment);
    if (t.empty()) continue;
    if (block_start) {
      if (t == ")") {
        block_start = 0;
        continue;
      }
      if (block == "require" && !require_line(in, line, t, comment, out))
        out.diagnostics.push_back({{std::string(in.path), line.number, 1}, "expected 'module/path version' in the require block"});
      continue;
    }
    auto space = t.find_first_of(" \t(");
    std::string directive(t.substr(0, space));
    std::string_view rest = space == std::string_view::npos ? std::string_view() : trim(t.substr(space));
    if (rest == "(") {
      block_start = line.number;
      block = directive;
    } else if (rest.starts_with('(') && trim(rest.substr(1)) == ")") {
      // "require ()": an empty block on one line.
    } else if (directive == "require" && !require_line(in, line, rest, comment, out)) {
      out.diagnostics.push_back({{std::string(in.path), line.number, 1}, "expected 'require module/path version'"});
    }
    // module, go, toolchain, replace, exclude, retract: nothing to say about dependencies here.
  }
  if (block_start)
    out.diagnostics.push_back({{std::string(in.path), block_start, 1}, "'" + block + " (' block is never closed"});
}

}  // namespace openlock
