// A token-level reading of C-syntax languages; nothing is compiled or run. Facts (all carry
// `language`: js, go, rust or c):
//   import    module: JS `import ... from "m"`, `import "m"`, `import("m")`, `require("m")`,
//             `export ... from "m"`; Go `import "p"` and import blocks; Rust `use a::b` (module
//             a, path a::b) and `extern crate a`; C family `#include <h>` / `"h"` (module h)
//   env_var   name: process.env.X, process.env["X"], import.meta.env.X, os.Getenv("X"),
//             std::env::var("X"), env!("X"), getenv("X") and the like
//   call      function (as written, `.` or `::` joined), arg: calls whose first argument is a literal
//   endpoint  host, url / device_string name / model_ref name: string literals (see literals.hpp)
//   backend   backend, extension: one per file whose extension is accelerator code
// Rust items under #[cfg(test)] get context=test (an in-file marker the path cannot show).
#include "parse/c_family_source.hpp"

#include <array>
#include <cstdint>
#include <deque>
#include <string>

#include "parse/literals.hpp"
#include "parse/text_lines.hpp"

namespace openlock {

namespace {

enum class Lang { js, go, rust, c };

// 32 bytes: a large file has hundreds of thousands of tokens (offsets fit: the lexer refuses
// files of 4 GiB and more).
struct Token {
  // Into the source, or the lexer's copy when a literal's value differs from its text (escapes).
  // strings: contents without quotes; include: the header; op: one char or "::"
  std::string_view text;
  std::uint32_t line, column;
  std::uint32_t line_start;  // offset of the line's first byte: evidence is cut only for tokens that give a fact
  enum Kind : std::uint8_t { name, string, include, op } kind;
  bool test = false;  // inside a Rust #[cfg(test)] item
};

// Character classes by table (the <cctype> tests consult the locale on every character).
struct CharClasses {
  bool ident_start[256] = {}, ident_char[256] = {};
  constexpr CharClasses() {
    for (int c = 0; c < 256; ++c) {
      ident_start[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' || c >= 0x80;
      ident_char[c] = ident_start[c] || (c >= '0' && c <= '9');
    }
  }
};
constexpr CharClasses kClasses;
bool ident_start(char c) { return kClasses.ident_start[static_cast<unsigned char>(c)]; }
bool ident_char(char c) { return kClasses.ident_char[static_cast<unsigned char>(c)]; }

class Lexer {
 public:
  Lexer(Lang lang, std::string_view text, std::string_view path, Diagnostics& diags,
        std::chrono::steady_clock::time_point deadline)
      : lang_(lang), s_(text), path_(path), diags_(diags), deadline_(deadline) {
    if (s_.starts_with("\xEF\xBB\xBF")) i_ = content_end_ = 3;
  }

