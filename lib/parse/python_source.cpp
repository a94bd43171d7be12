// A token-level reading of Python: enough to tell an import from a word in a comment and a
// string literal from code. Facts:
//   import    module (dotted); for `from m import s` also symbol and qualified (m.s), one fact per symbol
//   env_var   name, from os.environ["X"], os.environ.get("X"), os.getenv("X")
//   call      function (dotted, as written), arg: calls whose first argument is a string literal
//   endpoint  host, url: string literals that are http(s)/ws(s) URLs
//   device_string name: literals that are an accelerator device ("cuda:0" -> cuda, "mps", "xpu")
//   model_ref name: string literals shaped like a model id (no spaces, letters and digits)
#include "core/text.hpp"
#include "parse/python_source.hpp"

#include <cctype>
#include <cstdint>
#include <cstring>
#include <deque>
#include <string>

#include "parse/literals.hpp"
#include "parse/text_lines.hpp"

namespace openlock {

namespace {

struct Token {
  enum Kind : std::uint8_t { name, string, op, newline };
  std::string_view text;  // into the source, or the lexer's copy; for strings: the contents without quotes
  std::uint32_t line, column;
  std::uint32_t line_start;  // offset of the line's first byte: evidence is cut only for tokens that give a fact
  Kind kind;
  bool statement_start = false;  // first token of a logical line
};

// Character classes by table (the <cctype> tests consult the locale on every character).
struct CharClasses {
  bool ident_start[256] = {}, ident_char[256] = {}, string_prefix[256] = {}, blank[256] = {};
  constexpr CharClasses() {
    for (int c = 0; c < 256; ++c) {
      ident_start[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
      ident_char[c] = ident_start[c] || (c >= '0' && c <= '9');
    }
    for (unsigned char c : std::string_view("rRbBuUfF")) string_prefix[c] = true;
    blank[' '] = blank['\t'] = blank['\f'] = true;
  }
};
constexpr CharClasses kClasses;
bool ident_start(char c) { return kClasses.ident_start[static_cast<unsigned char>(c)]; }
bool ident_char(char c) { return kClasses.ident_char[static_cast<unsigned char>(c)]; }
bool string_prefix(char c) { return kClasses.string_prefix[static_cast<unsigned char>(c)]; }
bool blank(char c) { return kClasses.blank[static_cast<unsigned char>(c)]; }
bool digit(char c) { return c >= '0' && c <= '9'; }

// Offset of the next line break (\n or \r) at or after `from`, or the text's size.
std::size_t line_end(std::string_view s, std::size_t from) {
  const char* begin = s.data() + from;
  std::size_t n = s.size() - from;
  const void* lf = std::memchr(begin, '\n', n);
  std::size_t end = lf ? static_cast<std::size_t>(static_cast<const char*>(lf) - begin) : n;
  const void* cr = std::memchr(begin, '\r', end);  // a lone CR ends a line too (old Mac files)
  return from + (cr ? static_cast<std::size_t>(static_cast<const char*>(cr) - begin) : end);
}

// Splits Python into tokens; unterminated strings end at the end of their line (or file for
// triple quotes) and are reported, the rest of the file is still read.
class Lexer {
 public:
  Lexer(std::string_view text, std::string_view path, Diagnostics& diags,
        std::chrono::steady_clock::time_point deadline)
      : s_(text), path_(path), diags_(diags), deadline_(deadline) {
    if (s_.starts_with("\xEF\xBB\xBF")) i_ = 3;
  }

