// Facts:
//   image       reference (as resolved), name (registry/repository), tag, digest, stage
//   env_var     name, value, source=dockerfile
//   label       key, value
//   dependency  pip installs (ecosystem pypi, PEP 508 attrs) and apt-get/apt installs (ecosystem deb)
//   index       --index-url / --extra-index-url of a pip install
#include "parse/dockerfile.hpp"

#include "parse/image_ref.hpp"

#include <map>
#include <set>
#include <string>

#include "core/text.hpp"
#include "parse/pep508.hpp"
#include "parse/text_lines.hpp"

namespace openlock {

namespace {

struct Instruction {
  unsigned line;
  std::string keyword;     // upper case
  std::string args;        // continuation lines joined
  std::string_view first;  // first physical line, trimmed: each fact's evidence is cut from it
  std::size_t args_at = 0, first_args = 0;  // where args start in `first`, how many bytes of it are there
};

std::vector<Instruction> instructions(std::string_view text, Diagnostics& diags, std::string_view path) {
  std::vector<Instruction> out;
  Instruction current{};
  bool open = false;
  for (const auto& l : split_lines(text)) {
    std::string_view t = trim(l.text);
    if (t.starts_with('#') || (t.empty() && !open)) continue;  // comments may sit inside continuations
    std::string_view piece = t;
    bool continues = !piece.empty() && piece.back() == '\\';
    if (continues) piece.remove_suffix(1);
    if (!open) {
      std::size_t space = piece.find_first_of(" \t");
      std::string_view args = space == std::string_view::npos ? piece.substr(piece.size()) : trim(piece.substr(space));
      current = {l.number, ascii_upper(piece.substr(0, space)), std::string(args), t,
                 static_cast<std::size_t>(args.data() - t.data()), args.size()};
    } else {
      current.args += " " + std::string(trim(piece));
    }
    open = continues;
    if (!open) out.push_back(current);
  }
  if (open) {
    diags.push_back({{std::string(path), current.line, 0}, "line continuation at the end of the file"});
    out.push_back(current);
  }
  return out;
}

// ${VAR}, ${VAR:-default}, $VAR from ARG values; unknown variables stay as written.
std::string substitute(const std::string& s, const std::map<std::string, std::string>& vars) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '$' || i + 1 >= s.size()) {
      out += s[i];
      continue;
    }
    std::size_t start = i + 1, end;
    std::string name, fallback;
    bool braced = s[start] == '{';
    if (braced) {
      end = s.find('}', start);
      if (end == std::string::npos) {
        out += s[i];
        continue;
      }
      name = s.substr(start + 1, end - start - 1);
      if (auto dash = name.find(":-"); dash != std::string::npos) fallback = name.substr(dash + 2), name.resize(dash);
      ++end;
    } else {
      end = start;
      while (end < s.size() && (std::isalnum(static_cast<unsigned char>(s[end])) || s[end] == '_')) ++end;
      name = s.substr(start, end - start);
    }
    auto it = vars.find(name);
    if (it != vars.end() && !it->second.empty()) out += it->second;
    else if (!fallback.empty()) out += fallback;
    else out += s.substr(i, end - i);
    i = end - 1;
  }
  return out;
}

