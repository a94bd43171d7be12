// SPDX license expressions (SPDX 2.3 annex D) with Boost.Spirit X3. Precedence, tightest first:
// "+", WITH, AND, OR; parentheses group. All of the project's X3 for licenses is in this file.
#include <boost/spirit/home/x3.hpp>

#include <algorithm>

#include "core/text.hpp"
#include "license/spdx_list.hpp"
#include "openlock/license.hpp"

namespace openlock {

namespace {

namespace x3 = boost::spirit::x3;
using It = std::string_view::const_iterator;

struct Node {
  enum Kind { leaf, all_of, any_of } kind = leaf;
  std::string id;         // leaf: as written, without '+'
  bool plus = false;      // leaf: "or later"
  std::string exception;  // leaf: WITH exception, as written
  std::uint32_t column = 0, exception_column = 0;
  std::vector<Node> children;
};

constexpr int kMaxNesting = 64;

struct start_tag;  // context key: where the text begins, for columns

template <class Ctx>
std::uint32_t column_of(const Ctx& ctx, It at) {
  return static_cast<std::uint32_t>(at - x3::get<start_tag>(ctx)) + 1;
}

const auto set = [](auto& ctx) { x3::_val(ctx) = std::move(x3::_attr(ctx)); };

const auto leaf = [](auto& ctx) {
  const auto& range = x3::_attr(ctx);
  Node n;
  n.id.assign(range.begin(), range.end());
  n.column = column_of(ctx, range.begin());
  if (n.id.size() > 1 && n.id.back() == '+') n.plus = true, n.id.pop_back();
  x3::_val(ctx) = std::move(n);
};

const auto with_exception = [](auto& ctx) {
  const auto& range = x3::_attr(ctx);
  x3::_val(ctx).exception.assign(range.begin(), range.end());
  x3::_val(ctx).exception_column = column_of(ctx, range.begin());
};

template <Node::Kind K>
struct join {
  template <class Ctx>
  void operator()(Ctx& ctx) const {
    Node& val = x3::_val(ctx);
    if (val.kind != K) {
      Node group;
      group.kind = K;
      group.children.push_back(std::move(val));
      val = std::move(group);
    }
    val.children.push_back(std::move(x3::_attr(ctx)));
  }
};

const auto idchar = x3::ascii::alnum | x3::ascii::char_("-.");
const auto idstring = x3::lexeme[+idchar];
const auto word_end = !idchar;
const auto and_kw = x3::lexeme[x3::lit("AND") >> word_end];
const auto or_kw = x3::lexeme[x3::lit("OR") >> word_end];
const auto with_kw = x3::lexeme[x3::lit("WITH") >> word_end];
const auto keyword = and_kw | or_kw | with_kw;
const auto license_ref =
    x3::lexeme[-(x3::no_case["documentref-"] >> +idchar >> ':') >> x3::no_case["licenseref-"] >> +idchar];

x3::rule<class simple_r, Node> const simple = "license id";
x3::rule<class primary_r, Node> const primary = "license id or '('";
x3::rule<class and_r, Node> const and_expr = "AND expression";
x3::rule<class or_r, Node> const or_expr = "expression";

const auto simple_def = (!keyword >> x3::raw[x3::lexeme[license_ref | (+idchar >> -x3::lit('+'))]])[leaf];
const auto primary_def = ('(' > or_expr > ')')[set] | (simple[set] >> -(with_kw > x3::raw[idstring][with_exception]));
const auto and_expr_def = primary[set] >> *(and_kw > primary[join<Node::all_of>{}]);
const auto or_expr_def = and_expr[set] >> *(or_kw > and_expr[join<Node::any_of>{}]);

BOOST_SPIRIT_DEFINE(simple, primary, and_expr, or_expr)

// Looks like a reference (starts with LicenseRef- or DocumentRef-), valid or not.
bool is_ref(const std::string& id) {
  std::string lower = ascii_lower(id);
  return lower.starts_with("licenseref-") || lower.starts_with("documentref-");
}

// ["DocumentRef-" idstring ":"] "LicenseRef-" idstring, with non-empty idstrings.
bool well_formed_ref(const std::string& id) {
  std::string lower = ascii_lower(id);
  std::size_t at = 0;
  if (lower.starts_with("documentref-")) {
    std::size_t colon = lower.find(':');
    if (colon == std::string::npos || colon == 12) return false;
    at = colon + 1;
  }
  return lower.compare(at, 11, "licenseref-") == 0 && lower.size() > at + 11;
}

std::string canonical_ref(const std::string& id) {
  // Keep the idstrings as written; only the fixed prefixes get their canonical case.
  std::string out = id;
  std::string lower = ascii_lower(id);
  if (lower.starts_with("documentref-")) out.replace(0, 12, "DocumentRef-");
  auto at = ascii_lower(out).find("licenseref-");
  if (at != std::string::npos) out.replace(at, 11, "LicenseRef-");
  return out;
}

struct Validator {
  LicenseExpression& out;
  bool all_osi = true;

