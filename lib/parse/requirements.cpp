// pip requirements files, read in three steps: physical lines become logical lines (comments
// dropped, backslash continuations joined, each piece's physical line remembered); a logical line
// is a pip option, a URL or local path, or a PEP 508 requirement; a requirement is read by the
// Boost.Spirit X3 grammar below, whose expectation points say which part broke and where.
// This is the project's one translation unit with X3 in it: pyproject.toml and Dockerfile
// parsing reach the grammar through parse/pep508.hpp, so only this file pays X3's compile time.
#include "parse/requirements.hpp"

#include <boost/spirit/home/x3.hpp>

#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/text.hpp"
#include "parse/pep508.hpp"
#include "parse/text_lines.hpp"

namespace openlock {

namespace x3 = boost::spirit::x3;

namespace {

using It = std::string_view::const_iterator;

// Diagnostics carry a short, printable excerpt of the line, never a megabyte of raw bytes.
std::string excerpt(std::string_view text) {
  constexpr std::size_t kMax = 60;
  std::string out;
  for (std::size_t i = 0; i < text.size() && i < kMax; ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    out += c >= 0x20 && c < 0x7f ? static_cast<char>(c) : '?';
  }
  if (text.size() > kMax) out += "...";
  return out;
}

}  // namespace

// --- PEP 508 grammar -----------------------------------------------------------------------------
//
//   requirement = name [extras] (@ url | version_spec)? (; marker)?
//   extras      = '[' name (',' name)* ']'
//   version_spec = clauses | '(' clauses ')'      clauses = op version (',' op version)*
//
// Semantic actions fill a Pep508 passed in with x3::with, so the grammar itself holds no state.
// Every place where the input can go wrong is an expectation (`>`) on a named rule: the rule's
// name is the "expected ..." part of the message, the failure's iterator its column.
namespace grammar {

using x3::char_;
using x3::lit;
using x3::raw;

struct builder_tag;
struct Builder {
  Pep508& req;
  std::string last_operator;  // for "expected a version after '>='"
  std::unordered_set<std::string> extras_seen;  // an extra written twice is kept once
};

template <class Context>
Builder& builder(const Context& ctx) {
  return x3::get<builder_tag>(ctx);
}
template <class Context>
std::string matched(const Context& ctx) {
  const auto& range = x3::_attr(ctx);
  return std::string(range.begin(), range.end());
}

const auto on_name = [](auto& ctx) { builder(ctx).req.raw_name = matched(ctx); };
// PEP 685: extras compare like project names; a repeated one says nothing more (and 4 million
// copies of `a,` would cost 100 bytes of facts each).
const auto on_extra = [](auto& ctx) {
  Builder& b = builder(ctx);
  std::string extra = normalize_pypi_name(matched(ctx));
  if (b.extras_seen.insert(extra).second) b.req.extras.push_back(std::move(extra));
};
const auto on_operator = [](auto& ctx) { builder(ctx).last_operator = matched(ctx); };
const auto on_version = [](auto& ctx) {
  Builder& b = builder(ctx);
  std::string version = matched(ctx);
  bool first_clause = b.req.spec.empty();
  b.req.version = first_clause && b.last_operator == "==" ? version : "";
  b.req.spec += (first_clause ? "" : ",") + b.last_operator + version;
};
const auto on_url = [](auto& ctx) { builder(ctx).req.url = matched(ctx); };
const auto on_marker = [](auto& ctx) { builder(ctx).req.marker = std::string(trim(matched(ctx))); };

const auto ws = *char_(" \t");
const auto alnum = char_("A-Za-z0-9");
// A name starts and ends with a letter or digit; '-', '_' and '.' only between them.
const auto identifier = raw[alnum >> *(*char_("-_.") >> alnum)];
const auto comparison = raw[lit("===") | "==" | "!=" | "<=" | ">=" | "~=" | "<" | ">"];
// PEP 440 characters, plus '*' (==1.*) and ${VAR} that pip expands from the environment.
const auto version_text = raw[+char_("A-Za-z0-9.*+!_${}-")];

x3::rule<class name_id> const name = "a package name";
x3::rule<class extra_id> const extra = "an extra name";
x3::rule<class extras_end_id> const extras_end = "']' to close the extras";
x3::rule<class clause_id> const clause = "a version operator (==, !=, <=, >=, <, >, ~=, ===)";
x3::rule<class clauses_id> const clauses = "a version operator (==, !=, <=, >=, <, >, ~=, ===)";
x3::rule<class version_id> const version = "a version";
x3::rule<class parens_end_id> const parens_end = "')' to close the version list";
x3::rule<class url_id> const url = "a URL after '@'";
x3::rule<class marker_id> const marker = "an environment marker after ';'";
x3::rule<class end_id> const end = "the end of the requirement";
x3::rule<class requirement_id> const requirement = "a requirement";

// Precedence note: `>>` binds tighter than `>`, so every `>` below has a named rule on its right.
const auto name_def = identifier[on_name];
const auto extra_def = identifier[on_extra];
const auto extras_end_def = lit(']');
const auto extras = '[' >> ws >> -(extra >> *(ws >> ',' >> ws > extra)) >> ws > extras_end;
const auto version_def = version_text[on_version];
const auto clause_def = comparison[on_operator] >> ws > version;
const auto clauses_def = clause >> *(ws >> ',' >> ws > clause);
const auto parens_end_def = lit(')');
const auto version_spec = ('(' >> ws > clauses > ws > parens_end) | (&char_("=!<>~") > clauses);
const auto url_def = raw[+(char_ - char_(" \t"))][on_url];
const auto direct_reference = '@' >> ws > url;
const auto marker_def = raw[+char_][on_marker];
const auto marker_part = ';' >> ws > marker;
const auto end_def = x3::eoi;
const auto requirement_def =
    (ws > name) >> ws >> -extras >> ws >> -(direct_reference | version_spec) >> ws >> -marker_part >> ws > end;

BOOST_SPIRIT_DEFINE(name, extra, extras_end, clause, clauses, version, parens_end, url, marker, end, requirement)

// --- pip option lines: -r FILE, -rFILE, --requirement FILE, --requirement=FILE, -e "PATH" ---
const auto option_name = raw[(lit("--") >> +char_("A-Za-z0-9-")) | (lit('-') >> char_("A-Za-z"))];
const auto option_value = (lit('"') >> raw[*(char_ - '"')] >> '"') | (lit('\'') >> raw[*(char_ - '\'')] >> '\'') |
                          raw[*(char_ - char_(" \t"))];
const auto option_separator = -lit('=') >> ws;

}  // namespace grammar

// PEP 503: lower case, runs of - _ . become one -.
std::string normalize_pypi_name(std::string_view raw) {
  std::string out;
  for (char c : raw) {
    if (c == '-' || c == '_' || c == '.') {
      if (out.empty() || out.back() != '-') out += '-';
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

namespace {

std::string failure_message(const std::string& expected, const grammar::Builder& b, It where, It end) {
  if (expected == "a version") return "expected a version after '" + b.last_operator + "'";
  if (expected == "the end of the requirement") return "unexpected text '" + excerpt(std::string_view(where, end)) + "'";
  return "expected " + expected;
}

// Hides the secret in scheme://user:secret@host (and a bare token, scheme://token@host), as pip
// does in its logs, so tokens in index URLs do not end up in reports. ssh user names stay.
std::string redact_credentials(std::string_view text) {
  std::string out;
  std::size_t pos = 0;
  for (std::size_t sep; (sep = text.find("://", pos)) != std::string_view::npos;) {
    std::size_t host = sep + 3;
    std::size_t host_end = std::min(text.find_first_of("/ \t?#", host), text.size());
    std::size_t at = text.substr(host, host_end - host).rfind('@');
    out.append(text.substr(pos, host - pos));
    pos = host;
    if (at == std::string_view::npos) continue;
    std::string_view userinfo = text.substr(host, at);
    std::size_t colon = userinfo.find(':');
    if (colon != std::string_view::npos)
      out.append(userinfo.substr(0, colon)).append(":****");
    else if (text.substr(0, sep).ends_with("ssh"))
      out.append(userinfo);
    else
      out.append("****");
    pos = host + at;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace

bool parse_pep508(std::string_view text, Pep508& req, Pep508Error& error) {
  req = Pep508{};
  grammar::Builder b{req, {}, {}};
  It first = text.begin();
  try {
    if (x3::parse(first, text.end(), x3::with<grammar::builder_tag>(b)[grammar::requirement])) return true;
    error = {static_cast<std::size_t>(first - text.begin()), "expected a package name"};
  } catch (const x3::expectation_failure<It>& failure) {
    error = {static_cast<std::size_t>(failure.where() - text.begin()),
             failure_message(failure.which(), b, failure.where(), text.end())};
  } catch (...) {  // bad_alloc and the like: this string is unreadable, the caller goes on
    error = {0, "cannot read the requirement"};
  }
  return false;
}

void set_pep508_attrs(Fact& f, const Pep508& req) {
  f.set("ecosystem", "pypi").set("name", normalize_pypi_name(req.raw_name)).set("raw_name", req.raw_name);
  for (const auto& e : req.extras) f.set("extra", e);
  if (!req.spec.empty()) f.set("spec", req.spec);
  if (!req.version.empty()) f.set("version", req.version);
  if (!req.marker.empty()) f.set("marker", req.marker);
  if (!req.url.empty()) f.set("url", redact_credentials(req.url));
}

namespace {

// --- logical lines -------------------------------------------------------------------------------

// One logical line: physical lines joined at trailing backslashes, comments removed. `pieces`
// records where each physical line's text starts, so any byte maps back to its line and column.
struct LogicalLine {
  struct Piece {
    std::size_t offset;  // in text
    unsigned line;       // physical, 1-based; the piece is that line from column 1
  };
  std::string text;
  std::vector<Piece> pieces;

  [[nodiscard]] std::pair<unsigned, unsigned> position(std::size_t offset) const {
    auto after = std::upper_bound(pieces.begin(), pieces.end(), offset,
                                  [](std::size_t o, const Piece& p) { return o < p.offset; });
    const Piece& piece = after == pieces.begin() ? pieces.front() : *std::prev(after);
    return {piece.line, static_cast<unsigned>(offset - piece.offset + 1)};
  }
};

// A '#' starts a comment at the start of a line or after whitespace (URL fragments stay).
std::string_view strip_comment(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i] == '#' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t')) return s.substr(0, i);
  return s;
}

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Joins continuations as pip does: the backslash goes, nothing is inserted, and a comment line
// ends the continuation. A backslash on the last line is reported and the line read as it stands.
std::vector<LogicalLine> logical_lines(std::string_view text, std::string_view path, Diagnostics& diags) {
  std::vector<LogicalLine> out;
  LogicalLine current;
  std::pair<unsigned, unsigned> open_continuation{0, 0};  // line, column of the last backslash
  auto finish = [&] {
    if (!trim(current.text).empty()) out.push_back(std::move(current));
    current = LogicalLine{};
  };
  for (const auto& l : split_lines(text)) {
    std::string_view body = strip_comment(l.text);
    std::string_view content = trim_right(body);
    bool continues = content.ends_with('\\');
    std::string_view piece = continues ? content.substr(0, content.size() - 1) : body;
    // Empty pieces are not recorded, so an error at the end of the line maps to real text.
    if (!piece.empty() || current.pieces.empty()) {
      current.pieces.push_back({current.text.size(), l.number});
      current.text.append(piece);
    }
    if (continues) {
      open_continuation = {l.number, static_cast<unsigned>(content.size())};
      continue;
    }
    open_continuation = {0, 0};
    finish();
  }
  if (open_continuation.first != 0) {
    diags.push_back({{std::string(path), open_continuation.first, open_continuation.second},
                     "the file ends in a line continuation '\\'; the line is read as it stands"});
    finish();
  }
  return out;
}

// --- URLs and local paths ------------------------------------------------------------------------

// pip's URL schemes: plain downloads and version-control checkouts.
bool has_url_scheme(std::string_view word) {
  std::size_t colon = word.find(':');
  if (colon == std::string_view::npos) return false;
  std::string scheme = ascii_lower(word.substr(0, colon));
  for (std::string_view plain : {"http", "https", "file", "ftp", "git", "svn"})
    if (scheme == plain) return true;
  for (std::string_view vcs : {"git+", "hg+", "svn+", "bzr+"})
    if (scheme.starts_with(vcs)) return true;
  return false;
}

bool is_archive(std::string_view word) {
  std::string lower = ascii_lower(word);
  for (std::string_view ext : {".whl", ".zip", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tar.xz", ".txz", ".tar",
                               ".tlz", ".tar.lz", ".tar.lzma"})
    if (lower.ends_with(ext)) return true;
  return false;
}

// pip reads a line as a URL or a local path, not PEP 508, when its first word has a URL scheme,
// looks like a path before any '@' (as in `name@./x`, which stays PEP 508), or names an archive.
bool is_url_or_path(std::string_view body) {
  std::string_view word = body.substr(0, body.find_first_of(" \t;"));
  if (has_url_scheme(word)) return true;
  std::string_view before_at = word.substr(0, word.find('@'));
  if (before_at.starts_with('.') || before_at.starts_with('~') || before_at.find_first_of("/\\") != std::string_view::npos)
    return true;
  return word.find('@') == std::string_view::npos && is_archive(word);
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

// %2B in a wheel's URL is the '+' of a local version (torch-2.3.0%2Bcu121-...).
std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// The project a URL installs: `#egg=NAME`, else a wheel's file name (PEP 427: NAME-VERSION-...).
void name_from_url(std::string_view url, std::string& name, std::string& version) {
  std::size_t egg = url.find("#egg=");
  if (egg != std::string_view::npos) {
    std::string_view rest = url.substr(egg + 5);
    name = rest.substr(0, std::min(rest.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-"),
                                   rest.size()));
    return;
  }
  std::string_view file = url.substr(0, std::min(url.find_first_of("#?"), url.size()));
  file = file.substr(file.find_last_of("/\\") == std::string_view::npos ? 0 : file.find_last_of("/\\") + 1);
  if (!ascii_lower(file).ends_with(".whl") || std::count(file.begin(), file.end(), '-') < 4) return;
  name = file.substr(0, file.find('-'));
  std::string_view after_name = file.substr(file.find('-') + 1);
  version = percent_decode(after_name.substr(0, after_name.find('-')));
}

// --- the reader ----------------------------------------------------------------------------------

// Per-requirement options (--hash=..., --config-settings ...) start at the first word that
// begins with '-', as in pip; they change how, not what, is installed.
std::string_view without_requirement_options(std::string_view body) {
  for (std::size_t i = 1; i < body.size(); ++i)
    if (body[i] == '-' && (body[i - 1] == ' ' || body[i - 1] == '\t')) return trim(body.substr(0, i));
  return body;
}

// Normalizes an included path against the including file's folder; false when it is absolute,
// a URL, or climbs out of the target.
bool resolve_include(std::string_view including_path, std::string_view target, std::string& out) {
  std::string path(target);
  std::replace(path.begin(), path.end(), '\\', '/');
  if (path.starts_with('/') || path.starts_with('~') || path.find(':') != std::string::npos) return false;
  std::size_t slash = including_path.rfind('/');
  std::string joined = slash == std::string_view::npos ? path : std::string(including_path.substr(0, slash + 1)) + path;
  std::vector<std::string_view> parts;
  for (std::size_t from = 0; from <= joined.size();) {
    std::size_t cut = std::min(joined.find('/', from), joined.size());
    std::string_view part = std::string_view(joined).substr(from, cut - from);
    if (part == "..") {
      if (parts.empty()) return false;
      parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    from = cut + 1;
  }
  out.clear();
  for (auto part : parts) out.append(out.empty() ? "" : "/").append(part);
  return !out.empty();
}

struct Reader {
  const ParseInput& in;
  ParseOutput& out;

  // A file that is not a requirements file says so soon enough: out.diagnostics keeps the first few.
  void diagnose(const LogicalLine& l, std::size_t offset, std::string message) {
    auto [line, column] = l.position(offset);
    out.diagnostics.push_back({{std::string(in.path), line, column}, std::move(message)});
  }

  Fact fact(std::string kind, const LogicalLine& l, std::size_t offset) {
    auto [line, column] = l.position(offset);
    // Redacted before it is cut, so that a cut never leaves half a password to be seen.
    return Fact{std::move(kind), {std::string(in.path), line, column}, evidence_excerpt(redact_credentials(l.text), offset), {}};
  }

  void read(const LogicalLine& l) {
    std::size_t start = l.text.find_first_not_of(" \t");
    std::string_view body = trim(std::string_view(l.text).substr(start));
    if (body.starts_with('-')) return option(l, start);
    std::string_view requirement = without_requirement_options(body);
    if (is_url_or_path(requirement)) return url_dependency(l, start, requirement, false);
    pep508(l, start, requirement);
  }

  void pep508(const LogicalLine& l, std::size_t start, std::string_view text) {
    Pep508 req;
    Pep508Error error;
    if (!parse_pep508(text, req, error))
      return diagnose(l, start + error.column, "cannot parse requirement '" + excerpt(text) + "': " + error.message);
    Fact f = fact("dependency", l, start);
    set_pep508_attrs(f, req);
    out.facts.push_back(std::move(f));
  }

  void option(const LogicalLine& l, std::size_t start) {
    namespace g = grammar;
    std::string_view text = l.text;
    It it = text.begin() + static_cast<std::ptrdiff_t>(start);
    boost::iterator_range<It> name_range, value_range;
    if (!x3::parse(it, text.end(), g::option_name, name_range))
      return diagnose(l, start, "expected a pip option after '-' in '" + excerpt(trim(text)) + "'");
    x3::parse(it, text.end(), g::option_separator);
    x3::parse(it, text.end(), g::option_value, value_range);
    std::string_view name(name_range.begin(), name_range.end());
    std::string_view value(value_range.begin(), value_range.end());
    std::size_t value_offset = static_cast<std::size_t>(value_range.begin() - text.begin());

    if (name == "-r" || name == "--requirement" || name == "-c" || name == "--constraint")
      include(l, start, name, value);
    else if (name == "-i" || name == "--index-url" || name == "--extra-index-url" || name == "-f" || name == "--find-links")
      index(l, start, name, value);
    else if ((name == "-e" || name == "--editable") && value.empty())
      diagnose(l, start, std::string(name) + " needs a path or URL");
    else if (name == "-e" || name == "--editable")
      url_dependency(l, value_offset, value, true);
    // Other pip options (--pre, --trusted-host, --no-binary, ...) say nothing about what is installed.
  }

  void include(const LogicalLine& l, std::size_t start, std::string_view name, std::string_view value) {
    if (value.empty()) return diagnose(l, start, std::string(name) + " needs a file name");
    std::string resolved;
    if (!resolve_include(in.path, value, resolved))
      return diagnose(l, start, "include '" + excerpt(value) + "' points outside the target; not followed");
    Fact f = fact("include", l, start);
    f.set("option", name == "-r" || name == "--requirement" ? "requirement" : "constraint").set("path", resolved);
    out.facts.push_back(std::move(f));
  }

  void index(const LogicalLine& l, std::size_t start, std::string_view name, std::string_view value) {
    if (value.empty()) return diagnose(l, start, std::string(name) + " needs a URL");
    const char* option = name == "-i" || name == "--index-url"  ? "index-url"
                         : name == "--extra-index-url"          ? "extra-index-url"
                                                                : "find-links";
    Fact f = fact("index", l, start);
    f.set("option", option).set("url", redact_credentials(value));
    out.facts.push_back(std::move(f));
  }

  // A URL or local path instead of a name: `./pkg[extra]`, `git+https://...#egg=name`, a wheel.
  void url_dependency(const LogicalLine& l, std::size_t offset, std::string_view text, bool editable) {
    std::string_view location = text, marker;
    std::size_t semicolon = text.find(';');
    if (semicolon != std::string_view::npos) {
      location = trim(text.substr(0, semicolon));
      marker = trim(text.substr(semicolon + 1));
    }
    std::vector<std::string> extras;
    std::unordered_set<std::string> seen;  // an extra written twice is kept once
    std::size_t open = location.rfind('[');
    if (location.ends_with(']') && open != std::string_view::npos) {
      std::string_view list = location.substr(open + 1, location.size() - open - 2);
      for (std::size_t from = 0; from <= list.size();) {
        std::size_t comma = std::min(list.find(',', from), list.size());
        if (auto extra = trim(list.substr(from, comma - from)); !extra.empty() && seen.insert(normalize_pypi_name(extra)).second)
          extras.push_back(normalize_pypi_name(extra));
        from = comma + 1;
      }
      location = location.substr(0, open);
    }
    std::string name, version;
    name_from_url(location, name, version);
    Fact f = fact("dependency", l, offset);
    f.set("ecosystem", "pypi");
    if (!name.empty()) f.set("name", normalize_pypi_name(name)).set("raw_name", name);
    for (auto& e : extras) f.set("extra", std::move(e));
    if (!version.empty()) f.set("version", version);
    if (!marker.empty()) f.set("marker", std::string(marker));
    f.set("url", redact_credentials(location));
    if (editable) f.set("editable", "true");
    out.facts.push_back(std::move(f));
  }
};

}  // namespace

bool requirements_accepts(std::string_view rel_path) {
  std::string name = ascii_lower(base_name(rel_path));
  std::size_t slash = rel_path.rfind('/');
  std::string folder = ascii_lower(base_name(slash == std::string_view::npos ? "" : rel_path.substr(0, slash)));
  if (name.starts_with("requirements") && name.ends_with(".in")) return true;
  if (!name.ends_with(".txt")) return false;
  return name.starts_with("requirements") || name.starts_with("constraints") || name.ends_with("-requirements.txt") ||
         name.ends_with("_requirements.txt") || folder == "requirements";
}

void parse_requirements(const ParseInput& in, ParseOutput& out) {
  Reader reader{in, out};
  try {
    for (const auto& line : logical_lines(in.text, in.path, out.diagnostics)) reader.read(line);
  } catch (const std::exception& e) {  // out of memory and the like; what was read so far stands
    out.diagnostics.push_back({{std::string(in.path), 0, 0}, std::string("cannot read requirements file: ") + e.what()});
  }
}

}  // namespace openlock