// Shell words, quotes removed; `starts` (when given) gets the offset in `s` where each begins.
std::vector<std::string> words(std::string_view s, std::vector<std::size_t>* starts = nullptr) {
  std::vector<std::string> out;
  std::string cur;
  std::size_t start = 0;
  char quote = 0;
  auto finish = [&] {
    if (cur.empty()) return;
    out.push_back(std::move(cur)), cur.clear();
    if (starts) starts->push_back(start);
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool blank = !quote && (c == ' ' || c == '\t');
    if (cur.empty() && !quote && !blank) start = i;
    if (quote) {
      if (c == quote) quote = 0;
      else cur += c;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (blank) {
      finish();
    } else {
      cur += c;
    }
  }
  finish();
  return out;
}

// "KEY=value KEY2=value" or the legacy "KEY value".
std::vector<std::pair<std::string, std::string>> key_values(const std::string& args) {
  std::vector<std::pair<std::string, std::string>> out;
  auto w = words(args);
  if (!w.empty() && w[0].find('=') == std::string::npos) {
    std::string value = w.size() > 1 ? std::string(trim(std::string_view(args).substr(args.find(w[0]) + w[0].size()))) : "";
    out.emplace_back(w[0], value);
    return out;
  }
  for (const auto& kv : w) {
    auto eq = kv.find('=');
    if (eq != std::string::npos) out.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
  }
  return out;
}

struct Reader {
  const ParseInput& in;
  ParseOutput& out;
  std::map<std::string, std::string> global_args, stage_args;
  std::set<std::string> stages;  // names given with AS, lower case

  // A fact of the instruction; its evidence is cut around the word at `arg_at` of the arguments
  // when that word is on the first line, else from the line's start.
  Fact fact(const char* kind, const Instruction& ins, std::size_t arg_at = 0, std::size_t length = 0) const {
    bool on_first_line = arg_at < ins.first_args;
    std::string evidence = evidence_excerpt(ins.first, on_first_line ? ins.args_at + arg_at : 0, on_first_line ? length : 0);
    return Fact{kind, {std::string(in.path), ins.line, 1}, std::move(evidence), {}};
  }

  void from(const Instruction& ins) {
    auto w = words(ins.args);
    std::size_t i = 0;
    while (i < w.size() && w[i].starts_with("--")) ++i;  // --platform=...
    if (i >= w.size()) {
      out.diagnostics.push_back({{std::string(in.path), ins.line, 0}, "FROM without an image"});
      return;
    }
    std::string reference = substitute(w[i], global_args);
    std::string stage = i + 2 < w.size() && ascii_upper(w[i + 1]) == "AS" ? w[i + 2] : "";
    stage_args.clear();
    bool earlier_stage = stages.count(ascii_lower(reference)) > 0;
    if (!stage.empty()) stages.insert(ascii_lower(stage));
    if (earlier_stage || reference == "scratch") return;
    Fact f = fact("image", ins);
    set_image_attrs(f, reference).set("source", "dockerfile");
    if (!stage.empty()) f.set("stage", stage);
    out.facts.push_back(std::move(f));
  }

  void arg(const Instruction& ins, bool before_first_from) {
    for (const auto& [k, v] : key_values(ins.args)) (before_first_from ? global_args : stage_args)[k] = v;
  }

  void run(const Instruction& ins) {
    std::vector<std::size_t> starts;
    auto w = words(ins.args, &starts);
    for (std::size_t i = 0; i < w.size(); ++i) {
      bool pip = (w[i] == "pip" || w[i] == "pip3" || w[i].ends_with("/pip") || w[i].ends_with("/pip3") ||
                  (w[i] == "-m" && i + 1 < w.size() && w[i + 1] == "pip")) ;
      if (pip && w[i] == "-m") ++i;  // `python -m pip install`: continue at "pip"
      std::size_t j = i + 1;
      if (pip && j < w.size() && w[j] == "install") {
        i = pip_install(ins, w, starts, j + 1);
      } else if ((w[i] == "apt-get" || w[i] == "apt" || w[i] == "apk" || w[i] == "dnf" || w[i] == "yum") &&
                 j < w.size() && (w[j] == "install" || w[j] == "add")) {
        i = system_install(ins, w, starts, j + 1, w[i] == "apk" ? "apk" : (w[i] == "dnf" || w[i] == "yum") ? "rpm" : "deb");
      }
    }
  }

  static bool command_end(const std::string& word) {
    return word == "&&" || word == ";" || word == "||" || word == "|" || word.ends_with(";");
  }

  std::size_t pip_install(const Instruction& ins, const std::vector<std::string>& w, const std::vector<std::size_t>& starts,
                          std::size_t i) {
    for (; i < w.size() && !command_end(w[i]); ++i) {
      const std::string& word = w[i];
      if (word == "-r" || word == "-c" || word == "--requirement" || word == "--constraint" || word == "-e" ||
          word == "-t" || word == "--target" || word == "--prefix" || word == "--root") {
        ++i;
      } else if (word == "-i" || word == "--index-url" || word == "--extra-index-url" || word == "-f" ||
                 word == "--find-links") {
        if (i + 1 < w.size()) {
          Fact f = fact("index", ins, starts[i], w[i].size());
          f.set("option", word == "--extra-index-url" ? "extra-index-url" : word == "-f" || word == "--find-links" ? "find-links" : "index-url");
          f.set("url", substitute(w[++i], stage_args));
          out.facts.push_back(std::move(f));
        }
      } else if (word.starts_with("--extra-index-url=") || word.starts_with("--index-url=")) {
        Fact f = fact("index", ins, starts[i], word.size());
        f.set("option", word.starts_with("--extra") ? "extra-index-url" : "index-url").set("url", word.substr(word.find('=') + 1));
        out.facts.push_back(std::move(f));
      } else if (!word.starts_with('-') && word.find('$') == std::string::npos && word.find('/') == std::string::npos &&
                 word != "." && !word.ends_with(".whl")) {
        Pep508 req;
        Pep508Error error;
        if (!parse_pep508(word, req, error)) continue;  // shell syntax we do not model
        Fact f = fact("dependency", ins, starts[i], word.size());
        set_pep508_attrs(f, req);
        f.set("installer", "pip");
        out.facts.push_back(std::move(f));
      }
    }
    return i;
  }

  std::size_t system_install(const Instruction& ins, const std::vector<std::string>& w,
                             const std::vector<std::size_t>& starts, std::size_t i, const char* ecosystem) {
    for (; i < w.size() && !command_end(w[i]); ++i) {
      if (w[i].starts_with('-') || w[i].find('$') != std::string::npos) continue;
      std::string name = w[i].substr(0, w[i].find('='));
      Fact f = fact("dependency", ins, starts[i], w[i].size());
      f.set("ecosystem", ecosystem).set("name", ascii_lower(name)).set("raw_name", w[i]);
      out.facts.push_back(std::move(f));
    }
    return i;
  }
};

}  // namespace