  void fail(std::string message, std::uint32_t column) {
    if (out.error.empty()) out.error = std::move(message), out.error_column = column;
  }

  std::string visit(Node& n, Node::Kind parent) {
    if (n.kind == Node::leaf) return leaf(n);
    std::string text;
    for (auto& c : n.children) {
      if (!text.empty()) text += n.kind == Node::all_of ? " AND " : " OR ";
      text += visit(c, n.kind);
    }
    // Parentheses only where precedence needs them: an OR inside an AND.
    return n.kind == Node::any_of && parent == Node::all_of ? "(" + text + ")" : text;
  }

  std::string leaf(Node& n) {
    std::string id;
    if (is_ref(n.id)) {
      id = canonical_ref(n.id);
      all_osi = false;
      if (!well_formed_ref(n.id)) fail("'" + n.id + "' is not a valid reference: expected [DocumentRef-ID:]LicenseRef-ID", n.column);
      if (n.plus) fail("'+' cannot follow a LicenseRef", n.column);
    } else if (const SpdxLicense* known = find_spdx_license(n.id)) {
      id = known->id;
      all_osi = all_osi && known->osi_approved;
      if (known->deprecated) out.deprecated.push_back(id);
    } else {
      id = n.id;
      all_osi = false;
      out.unknown.push_back(id);
      fail("unknown license id '" + n.id + "'", n.column);
    }
    out.licenses.push_back(id);
    std::string text = id + (n.plus ? "+" : "");
    if (!n.exception.empty()) {
      std::string exception = find_spdx_exception(n.exception);
      if (exception.empty() && !well_formed_ref(n.exception)) {
        out.unknown.push_back(n.exception);
        fail("unknown license exception id '" + n.exception + "'", n.exception_column);
        exception = n.exception;
      }
      out.exceptions.push_back(exception);
      text += " WITH " + exception;
    }
    return text;
  }
};

// What to say when the grammar stops at `where`.
std::string explain(std::string_view rest, const std::string& expected) {
  std::string word = ascii_lower(rest.substr(0, rest.find_first_of(" ()")));
  if (word == "and" || word == "or" || word == "with") return "operators must be upper case (AND, OR, WITH)";
  if (rest.empty()) return "expression ends early: expected " + expected;
  return "expected " + expected + " at '" + std::string(rest.substr(0, 20)) + "'";
}


// The first byte no SPDX expression holds: one above 0x7F or a control byte other than the
// white space X3 skips. X3's character classes take only ASCII (a byte above 0x7F is a failed
// assertion in a Debug build and undefined behaviour in release), so such text never reaches them.
std::size_t first_foreign_byte(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto byte = static_cast<unsigned char>(text[i]);
    bool space = byte == ' ' || (byte >= '\t' && byte <= '\r');
    if (byte >= 0x7F || (byte < 0x20 && !space)) return i;
  }
  return std::string_view::npos;
}

std::string hex_byte(unsigned char byte) {
  const char* digits = "0123456789ABCDEF";
  return std::string("0x") + digits[byte >> 4] + digits[byte & 0xF];
}

}  // namespace

LicenseExpression parse_license_expression(std::string_view text) {
  LicenseExpression out;
  if (std::size_t at = first_foreign_byte(text); at != std::string_view::npos) {
    auto byte = static_cast<unsigned char>(text[at]);
    out.error = "byte " + hex_byte(byte) + (byte >= 0x80 ? " is not ASCII" : " is a control character") +
                ": an SPDX license expression is printable ASCII";
    out.error_column = static_cast<std::uint32_t>(at) + 1;
    return out;
  }
  // The grammar recurses per parenthesis; bound it before a hostile input can exhaust the stack.
  int depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
    if (depth > kMaxNesting) {
      out.error = "parentheses nest deeper than " + std::to_string(kMaxNesting) + " levels";
      out.error_column = static_cast<std::uint32_t>(i) + 1;
      return out;
    }
  }
  It begin = text.begin(), it = begin, end = text.end();
  Node root;
  auto grammar = x3::with<start_tag>(begin)[or_expr > x3::eoi];
  try {
    out.parsed = x3::phrase_parse(it, end, grammar, x3::ascii::space, root);
    if (!out.parsed) {
      out.error = explain(std::string_view(it, end), "a license id or '('");
      out.error_column = static_cast<std::uint32_t>(it - begin) + 1;
      return out;
    }
  } catch (const x3::expectation_failure<It>& e) {
    // Names X3 gives are rule names or literals; an action's type name is not for people.
    std::string expected = e.which() == "eoi"                            ? "AND, OR, WITH or the end"
                           : e.which().find("boost") != std::string::npos ? "a license id or '('"
                                                                           : e.which();
    out.error = explain(std::string_view(e.where(), end), expected);
    out.error_column = static_cast<std::uint32_t>(e.where() - begin) + 1;
    return out;
  }
  Validator v{out};
  out.normalized = v.visit(root, Node::any_of);
  out.valid = out.error.empty();
  out.osi_approved = out.valid && v.all_osi;
  return out;
}

}  // namespace openlock