  // Appends to `tokens`, which the caller reuses from file to file.
  void run(std::vector<Token>& tokens) {
    bool after_content = false;  // the last step read something other than blanks and line breaks
    while (i_ < s_.size()) {
      if (after_content) content_end_ = i_, after_content = false;
      if (deadline_.passed(path_, line_, diags_)) {
        over_budget_ = true;
        break;
      }
      char c = s_[i_];
      if (c == '\n' || c == '\r') {
        newline();
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\f' || c == '\v') { ++i_; continue; }
      after_content = true;
      if (c == '/' && peek(1) == '/') { skip_to_eol(); continue; }
      if (c == '/' && peek(1) == '*') { block_comment(); continue; }
      if (c == '/' && lang_ == Lang::js && regex_allowed(tokens) && skip_regex()) continue;
      Token t{"", line_, column(), static_cast<std::uint32_t>(line_start_), Token::op};
      if (lang_ == Lang::c && c == '#' && only_space_before()) {
        if (!directive(t)) continue;
      } else if (raw_string_start()) {
        t.kind = Token::string, t.text = read_raw_string();
      } else if (c == '"' || (c == '\'' && !lifetime()) || c == '`') {
        t.kind = Token::string, t.text = read_string();
      } else if (ident_start(c)) {
        std::size_t b = i_;
        while (i_ < s_.size() && ident_char(s_[i_])) ++i_;
        // A Rust or C++ path written without blanks (std::env::var) is one token: 8 MB of
        // `use a::a::...` is then one token, not millions of 32 bytes each.
        while ((lang_ == Lang::rust || lang_ == Lang::c) && peek(0) == ':' && peek(1) == ':' && ident_start(peek(2)))
          for (i_ += 2; i_ < s_.size() && ident_char(s_[i_]);) ++i_;
        t.kind = Token::name, t.text = s_.substr(b, i_ - b);
      } else if (c == ':' && peek(1) == ':') {
        t.text = s_.substr(i_, 2), i_ += 2;
      } else {
        t.text = s_.substr(i_, 1), ++i_;
      }
      mark_test(t);
      tokens.push_back(t);
    }
  }

  /// Whether run() stopped at the deadline (and said so).
  [[nodiscard]] bool over_budget() const { return over_budget_; }

 private:
  char peek(std::size_t k) const { return i_ + k < s_.size() ? s_[i_ + k] : '\0'; }
  unsigned column() const { return static_cast<unsigned>(i_ - line_start_) + 1; }

  void newline() {
    if (s_[i_] == '\r' && peek(1) == '\n') ++i_;
    ++i_, ++line_, line_start_ = i_;
  }
  void skip_to_eol() {
    while (i_ < s_.size() && s_[i_] != '\n' && s_[i_] != '\r') ++i_;
  }
  // Whether only blanks come before s_[i_] on its line: known from where the last content ended,
  // not by looking back (a long line of '#'s would be read again for each).
  bool only_space_before() const { return content_end_ <= line_start_; }

  void block_comment() {
    unsigned start = line_;
    for (i_ += 2; i_ < s_.size(); ) {
      if (s_[i_] == '*' && peek(1) == '/') { i_ += 2; return; }
      if (s_[i_] == '\n' || s_[i_] == '\r') newline();
      else ++i_;
    }
    diags_.push_back({{std::string(path_), start, 0}, "block comment is never closed"});
  }

  // `#include <h>` / `#include "h"` becomes an include token; other directives are read on as code
  // (a #define's string literal is still a literal). Returns false when there is no token to keep.
  bool directive(Token& t) {
    ++i_;
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t')) ++i_;
    if (s_.substr(i_, 7) != "include") return false;
    i_ += 7;
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t')) ++i_;
    char open = peek(0), close = open == '<' ? '>' : '"';
    if (open != '<' && open != '"') return false;
    std::size_t end = s_.find_first_of(std::string{close, '\n', '\r'}, i_ + 1);
    if (end == std::string_view::npos || s_[end] != close) {
      diags_.push_back({{std::string(path_), line_, column()}, "#include is missing its closing " + std::string(1, close)});
      skip_to_eol();
      return false;
    }
    t.kind = Token::include, t.text = s_.substr(i_ + 1, end - i_ - 1);
    i_ = end + 1;
    return true;
  }

  // JS: a '/' where an expression starts opens a regular expression literal (its quotes are not
  // strings): after an operator, an opening bracket, or a keyword such as return.
  static bool regex_allowed(const std::vector<Token>& tokens) {
    if (tokens.empty()) return true;
    const Token& t = tokens.back();
    if (t.kind == Token::op) return t.text != ")" && t.text != "]" && t.text != "}";
    if (t.kind != Token::name) return false;
    for (std::string_view k : {"return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "yield", "await"})
      if (t.text == k) return true;
    return false;
  }

  // Skips /.../flags on one line; false (nothing skipped) when no closing '/' is on the line.
  bool skip_regex() {
    bool in_class = false;
    for (std::size_t k = i_ + 1; k < s_.size(); ++k) {
      char c = s_[k];
      if (c == '\n' || c == '\r') return false;
      if (c == '\\') { ++k; continue; }
      if (c == '[') in_class = true;
      else if (c == ']') in_class = false;
      else if (c == '/' && !in_class) {
        i_ = k + 1;
        return true;
      }
    }
    return false;
  }

  // Rust lifetimes ('a, 'static) are not char literals: a quote, a name, and no closing quote.
  bool lifetime() const {
    if (lang_ != Lang::rust || !ident_start(peek(1))) return false;
    std::size_t k = i_ + 1;
    while (k < s_.size() && ident_char(s_[k])) ++k;
    return k >= s_.size() || s_[k] != '\'';
  }

  // Rust r"..", r#".."#, br".."; C++ R"d(..)d" (with u8/u/U/L prefixes).
  bool raw_string_start() {
    std::size_t k = i_;
    if (lang_ == Lang::rust) {
      if (s_[k] == 'b') ++k;
      if (k >= s_.size() || s_[k] != 'r') return false;
      ++k;
      std::size_t hashes = 0;
      while (k < s_.size() && s_[k] == '#') ++k, ++hashes;
      if (k >= s_.size() || s_[k] != '"' || (i_ > 0 && ident_char(s_[i_ - 1]))) return false;
      raw_close_ = "\"" + std::string(hashes, '#');
      i_ = k + 1;
      return true;
    }
    if (lang_ != Lang::c || (i_ > 0 && ident_char(s_[i_ - 1]))) return false;
    for (std::string_view p : {"u8R\"", "uR\"", "UR\"", "LR\"", "R\""}) {
      if (s_.substr(k, p.size()) != p) continue;
      std::size_t paren = s_.find('(', k + p.size());
      if (paren == std::string_view::npos || paren - (k + p.size()) > 16) return false;
      raw_close_ = ")" + std::string(s_.substr(k + p.size(), paren - k - p.size())) + "\"";
      i_ = paren + 1;
      return true;
    }
    return false;
  }

  std::string_view read_raw_string() {
    unsigned start = line_;
    std::size_t end = s_.find(raw_close_, i_);
    std::size_t stop = end == std::string_view::npos ? s_.size() : end;
    std::string_view out = s_.substr(i_, stop - i_);
    while (i_ < stop) {
      if (s_[i_] == '\n' || s_[i_] == '\r') newline();
      else ++i_;
    }
    if (end == std::string_view::npos) diags_.push_back({{std::string(path_), start, 0}, "raw string literal is never closed"});
    else i_ = end + raw_close_.size();
    return out;
  }

  // "..." and '...' end at their line unless a backslash continues it; JS template and Go raw
  // `...` may span lines (a line break in them reads as \n). The value stays a view of the source
  // unless an escape or such a break makes it differ; only then is it copied.
  std::string_view read_string() {
    char q = s_[i_++];
    bool multiline = q == '`', escapes = !(q == '`' && lang_ == Lang::go);
    unsigned start = line_;
    const std::size_t begin = i_;
    std::string* copy = nullptr;
    auto diverge = [&] {
      if (!copy) copy = &copies_.emplace_back(s_.substr(begin, i_ - begin));
    };
    auto contents = [&] { return copy ? std::string_view(*copy) : s_.substr(begin, i_ - begin); };
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c != q && c != '\\' && c != '\n' && c != '\r') {
        if (copy) *copy += c;
        ++i_;
        continue;
      }
      if (c == '\\' && escapes && (peek(1) == '\n' || peek(1) == '\r')) {  // a line continuation (C, Rust, JS)
        diverge();
        ++i_;
        newline();
        continue;
      }
      if (c == '\\' && escapes && i_ + 1 < s_.size()) {
        diverge();
        *copy += s_[i_ + 1], i_ += 2;
        continue;
      }
      if (c == q) {
        std::string_view out = contents();
        ++i_;
        return out;
      }
      if (c == '\n' || c == '\r') {
        if (!multiline) break;
        if (c == '\r') diverge();
        if (copy) *copy += '\n';
        newline();
        continue;
      }
      if (copy) *copy += c;  // a backslash read as itself (Go raw strings, or the file's last byte)
      ++i_;
    }
    diags_.push_back({{std::string(path_), start, 0}, "string literal is never closed"});
    return contents();
  }

  // Rust: after `#[cfg(test)]` the next item (to its `;` or its closing brace) is test code.
  void mark_test(Token& t) {
    if (lang_ != Lang::rust) return;
    recent_[recent_n_++ % recent_.size()] = t.text;
    auto back = [&](std::size_t k) { return recent_[(recent_n_ - 1 - k) % recent_.size()]; };
    if (recent_n_ >= 7 && back(0) == "]" && back(1) == ")" && back(2) == "test" && back(3) == "(" && back(4) == "cfg" &&
        back(5) == "[" && back(6) == "#" && test_depth_ < 0)
      pending_test_ = true;
    bool in_test = pending_test_ || test_depth_ >= 0;
    if (t.text == "{") {
      if (pending_test_) test_depth_ = depth_, pending_test_ = false;
      ++depth_;
    } else if (t.text == "}") {
      if (depth_ > 0) --depth_;
      if (test_depth_ == depth_) test_depth_ = -1;
    } else if (t.text == ";" && pending_test_) {
      pending_test_ = false;
    }
    t.test = in_test;
  }

  Lang lang_;
  std::string_view s_, path_;
  Diagnostics& diags_;
  DeadlineCheck deadline_;
  bool over_budget_ = false;
  std::size_t i_ = 0, line_start_ = 0;
  std::size_t content_end_ = 0;  // offset just after the last thing read that is not blank
  unsigned line_ = 1;
  std::string raw_close_;
  std::deque<std::string> copies_;  // string values that differ from the source; tokens point here
  std::array<std::string_view, 8> recent_;
  std::size_t recent_n_ = 0;
  int depth_ = 0, test_depth_ = -1;
  bool pending_test_ = false;
};

const char* language_name(Lang l) {
  switch (l) {
    case Lang::js: return "js";
    case Lang::go: return "go";
    case Lang::rust: return "rust";
    case Lang::c: return "c";
  }
  return "";
}

struct Extension {
  const char* suffix;
  Lang lang;
  const char* backend;  // accelerator code by file kind, or nullptr
};

constexpr Extension kExtensions[] = {
    {".js", Lang::js, nullptr},   {".mjs", Lang::js, nullptr},  {".cjs", Lang::js, nullptr},
    {".jsx", Lang::js, nullptr},  {".ts", Lang::js, nullptr},   {".tsx", Lang::js, nullptr},
    {".mts", Lang::js, nullptr},  {".cts", Lang::js, nullptr},  {".go", Lang::go, nullptr},
    {".rs", Lang::rust, nullptr}, {".c", Lang::c, nullptr},     {".cc", Lang::c, nullptr},
    {".cpp", Lang::c, nullptr},   {".cxx", Lang::c, nullptr},   {".h", Lang::c, nullptr},
    {".hh", Lang::c, nullptr},    {".hpp", Lang::c, nullptr},   {".hxx", Lang::c, nullptr},
    {".cu", Lang::c, "cuda"},     {".cuh", Lang::c, "cuda"},    {".hip", Lang::c, "hip"},
    {".metal", Lang::c, "metal"}, {".cl", Lang::c, "opencl"},   {".comp", Lang::c, "vulkan"},
};

const Extension* extension_of(std::string_view path) {
  for (const auto& e : kExtensions)
    if (path.ends_with(e.suffix)) return &e;
  return nullptr;
}

// The functions whose first literal argument names an environment variable.
bool reads_env(std::string_view function) {
  for (std::string_view f : {"getenv", "std::getenv", "secure_getenv", "os.Getenv", "os.LookupEnv", "env::var",
                             "std::env::var", "env::var_os", "std::env::var_os", "env!", "option_env!", "Deno.env.get",
                             "dotenvy::var"})
    if (function == f) return true;
  return false;
}

using Attrs = std::initializer_list<AttrView>;

struct Reader {
  const ParseInput& in;
  ParseOutput& out;
  Lang lang;
  const std::vector<Token>& tk;
  Fact& draft;  // the next fact's kind and attributes, reused from fact to fact (see add)
  std::string function, path;  // buffers reused by call() and rust_use()

