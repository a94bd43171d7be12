// pip requirements files. Each logical line (comments removed, backslash continuations joined)
// is a pip option or a PEP 508 requirement; requirements are read with small Boost.Spirit X3
// parsers, one per part (name, extras, version clauses), so an error can say which part broke
// and at which column. All X3 code of the project's PEP 508 reading is in this file.
#include "core/text.hpp"
#include "parse/requirements.hpp"
#include "parse/pep508.hpp"

#include <boost/spirit/home/x3.hpp>

#include <algorithm>
#include <cctype>
#include <string>

#include "parse/text_lines.hpp"

namespace openlock {

namespace x3 = boost::spirit::x3;

namespace {

using It = std::string_view::const_iterator;

// --- grammar pieces --------------------------------------------------------------------------
const auto name_rule = x3::raw[x3::alnum >> *(x3::alnum | x3::char_("-_."))];
const auto comparator_rule = x3::string("===") | x3::string("==") | x3::string("!=") | x3::string("<=") |
                             x3::string(">=") | x3::string("~=") | x3::string("<") | x3::string(">");
const auto version_rule = x3::raw[+(x3::char_ - (x3::space | x3::char_(",;()")))];
const auto url_rule = x3::raw[+(x3::char_ - x3::space)];

struct LogicalLine {
  unsigned line;      // first physical line
  std::string text;   // joined, comment removed, trimmed
};

}  // namespace

// PEP 503: lower case, runs of - _ . become one -.
std::string normalize_pypi_name(std::string_view raw) {
  std::string out;
  for (char c : raw) {
    bool sep = c == '-' || c == '_' || c == '.';
    if (sep) {
      if (out.empty() || out.back() != '-') out += '-';
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

namespace {

// A '#' starts a comment at the start of a line or after whitespace (URL fragments stay).
std::string_view strip_comment(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i] == '#' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t')) return s.substr(0, i);
  return s;
}

std::vector<LogicalLine> logical_lines(std::string_view text, std::vector<Diagnostic>& diags, std::string_view path) {
  std::vector<LogicalLine> out;
  std::string pending;
  unsigned first = 0;
  for (const auto& l : split_lines(text)) {
    std::string_view body = l.text;
    if (pending.empty()) first = l.number;
    // A comment line inside a continuation ends nothing; pip drops comments before joining.
    body = strip_comment(body);
    std::string_view t = trim(body);
    if (!t.empty() && t.back() == '\\') {
      pending.append(t.substr(0, t.size() - 1)).push_back(' ');
      continue;
    }
    pending.append(t);
    std::string joined(trim(pending));
    if (!joined.empty()) out.push_back({first, joined});
    pending.clear();
  }
  if (!trim(pending).empty()) {
    diags.push_back({{std::string(path), first, 0}, "line continuation at the end of the file; the requirement is read as is"});
    out.push_back({first, std::string(trim(pending))});
  }
  return out;
}

void skip_space(It& it, It end) {
  while (it != end && (*it == ' ' || *it == '\t')) ++it;
}

}  // namespace

bool parse_pep508(std::string_view text, Pep508& req, Pep508Error& failure) {
  It begin = text.begin(), it = begin, end = text.end();
  auto fail = [&](It at, std::string message) {
    failure = {static_cast<std::size_t>(at - begin), std::move(message)};
    return false;
  };
  if (!x3::parse(it, end, name_rule, req.raw_name)) return fail(it, "expected a package name");
  skip_space(it, end);
  if (it != end && *it == '[') {
    It open = it++;
    for (;;) {
      skip_space(it, end);
      if (it != end && *it == ']') break;
      std::string extra;
      if (!x3::parse(it, end, name_rule, extra)) return fail(it == end ? open : it, "expected an extra name or ']'");
      req.extras.push_back(ascii_lower(extra));
      skip_space(it, end);
      if (it != end && *it == ',') ++it;
      else if (it == end || *it != ']') return fail(open, "extras opened with '[' are never closed");
    }
    ++it;
    skip_space(it, end);
  }
  if (it != end && *it == '@') {
    ++it;
    skip_space(it, end);
    if (!x3::parse(it, end, url_rule, req.url)) return fail(it, "expected a URL after '@'");
    skip_space(it, end);
  } else if (it != end && (*it == '(' || std::string_view("=!<>~").find(*it) != std::string_view::npos)) {
    bool paren = *it == '(';
    if (paren) ++it;
    std::vector<std::string> clauses;
    for (;;) {
      skip_space(it, end);
      std::string op, version;
      if (!x3::parse(it, end, comparator_rule, op)) return fail(it, "expected a version operator (==, >=, ~=, ...)");
      skip_space(it, end);
      if (!x3::parse(it, end, version_rule, version)) return fail(it, "expected a version after '" + op + "'");
      clauses.push_back(op + version);
      if (clauses.size() == 1 && op == "==") req.version = version;
      skip_space(it, end);
      if (it != end && *it == ',') {
        ++it;
        continue;
      }
      break;
    }
    if (clauses.size() > 1) req.version.clear();
    if (paren) {
      if (it == end || *it != ')') return fail(it, "expected ')' to close the version list");
      ++it;
      skip_space(it, end);
    }
    for (std::size_t i = 0; i < clauses.size(); ++i) req.spec += (i ? "," : "") + clauses[i];
  }
  if (it != end && *it == ';') {
    req.marker = trim(std::string_view(it + 1, end));
    if (req.marker.empty()) return fail(it, "empty environment marker after ';'");
    it = end;
  }
  if (it != end) return fail(it, "unexpected text '" + std::string(it, end) + "'");
  return true;
}

void set_pep508_attrs(Fact& f, const Pep508& req) {
  f.set("ecosystem", "pypi").set("name", normalize_pypi_name(req.raw_name)).set("raw_name", req.raw_name);
  for (const auto& e : req.extras) f.set("extra", e);
  if (!req.spec.empty()) f.set("spec", req.spec);
  if (!req.version.empty()) f.set("version", req.version);
  if (!req.marker.empty()) f.set("marker", req.marker);
  if (!req.url.empty()) f.set("url", req.url);
}

namespace {

// Drops per-requirement options such as --hash=... that follow the requirement.
std::string_view without_trailing_options(std::string_view text) {
  for (std::size_t i = 1; i + 2 < text.size(); ++i)
    if ((text[i - 1] == ' ' || text[i - 1] == '\t') && text[i] == '-' && text[i + 1] == '-') return trim(text.substr(0, i));
  return text;
}

// Normalizes `path` relative to folder `base`; false when it leaves the target or is absolute.
bool resolve_inside(std::string_view base, std::string_view path, std::string& out) {
  if (path.empty() || path[0] == '/' || path.find("://") != std::string_view::npos) return false;
  std::vector<std::string> parts;
  auto push_parts = [&parts](std::string_view p) {
    std::size_t start = 0;
    while (start <= p.size()) {
      std::size_t slash = std::min(p.find('/', start), p.size());
      std::string_view seg = p.substr(start, slash - start);
      if (seg == "..") {
        if (parts.empty()) return false;
        parts.pop_back();
      } else if (!seg.empty() && seg != ".") {
        parts.emplace_back(seg);
      }
      start = slash + 1;
    }
    return true;
  };
  if (!push_parts(base) || !push_parts(path)) return false;
  out.clear();
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return !out.empty();
}

struct Reader {
  const ParseInput& in;
  ParseOutput& out;

  void diagnose(unsigned line, std::size_t column, std::string message) {
    out.diagnostics.push_back({{std::string(in.path), line, static_cast<std::uint32_t>(column + 1)}, std::move(message)});
  }
  Fact fact(std::string kind, const LogicalLine& l, std::size_t column = 0) {
    return Fact{std::move(kind), {std::string(in.path), l.line, static_cast<std::uint32_t>(column + 1)}, l.text, {}};
  }

  void option(const LogicalLine& l) {
    std::string_view text = l.text;
    std::size_t cut = std::min({text.find(' '), text.find('='), text.find('\t')});
    std::string name(text.substr(0, cut));
    std::string_view value = cut == std::string_view::npos ? std::string_view() : trim(text.substr(cut + 1));
    if (name.size() > 2 && name[1] != '-') {  // -rfile: short option glued to its value
      value = trim(text.substr(2));
      name = name.substr(0, 2);
    }
    if (name == "-r" || name == "--requirement" || name == "-c" || name == "--constraint") {
      std::string resolved;
      std::string_view folder = in.path.substr(0, in.path.rfind('/') == std::string_view::npos ? 0 : in.path.rfind('/'));
      if (value.empty()) return diagnose(l.line, 0, name + " needs a file name");
      if (!resolve_inside(folder, value, resolved))
        return diagnose(l.line, 0, "include '" + std::string(value) + "' points outside the target; not followed");
      Fact f = fact("include", l);
      f.set("option", name == "-r" || name == "--requirement" ? "requirement" : "constraint").set("path", resolved);
      out.facts.push_back(std::move(f));
    } else if (name == "-i" || name == "--index-url" || name == "--extra-index-url" || name == "-f" ||
               name == "--find-links") {
      if (value.empty()) return diagnose(l.line, 0, name + " needs a URL");
      Fact f = fact("index", l);
      f.set("option", name == "-i" || name == "--index-url" ? "index-url"
                      : name == "--extra-index-url"          ? "extra-index-url"
                                                             : "find-links");
      f.set("url", std::string(value));
      out.facts.push_back(std::move(f));
    } else if (name == "-e" || name == "--editable") {
      direct_reference(l, value, true);
    }
    // Other pip options (--pre, --trusted-host, --no-binary, ...) say nothing about dependencies.
  }

  // A URL or local path instead of a name; the name comes from #egg= when given.
  void direct_reference(const LogicalLine& l, std::string_view url, bool editable) {
    Fact f = fact("dependency", l);
    f.set("ecosystem", "pypi");
    auto egg = url.find("#egg=");
    if (egg != std::string_view::npos) {
      std::string_view name = url.substr(egg + 5);
      name = name.substr(0, std::min(name.find('&'), name.size()));
      f.set("name", normalize_pypi_name(name)).set("raw_name", std::string(name));
    }
    f.set("url", std::string(url));
    if (editable) f.set("editable", "true");
    out.facts.push_back(std::move(f));
  }

  void requirement(const LogicalLine& l) {
    std::string_view text = without_trailing_options(l.text);
    std::string_view first_token = text.substr(0, std::min(text.find_first_of(" \t"), text.size()));
    if (first_token.find("://") != std::string_view::npos) return direct_reference(l, text, false);
    if (text.starts_with('.') || text.starts_with('/')) return direct_reference(l, text, false);
    Pep508 req;
    Pep508Error failure;
    if (!parse_pep508(text, req, failure))
      return diagnose(l.line, failure.column, "cannot parse requirement: " + failure.message);
    Fact f = fact("dependency", l);
    set_pep508_attrs(f, req);
    out.facts.push_back(std::move(f));
  }
};

}  // namespace

bool requirements_accepts(std::string_view rel_path) {
  std::string name = ascii_lower(base_name(rel_path));
  std::string path = ascii_lower(rel_path);
  bool txt = name.ends_with(".txt");
  if (txt && (name.starts_with("requirements") || name.starts_with("constraints") || name.ends_with("-requirements.txt") ||
              name.ends_with("_requirements.txt")))
    return true;
  if (name.starts_with("requirements") && name.ends_with(".in")) return true;
  return txt && (path.starts_with("requirements/") || path.find("/requirements/") != std::string::npos);
}

void parse_requirements(const ParseInput& in, ParseOutput& out) {
  Reader reader{in, out};
  for (const auto& line : logical_lines(in.text, out.diagnostics, in.path)) {
    if (line.text.starts_with('-'))
      reader.option(line);
    else
      reader.requirement(line);
  }
}

}  // namespace openlock