  // Appends to `tokens`, which the caller reuses from file to file (its memory is already mapped).
  void run(std::vector<Token>& tokens) {
    tokens.reserve(s_.size() / 4);  // at most about one token per four bytes of Python
    int depth = 0;  // inside brackets, newlines do not end a statement
    bool at_start = true;
    while (i_ < s_.size()) {
      if (deadline_.passed(path_, line_, diags_)) {
        over_budget_ = true;
        break;
      }
      char c = s_[i_];
      if (c == '\n' || c == '\r') {
        if (c == '\r' && i_ + 1 < s_.size() && s_[i_ + 1] == '\n') ++i_;
        ++i_, ++line_, line_start_ = i_;
        if (depth == 0 && !at_start) tokens.push_back({"", line_ - 1, 0, 0, Token::newline}), at_start = true;
        continue;
      }
      if (blank(c)) {  // a run at once: indentation is most of a file's blanks
        while (++i_ < s_.size() && blank(s_[i_])) {}
        continue;
      }
      if (c == '\\' && i_ + 1 < s_.size() && (s_[i_ + 1] == '\n' || s_[i_ + 1] == '\r')) { ++i_; continue; }
      if (c == '#') {
        i_ = line_end(s_, i_);
        continue;
      }
      Token t{"", line_, column(), static_cast<std::uint32_t>(line_start_), Token::op};
      t.statement_start = at_start;
      at_start = false;
      if (string_start()) {
        t.kind = Token::string;
        t.text = read_string();
      } else if (ident_start(c) || digit(c)) {  // a number (12, 0x1F, 1_000) is one token, not one per digit
        t.kind = digit(c) ? Token::op : Token::name;
        std::size_t b = i_;
        while (i_ < s_.size() && ident_char(s_[i_])) ++i_;
        // A dotted name written without blanks (os.environ.get) is one token: 8 MB of
        // `import a.a.a...` is then one token, not four million of 32 bytes each.
        while (t.kind == Token::name && i_ + 1 < s_.size() && s_[i_] == '.' && ident_start(s_[i_ + 1]))
          for (++i_; i_ < s_.size() && ident_char(s_[i_]);) ++i_;
        t.text = s_.substr(b, i_ - b);
      } else {
        if (c == ';' && depth == 0) at_start = true;  // `a = 1; import b`: a new statement
        if (c == '(' || c == '[' || c == '{') ++depth;
        if ((c == ')' || c == ']' || c == '}') && depth > 0) --depth;
        t.text = s_.substr(i_, 1);
        ++i_;
      }
      tokens.push_back(t);
    }
  }

  /// Whether run() stopped at the deadline (and said so).
  [[nodiscard]] bool over_budget() const { return over_budget_; }

 private:
  unsigned column() const { return static_cast<unsigned>(i_ - line_start_) + 1; }

  // A quote, optionally after a prefix of r, b, u, f (any case, at most two letters).
  bool string_start() {
    std::size_t j = i_;
    while (j < s_.size() && j - i_ < 2 && string_prefix(s_[j])) ++j;
    if (j < s_.size() && (s_[j] == '"' || s_[j] == '\'')) {
      raw_ = s_.substr(i_, j - i_).find_first_of("rR") != std::string_view::npos;
      i_ = j;
      return true;
    }
    return false;
  }

  // The contents stay a view of the source unless an escape or a line break makes them differ;
  // only then are they copied (most literals have neither).
  static bool special(char c) { return c == '"' || c == '\'' || c == '\\' || c == '\n' || c == '\r'; }