  bool is_op(std::size_t k, std::string_view text) const { return k < tk.size() && tk[k].kind == Token::op && tk[k].text == text; }
  bool is_name(std::size_t k, std::string_view text) const { return k < tk.size() && tk[k].kind == Token::name && tk[k].text == text; }
  bool is_string(std::size_t k) const { return k < tk.size() && tk[k].kind == Token::string; }

  // Adds a fact of `kind` at token `t`: `language`, `context` in Rust test code, then `attrs`;
  // its evidence is t's line, or `evidence` when given. Asked first with the draft, whose strings
  // keep their buffers: most calls, includes and literals are wanted by no rule and then cost no
  // allocation.
  void add(std::string_view kind, const Token& t, Attrs attrs, std::string_view evidence = {}) {
    const AttrView head[] = {{"language", language_name(lang)}, {"context", "test"}};
    fill_draft(draft, kind, std::span(head, t.test ? 2 : 1), {attrs.begin(), attrs.size()});
    if (!in.wants(draft)) return;
    std::string excerpt = evidence.empty() ? evidence_excerpt(in.text, t.line_start + t.column - 1, t.text.size())
                                           : std::string(cap_utf8(evidence, kMaxEvidenceBytes));
    out.facts.push_back(Fact{draft.kind, {std::string(in.path), t.line, t.column}, std::move(excerpt), draft.attrs});
  }