bool dockerfile_accepts(std::string_view rel_path) {
  std::string name = ascii_lower(base_name(rel_path));
  if (name.ends_with(".md") || name.ends_with(".txt") || name.ends_with(".rst")) return false;  // notes about one
  return name == "dockerfile" || name.starts_with("dockerfile.") || name.starts_with("dockerfile-") ||
         name.starts_with("dockerfile_") || name.ends_with(".dockerfile") || name == "containerfile" ||
         name.starts_with("containerfile.");
}

void parse_dockerfile(const ParseInput& in, ParseOutput& out) {
  Reader reader{in, out, {}, {}, {}};
  bool seen_from = false;
  for (const auto& ins : instructions(in.text, out.diagnostics, in.path)) {
    if (ins.keyword == "FROM") {
      reader.from(ins);
      seen_from = true;
    } else if (ins.keyword == "ARG") {
      reader.arg(ins, !seen_from);
    } else if (ins.keyword == "ENV") {
      for (const auto& [k, v] : key_values(ins.args)) {
        Fact f = reader.fact("env_var", ins);
        f.set("name", k).set("value", v).set("source", "dockerfile");
        out.facts.push_back(std::move(f));
      }
    } else if (ins.keyword == "LABEL") {
      for (const auto& [k, v] : key_values(ins.args)) {
        Fact f = reader.fact("label", ins);
        f.set("key", k).set("value", v);
        out.facts.push_back(std::move(f));
      }
    } else if (ins.keyword == "RUN") {
      reader.run(ins);
    }
  }
}

}  // namespace openlock