  std::string_view read_string() {
    char q = s_[i_];
    bool triple = s_.substr(i_, 3) == std::string(3, q);
    unsigned start_line = line_;
    i_ += triple ? 3 : 1;
    const std::size_t begin = i_;
    std::string* copy = nullptr;
    auto diverge = [&] {
      if (!copy) copy = &copies_.emplace_back(s_.substr(begin, i_ - begin));
    };
    auto contents = [&] { return copy ? std::string_view(*copy) : s_.substr(begin, i_ - begin); };
    while (i_ < s_.size()) {
      // A run of plain characters: nothing to interpret before the next quote, backslash or break.
      std::size_t run = i_;
      while (run < s_.size() && !special(s_[run])) ++run;
      if (copy) copy->append(s_.substr(i_, run - i_));
      i_ = run;
      if (i_ == s_.size()) break;
      char c = s_[i_];
      if (c == '\\' && i_ + 1 < s_.size() && (s_[i_ + 1] == '\n' || s_[i_ + 1] == '\r')) {  // line continuation
        diverge();
        i_ += (s_[i_ + 1] == '\r' && i_ + 2 < s_.size() && s_[i_ + 2] == '\n') ? 3 : 2;
        ++line_, line_start_ = i_;
        continue;
      }
      if (c == '\\' && !raw_ && i_ + 1 < s_.size()) {
        diverge();
        *copy += s_[i_ + 1];
        i_ += 2;
        continue;
      }
      if (c == '\\' && raw_ && i_ + 1 < s_.size()) {  // raw strings keep the backslash
        if (copy) *copy += c, *copy += s_[i_ + 1];
        i_ += 2;
        continue;
      }
      if (triple ? s_.substr(i_, 3) == std::string(3, q) : c == q) {
        std::string_view out = contents();
        i_ += triple ? 3 : 1;
        return out;
      }
      if (c == '\n' || c == '\r') {
        if (!triple) break;
        if (c == '\r' && i_ + 1 < s_.size() && s_[i_ + 1] == '\n') diverge(), ++i_;  // CRLF reads as CR
        ++line_, line_start_ = i_ + 1;
      }
      if (copy) *copy += c;
      ++i_;
    }
    diags_.push_back({{std::string(path_), start_line, 0}, "string literal is never closed"});
    return contents();
  }

  std::string_view s_;
  std::string_view path_;
  Diagnostics& diags_;
  DeadlineCheck deadline_;
  bool over_budget_ = false;
  std::size_t i_ = 0, line_start_ = 0;
  unsigned line_ = 1;
  bool raw_ = false;
  std::deque<std::string> copies_;  // string contents that differ from the source; tokens point here
};

struct Reader {
  const ParseInput& in;
  ParseOutput& out;
  Fact& draft;  // the next fact's kind and attributes, reused from fact to fact (see add)
  std::string function, qualified;  // buffers reused by call() and import_statement()

  // Adds a fact of `kind` with `attrs` at token `t`, if the scan wants it. Asked first with the
  // draft, whose strings keep their buffers: most calls, imports and literals of a source file
  // are wanted by no rule and then cost no allocation.
  void add(std::string_view kind, const Token& t, std::initializer_list<AttrView> attrs) {
    fill_draft(draft, kind, {}, {attrs.begin(), attrs.size()});
    if (!in.wants(draft)) return;
    std::string evidence = evidence_excerpt(in.text, t.line_start + t.column - 1, t.text.size());
    out.facts.push_back(Fact{draft.kind, {std::string(in.path), t.line, t.column}, std::move(evidence), draft.attrs});
  }

  // `import a.b as c, d` and `from a.b import x, y as z` / `from . import x` (relative: skipped).
  std::size_t import_statement(const std::vector<Token>& tk, std::size_t i) {
    auto dotted = [&](std::size_t& j) {
      std::string name;
      while (j < tk.size() && (tk[j].kind == Token::name || (tk[j].kind == Token::op && tk[j].text == "."))) {
        if (tk[j].kind == Token::name && !name.empty() && name.back() != '.') break;
        name += tk[j++].text;
      }
      return name;
    };
    // A statement ends at its line's end or at a `;`.
    auto end = [&](std::size_t k) { return k >= tk.size() || tk[k].kind == Token::newline || (tk[k].kind == Token::op && tk[k].text == ";"); };
    std::size_t j = i + 1;
    if (tk[i].text == "import") {
      while (!end(j)) {
        std::size_t at = j;
        std::string module = dotted(j);
        if (!module.empty()) add("import", tk[at], {{"module", module}, {"language", "python"}});
        while (!end(j) && tk[j].text != ",") ++j;  // skip `as x`
        if (j < tk.size() && tk[j].text == ",") ++j;
        if (at == j) ++j;
      }
      return j;
    }
    std::string module = dotted(j);
    if (module.empty() || module[0] == '.' || j >= tk.size() || tk[j].text != "import") return j;
    for (++j; !end(j); ++j) {
      if (tk[j].kind != Token::name || tk[j].text == "as") continue;
      if (j > 0 && tk[j - 1].text == "as") continue;
      qualified.assign(module).append(".").append(tk[j].text);
      add("import", tk[j], {{"module", module}, {"symbol", tk[j].text}, {"qualified", qualified}, {"language", "python"}});
    }
    return j;
  }