  void import(const Token& t, std::string_view module) {
    if (!module.empty()) add("import", t, {{"module", module}});
  }

  // JS: the module of an import/export statement starting at i, if it has one.
  void js_import(std::size_t i) {
    if (i > 0 && is_op(i - 1, ".")) return;  // obj.import(...)
    if (tk[i].text == "import" && is_string(i + 1)) return import(tk[i + 1], tk[i + 1].text);
    if (tk[i].text == "import" && is_op(i + 1, "(") && is_string(i + 2)) return import(tk[i + 2], tk[i + 2].text);
    for (std::size_t j = i + 1; j < tk.size() && j < i + 256; ++j) {
      if (is_name(j, "from") && is_string(j + 1)) return import(tk[j + 1], tk[j + 1].text);
      if (is_op(j, ";") || is_op(j, "=") || is_op(j, "(")) return;
      if (tk[j].kind == Token::name) {
        for (std::string_view stop : {"import", "export", "function", "class", "const", "let", "var"})
          if (tk[j].text == stop) return;
      }
    }
  }

  // Go: `import "p"`, `import alias "p"`, `import ( ... )`.
  void go_import(std::size_t i) {
    std::size_t j = i + 1;
    auto one = [&](std::size_t& k) {
      if (k < tk.size() && (tk[k].kind == Token::name || is_op(k, ".")) && is_string(k + 1)) ++k;
      if (is_string(k)) import(tk[k], tk[k].text), ++k;
      else ++k;
    };
    if (!is_op(j, "(")) return one(j);
    for (++j; j < tk.size() && !is_op(j, ")");) one(j);
  }

