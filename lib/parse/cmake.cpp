// CMake commands as facts (cmake.hpp):
//   cmake_language {language}          project(X LANGUAGES CXX CUDA), enable_language(HIP)
//   cmake_package  {name}              find_package(CUDAToolkit REQUIRED)
//   cmake_option   {name, default}     option(GGML_CUDA "..." OFF), set(GGML_METAL ON CACHE BOOL "")
#include "parse/cmake.hpp"

#include <cctype>
#include <string>
#include <vector>

#include "core/text.hpp"
#include "parse/text_lines.hpp"

namespace openlock {

namespace {

constexpr std::size_t kMaxArgs = 10000;  // arguments kept per command; the rest are skipped

struct Arg {
  std::string text;
  unsigned line = 0;
};

struct Command {
  std::string name;  // lower case
  unsigned line = 0, column = 0;
  std::vector<Arg> args;
};

class Lexer {
 public:
  Lexer(std::string_view text, std::string_view path, ParseOutput& out) : s_(text), path_(path), out_(out) {}

  // The next command, or false at the end. Unterminated constructs become a diagnostic.
  bool next(Command& cmd) {
    for (;;) {
      skip_space_and_comments();
      if (i_ >= s_.size()) return false;
      char c = s_[i_];
      if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') break;
      ++i_;  // stray character outside a command: skip it
    }
    cmd = Command{};
    cmd.line = line_;
    cmd.column = static_cast<unsigned>(i_ - line_start_ + 1);
    while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_')) cmd.name += static_cast<char>(std::tolower(static_cast<unsigned char>(s_[i_++])));
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t')) ++i_;
    if (i_ >= s_.size() || s_[i_] != '(') return true;  // not a command call: no arguments
    ++i_;
    int depth = 1;
    while (i_ < s_.size()) {
      skip_space_and_comments();
      if (i_ >= s_.size()) break;
      char c = s_[i_];
      if (c == ')') {
        ++i_;
        if (--depth == 0) return true;
        continue;
      }
      if (c == '(') {
        ++i_, ++depth;
        continue;
      }
      Arg a{"", line_};
      if (c == '"') quoted(a.text);
      else if (c == '[' && bracket_open() >= 0) bracket(a.text);
      else unquoted(a.text);
      if (cmd.args.size() < kMaxArgs) cmd.args.push_back(std::move(a));
    }
    out_.diagnostics.push_back({{std::string(path_), cmd.line, cmd.column}, "CMake command '" + cmd.name + "' is not closed"});
    return false;
  }

 private:
  void newline() {
    ++line_;
    line_start_ = i_ + 1;
  }
  void skip_space_and_comments() {
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == '\n') {
        newline();
        ++i_;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        ++i_;
      } else if (c == '#') {
        ++i_;
        if (i_ < s_.size() && s_[i_] == '[' && bracket_open() >= 0) {
          std::string ignored;
          bracket(ignored);
        } else {
          while (i_ < s_.size() && s_[i_] != '\n') ++i_;
        }
      } else {
        return;
      }
    }
  }
  // At '[': the number of '=' of a bracket opening "[==[", or -1 when it is not one.
  int bracket_open() const {
    std::size_t j = i_ + 1;
    while (j < s_.size() && s_[j] == '=') ++j;
    return j < s_.size() && s_[j] == '[' ? static_cast<int>(j - i_ - 1) : -1;
  }
  void bracket(std::string& text) {
    int eq = bracket_open();
    std::string close = "]" + std::string(static_cast<std::size_t>(eq), '=') + "]";
    i_ += static_cast<std::size_t>(eq) + 2;
    std::size_t end = s_.find(close, i_);
    if (end == std::string_view::npos) end = s_.size();
    for (std::size_t k = i_; k < end; ++k)
      if (s_[k] == '\n') i_ = k, newline();
    text = std::string(s_.substr(i_, end - i_));
    i_ = std::min(end + close.size(), s_.size());
  }
  void quoted(std::string& text) {
    ++i_;
    while (i_ < s_.size() && s_[i_] != '"') {
      if (s_[i_] == '\\' && i_ + 1 < s_.size()) {
        text += s_[++i_];
        ++i_;
        continue;
      }
      if (s_[i_] == '\n') newline();
      text += s_[i_++];
    }
    ++i_;
  }
  void unquoted(std::string& text) {
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '(' || c == ')' || c == '#' || c == '"') break;
      if (c == '\\' && i_ + 1 < s_.size()) ++i_;
      text += s_[i_++];
    }
  }

  std::string_view s_, path_;
  ParseOutput& out_;
  std::size_t i_ = 0, line_start_ = 0;
  unsigned line_ = 1;
};

bool bool_word(const std::string& v) {
  std::string u = ascii_upper(v);
  return u == "ON" || u == "OFF" || u == "TRUE" || u == "FALSE" || u == "YES" || u == "NO" || u == "1" || u == "0";
}

std::string on_off(const std::string& v) {
  std::string u = ascii_upper(v);
  return u == "ON" || u == "TRUE" || u == "YES" || u == "1" ? "ON" : bool_word(v) ? "OFF" : v;
}

}  // namespace

bool cmake_accepts(std::string_view rel_path) {
  std::string name = ascii_lower(base_name(rel_path));
  return name == "cmakelists.txt" || name.ends_with(".cmake");
}

void parse_cmake(const ParseInput& in, ParseOutput& out) {
  auto lines = split_lines(in.text);
  auto evidence = [&](const Command& c) { return line_evidence(lines, c.line, c.column); };
  Lexer lexer(in.text, in.path, out);
  Command cmd;
  while (lexer.next(cmd)) {
    Location at{std::string(in.path), cmd.line, cmd.column};
    if (cmd.name == "project" || cmd.name == "enable_language") {
      bool languages = cmd.name == "enable_language";
      for (std::size_t k = cmd.name == "project" ? 1 : 0; k < cmd.args.size(); ++k) {
        const std::string& a = cmd.args[k].text;
        if (a == "LANGUAGES") {
          languages = true;
          continue;
        }
        if (a == "VERSION" || a == "DESCRIPTION" || a == "HOMEPAGE_URL") {
          languages = false;
          ++k;
          continue;
        }
        if (!languages && cmd.name == "project" && k > 1) continue;
        if (cmd.name == "project" && !languages && k == 1) languages = true;  // project(X CXX CUDA)
        Fact f{"cmake_language", at, evidence(cmd), {}};
        f.set("language", ascii_upper(a));
        out.facts.push_back(std::move(f));
      }
    } else if (cmd.name == "find_package" && !cmd.args.empty()) {
      Fact f{"cmake_package", at, evidence(cmd), {}};
      f.set("name", cmd.args[0].text);
      out.facts.push_back(std::move(f));
    } else if (cmd.name == "option" && cmd.args.size() >= 2) {
      Fact f{"cmake_option", at, evidence(cmd), {}};
      f.set("name", cmd.args[0].text).set("default", cmd.args.size() >= 3 ? on_off(cmd.args[2].text) : "OFF");
      out.facts.push_back(std::move(f));
    } else if (cmd.name == "set" && cmd.args.size() >= 3 && cmd.args[2].text == "CACHE") {
      Fact f{"cmake_option", at, evidence(cmd), {}};
      f.set("name", cmd.args[0].text).set("default", on_off(cmd.args[1].text));
      out.facts.push_back(std::move(f));
    }
  }
}

}  // namespace openlock