  void env_var(const std::vector<Token>& tk, std::size_t i) {
    // environ [ "X" ]   |   environ . get ( "X"   |   getenv ( "X"; a name may be dotted (os.environ.get).
    auto is = [&](std::size_t k, const char* text) { return k < tk.size() && tk[k].text == text && tk[k].kind != Token::string; };
    std::string_view name = tk[i].text;
    std::string_view last = name.substr(name.rfind('.') + 1);  // npos + 1 == 0: the whole name
    std::string_view before = name.substr(0, name.size() - last.size());
    bool environ_get = last == "get" && (before == "environ." || before.ends_with(".environ."));
    std::size_t str = 0;
    if (last == "environ" && is(i + 1, "[")) str = i + 2;
    else if (last == "environ" && is(i + 1, ".") && is(i + 2, "get") && is(i + 3, "(")) str = i + 4;
    else if ((environ_get || last == "getenv") && is(i + 1, "(")) str = i + 2;
    if (str && str < tk.size() && tk[str].kind == Token::string && !tk[str].text.empty())
      add("env_var", tk[str], {{"name", tk[str].text}, {"language", "python"}});
  }

  // name(.name)* ( "literal"  ->  call fact; `i` is the first name of the chain.
  void call(const std::vector<Token>& tk, std::size_t i) {
    if (i > 0 && tk[i - 1].kind == Token::op && tk[i - 1].text == ".") return;  // not the chain's start
    std::size_t j = i + 1;
    while (j + 1 < tk.size() && tk[j].kind == Token::op && tk[j].text == "." && tk[j + 1].kind == Token::name) j += 2;
    if (j + 1 >= tk.size() || tk[j].kind != Token::op || tk[j].text != "(" || tk[j + 1].kind != Token::string) return;
    function.assign(tk[i].text);
    for (std::size_t k = i + 2; k < j; k += 2) function.append(".").append(tk[k].text);
    add("call", tk[i], {{"function", function}, {"arg", tk[j + 1].text}, {"language", "python"}});
  }

  void string_literal(const Token& t) {
    std::string host = url_host(t.text), device = device_name(t.text);
    if (!host.empty()) {
      add("endpoint", t, {{"host", host}, {"url", t.text}, {"language", "python"}});
    } else if (!device.empty()) {
      add("device_string", t, {{"name", device}, {"language", "python"}});
    } else if (looks_like_model_id(t.text)) {
      add("model_ref", t, {{"name", t.text}, {"language", "python"}});
    }
  }
};

}  // namespace

bool python_source_accepts(std::string_view rel_path) {
  return rel_path.ends_with(".py") || rel_path.ends_with(".pyi");
}

void parse_python_source(const ParseInput& in, ParseOutput& out) {
  if (too_large_to_lex(in, out)) return;
  thread_local Fact draft;
  Reader reader{in, out, draft, {}, {}};
  thread_local std::vector<Token> tokens;
  tokens.clear();
  Lexer lexer(in.text, in.path, out.diagnostics, in.deadline);  // owns the copied string contents
  lexer.run(tokens);
  // Reading the tokens is bounded by the budget too, unless lexing already went over it.
  DeadlineCheck deadline(lexer.over_budget() ? std::chrono::steady_clock::time_point::max() : in.deadline);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (deadline.passed(in.path, t.line, out.diagnostics)) break;
    if (t.kind == Token::name && t.statement_start && (t.text == "import" || t.text == "from")) {
      i = reader.import_statement(tokens, i);
      if (i >= tokens.size()) break;
    } else if (t.kind == Token::name) {
      reader.env_var(tokens, i);
      reader.call(tokens, i);
    } else if (t.kind == Token::string) {
      reader.string_literal(t);
    }
  }
  if (tokens.capacity() > (std::size_t{1} << 20)) tokens = {};  // one huge file does not pin its tokens' memory
}

}  // namespace openlock