  // Rust: `use a::b::{c, d};` -> module a, path a::b; `extern crate a;` -> module a.
  void rust_use(std::size_t i) {
    if (tk[i].text == "extern") {
      if (is_name(i + 1, "crate") && i + 2 < tk.size() && tk[i + 2].kind == Token::name) import(tk[i + 2], tk[i + 2].text);
      return;
    }
    std::size_t j = i + 1;
    if (is_op(j, "::")) ++j;
    if (j >= tk.size() || tk[j].kind != Token::name) return;
    std::string_view module = tk[j].text.substr(0, tk[j].text.find("::"));  // a path is one token (a::b)
    for (std::string_view local : {"crate", "self", "super"})
      if (module == local) return;
    path.assign(tk[j].text);
    for (std::size_t k = j + 1; is_op(k, "::") && k + 1 < tk.size() && tk[k + 1].kind == Token::name; k += 2)
      path.append("::").append(tk[k + 1].text);
    add("import", tk[j], {{"module", module}, {"path", path}});
  }

  // name((.|::)name)*[!]( "literal"  ->  call; env_var when the function reads the environment.
  void call(std::size_t i) {
    if (i > 0 && (is_op(i - 1, ".") || is_op(i - 1, "::"))) return;  // not the chain's start
    std::size_t j = i + 1;
    while ((is_op(j, ".") || is_op(j, "::")) && j + 1 < tk.size() && tk[j + 1].kind == Token::name) j += 2;
    bool macro = lang == Lang::rust && is_op(j, "!");
    if (!is_op(j + (macro ? 1 : 0), "(") || !is_string(j + (macro ? 2 : 1))) return;
    function.assign(tk[i].text);
    for (std::size_t k = i + 1; k < j; ++k) function.append(tk[k].text);  // the separators and names
    if (macro) function += "!", ++j;
    if (function == "require" && lang == Lang::js) return import(tk[j + 1], tk[j + 1].text);
    if (function == "import") return;  // dynamic import, handled as an import
    add("call", tk[i], {{"function", function}, {"arg", tk[j + 1].text}});
    if (reads_env(function) && !tk[j + 1].text.empty()) add("env_var", tk[j + 1], {{"name", tk[j + 1].text}});
  }

