// Facts: serving_backend {field: platform|backend|kind, name} for `platform: "tensorrt_plan"`,
// `backend: "tensorrtllm"` and instance_group `kind: KIND_GPU`, at any nesting depth. The text
// format is read token by token (names, quoted strings, ':', braces, '#' comments); nothing
// else of protobuf is needed.
#include "parse/triton_config.hpp"

#include <cctype>
#include <string>

#include "parse/text_lines.hpp"

namespace openlock {

bool triton_config_accepts(std::string_view rel_path) { return base_name(rel_path) == "config.pbtxt"; }

void parse_triton_config(const ParseInput& in, ParseOutput& out) {
  auto lines = split_lines(in.text);
  std::vector<unsigned> open_braces;  // lines of the { and [ not yet closed
  for (const auto& line : lines) {
    std::string_view t = line.text;
    std::string key;  // the last field name on this line, waiting for its value
    for (std::size_t i = 0; i < t.size();) {
      char c = t[i];
      if (c == '#') break;
      if (c == '{' || c == '[' || c == '<') {
        open_braces.push_back(line.number), ++i;
        continue;
      }
      if (c == '}' || c == ']' || c == '>') {
        if (open_braces.empty())
          out.diagnostics.push_back({{std::string(in.path), line.number, static_cast<unsigned>(i + 1)}, std::string("unmatched '") + c + "'"});
        else
          open_braces.pop_back();
        ++i;
        continue;
      }
      std::string value;
      unsigned column = static_cast<unsigned>(i + 1);
      if (c == '"' || c == '\'') {
        std::size_t end = t.find(c, i + 1);
        if (end == std::string_view::npos) {
          out.diagnostics.push_back({{std::string(in.path), line.number, column}, "string is never closed"});
          break;
        }
        value = t.substr(i + 1, end - i - 1), i = end + 1;
      } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.') {
        std::size_t b = i;
        while (i < t.size() && (std::isalnum(static_cast<unsigned char>(t[i])) || t[i] == '_' || t[i] == '-' || t[i] == '.')) ++i;
        std::string word(t.substr(b, i - b));
        std::size_t j = i;
        while (j < t.size() && (t[j] == ' ' || t[j] == '\t')) ++j;
        if (j < t.size() && t[j] == ':') {  // a field name
          key = word, i = j + 1;
          continue;
        }
        value = word;
      } else {
        ++i;
        continue;
      }
      if (key == "platform" || key == "backend" || key == "kind") {
        Fact f{"serving_backend", {std::string(in.path), line.number, column}, evidence_excerpt(t, column - 1, value.size()), {}};
        f.set("field", key).set("name", value);
        out.facts.push_back(std::move(f));
      }
      key.clear();
    }
  }
  if (!open_braces.empty())
    out.diagnostics.push_back({{std::string(in.path), open_braces.back(), 0}, "'{' is never closed"});
}

}  // namespace openlock