  // JS: process.env.X, process.env["X"], import.meta.env.X (i is at `env`).
  void js_env(std::size_t i) {
    if (i < 2 || !is_op(i - 1, ".") || !(is_name(i - 2, "process") || is_name(i - 2, "meta"))) return;
    if (is_op(i + 1, ".") && i + 2 < tk.size() && tk[i + 2].kind == Token::name)
      add("env_var", tk[i + 2], {{"name", tk[i + 2].text}});
    else if (is_op(i + 1, "[") && is_string(i + 2) && !tk[i + 2].text.empty())
      add("env_var", tk[i + 2], {{"name", tk[i + 2].text}});
  }

  void literal(const Token& t) {
    std::string host = url_host(t.text), device = device_name(t.text);
    if (!host.empty()) add("endpoint", t, {{"host", host}, {"url", t.text}});
    else if (!device.empty()) add("device_string", t, {{"name", device}});
    else if (looks_like_model_id(t.text)) add("model_ref", t, {{"name", t.text}});
  }

  void read(DeadlineCheck& deadline) {
    for (std::size_t i = 0; i < tk.size(); ++i) {
      const Token& t = tk[i];
      if (deadline.passed(in.path, t.line, out.diagnostics)) break;
      if (t.kind == Token::include) {
        import(t, t.text);
      } else if (t.kind == Token::string) {
        literal(t);
      } else if (t.kind == Token::name) {
        if (lang == Lang::js && (t.text == "import" || t.text == "export")) js_import(i);
        else if (lang == Lang::go && t.text == "import") go_import(i);
        else if (lang == Lang::rust && (t.text == "use" || t.text == "extern")) rust_use(i);
        if (lang == Lang::js && t.text == "env") js_env(i);
        call(i);
      }
    }
  }
};

}  // namespace

bool c_family_source_accepts(std::string_view rel_path) { return extension_of(rel_path) != nullptr; }

void parse_c_family_source(const ParseInput& in, ParseOutput& out) {
  if (too_large_to_lex(in, out)) return;
  const Extension* ext = extension_of(in.path);
  if (!ext) return;
  thread_local std::vector<Token> tokens;
  tokens.clear();
  Lexer lexer(ext->lang, in.text, in.path, out.diagnostics, in.deadline);  // owns the copied string values
  lexer.run(tokens);
  thread_local Fact draft;
  Reader reader{in, out, ext->lang, tokens, draft, {}, {}};
  if (ext->backend) {
    Token first{"", 1, 1, 0, Token::op};
    // The file's kind is the evidence: its path.
    reader.add("backend", first, {{"backend", ext->backend}, {"extension", ext->suffix}}, in.path);
  }
  // Reading the tokens is bounded by the budget too, unless lexing already went over it.
  DeadlineCheck deadline(lexer.over_budget() ? std::chrono::steady_clock::time_point::max() : in.deadline);
  reader.read(deadline);
  if (tokens.capacity() > (std::size_t{1} << 20)) tokens = {};  // one huge file does not pin its tokens' memory
}

}  // namespace openlock
