// Hugging Face model cards: YAML front matter (yaml-cpp), and the Markdown headings and openness claims of the body.
// Hostile YAML is refused before yaml-cpp sees it: too many aliases (billion laughs) or nesting
// deeper than --max-nesting (yaml-cpp recurses and would overflow the stack). The walk over the
// parsed tree has a node budget too, since aliases share nodes and a walk would expand them.
#include "core/text.hpp"
#include "parse/model_card.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <string>

#include "parse/text_lines.hpp"
#include "parse/yaml_guard.hpp"

namespace openlock {

namespace {

constexpr int kMaxAliases = 20;             // *alias references in one front matter; cards rarely need any
constexpr std::size_t kMaxNodes = 100000;   // YAML nodes visited per card, an alias counted each time it is used
constexpr std::size_t kMaxLicenseLines = 10;  // lines of a "License" section kept as license_prose facts
constexpr std::size_t kMaxCardFields = 200;   // front-matter keys recorded as card_field facts
constexpr std::size_t kMaxLinks = 200;        // URLs of the body recorded as link facts
constexpr std::size_t kMaxEvalResults = 500;  // model-index metrics recorded as eval_result facts
const std::set<std::string, std::less<>> kGatingKeys = {"gated", "extra_gated_prompt", "extra_gated_fields",
                                                        "extra_gated_heading", "extra_gated_description",
                                                        "extra_gated_button_content"};

struct Card {
  const ParseInput& in;
  ParseOutput& out;
  std::vector<TextLine> lines;
  unsigned yaml_first_line = 0;  // file line of the first front matter line
  std::size_t budget = kMaxNodes;
  bool exhausted = false;
  bool in_license_section = false;  // under a "License" heading of the body
  std::size_t license_lines = 0;

  void diagnose(unsigned line, std::string message, unsigned column = 0) {
    out.diagnostics.push_back({{std::string(in.path), line, column}, std::move(message)});
  }
  unsigned file_line(const YAML::Node& node) const {
    return node.Mark().line >= 0 ? yaml_first_line + static_cast<unsigned>(node.Mark().line) : yaml_first_line;
  }
  unsigned file_column(const YAML::Node& node) const {
    return node.Mark().column >= 0 ? static_cast<unsigned>(node.Mark().column) + 1 : 0;
  }
  Fact fact_at(std::string kind, const YAML::Node& node) const {
    unsigned line = file_line(node), column = file_column(node);
    return Fact{std::move(kind), {std::string(in.path), line, column}, line_evidence(lines, line, column), {}};
  }

  // One more node visited; false (and one diagnostic) once the budget is spent.
  bool spend() {
    if (budget > 0) return --budget, true;
    if (!exhausted)
      diagnose(yaml_first_line, "front matter expands to more than " + std::to_string(kMaxNodes) +
                                    " YAML nodes; the rest is refused as a possible alias bomb");
    exhausted = true;
    return false;
  }

  // A field that may be a string or a list of strings; anything else is a diagnostic.
  std::vector<YAML::Node> scalars(const YAML::Node& node, const std::string& key) {
    std::vector<YAML::Node> values;
    if (node.IsScalar()) {
      values.push_back(node);
    } else if (node.IsSequence()) {
      std::optional<YAML::Node> first_bad;
      std::size_t bad = 0;
      for (const YAML::Node& item : node) {
        if (!spend()) break;
        if (item.IsScalar()) {
          values.push_back(item);
        } else if (!item.IsNull()) {
          if (!bad++) first_bad = item;
        }
      }
      if (first_bad) {  // one diagnostic per field, at its first bad entry
        std::string what = bad == 1 ? "an entry that is not a string" : std::to_string(bad) + " entries that are not strings";
        diagnose(file_line(*first_bad), "front matter field '" + key + "' has " + what + "; ignored",
                 file_column(*first_bad));
      }
    } else if (!node.IsNull()) {
      diagnose(file_line(node), "front matter field '" + key + "' should be a string or a list of strings; ignored",
               file_column(node));
    }
    return values;
  }

  std::string scalar_of(const YAML::Node& map, const char* key) {
    const YAML::Node node = map[key];
    if (!node || node.IsNull()) return {};
    if (node.IsScalar()) return node.Scalar();
    diagnose(file_line(node), std::string("front matter field '") + key + "' should be a string; ignored",
             file_column(node));
    return {};
  }

  std::string first_heading(unsigned from) const {
    for (const auto& h : out.facts)
      if (h.kind == "heading" && h.location.path == in.path && h.get("level") == "1" && h.location.line >= from)
        return std::string(h.get("text"));
    return {};
  }

  void front_matter(const YAML::Node& doc, unsigned body_start);
  bool refuse_hostile(std::string_view yaml);
  void body(std::size_t from_index);
  void heading(const TextLine& line, std::string_view stripped);
  void links(const TextLine& line);
  void eval_results(const YAML::Node& index);
  std::size_t link_count = 0;
  void claim(const TextLine& line);
  void license_prose(const TextLine& line);  // a line of the body's License section
};

bool Card::refuse_hostile(std::string_view yaml) {
  std::string hazard = yaml_hazard(yaml, kMaxAliases, in.max_nesting);
  if (!hazard.empty()) diagnose(yaml_first_line, "front matter " + hazard);
  return !hazard.empty();
}

// An empty gating field, or `gated: false` (no, off), leaves access open; true, auto, manual, a
// prompt or a form gates it.
bool gates_access(const std::string& key, const YAML::Node& value) {
  if (value.IsNull() || (value.IsScalar() && trim(value.Scalar()).empty())) return false;
  bool flag = true;
  if (key == "gated" && value.IsScalar() && YAML::convert<bool>::decode(value, flag)) return flag;
  return true;
}

void Card::front_matter(const YAML::Node& doc, unsigned body_start) {
  if (doc.IsNull()) return;
  if (!doc.IsMap()) return diagnose(yaml_first_line, "front matter is not a YAML map; ignored");

  // Located at the first front matter line: the "---" above it proves nothing by itself.
  Fact model{"model", {std::string(in.path), yaml_first_line, 1}, line_evidence(lines, yaml_first_line), {}};
  Fact gating{"gating", {}, {}, {}};
  bool gated = false;
  std::string license_name = scalar_of(doc, "license_name");
  std::string license_link = scalar_of(doc, "license_link");

  // YAML forbids repeated keys; of those yaml-cpp keeps, the first is read (as scalar_of does).
  auto fields = unique_entries(doc, RepeatedKey::first, [&](const YAML::Node& key) {
    diagnose(file_line(key), "front matter repeats the key '" + key.Scalar() + "'; only the first one is read",
             file_column(key));
  });
  std::size_t card_fields = 0;
  for (const auto& kv : fields) {
    if (!spend()) break;
    if (!kv.key.IsScalar()) continue;
    const std::string key = kv.key.Scalar();
    const YAML::Node& value = kv.value;
    if (card_fields++ < kMaxCardFields) {
      Fact field = fact_at("card_field", kv.key);
      field.set("field", key);
      out.facts.push_back(std::move(field));
    }
    if (key == "license") {
      for (const auto& id : scalars(value, key)) {
        if (trim(id.Scalar()).empty()) continue;  // an empty license declares nothing
        Fact f = fact_at("license", id);
        f.set("id", id.Scalar()).set("source", "card");
        if (!license_name.empty()) f.set("name", license_name);
        if (!license_link.empty()) f.set("link", license_link);
        out.facts.push_back(std::move(f));
      }
    } else if (key == "base_model" || key == "datasets" || key == "tags" || key == "language") {
      const char* attr = key == "datasets" ? "dataset" : key == "tags" ? "tag" : key.c_str();
      for (const auto& v : scalars(value, key)) model.set(attr, v.Scalar());
    } else if (kGatingKeys.count(key) && gates_access(key, value)) {
      if (!gated) gating = fact_at("gating", kv.key);
      gated = true;
      gating.set("field", key);
      gating.set("value", value.IsScalar() ? value.Scalar() : value.IsMap() ? "map" : "list");
    }
  }
  for (const char* key : {"library_name", "pipeline_tag", "base_model_relation"}) {
    std::string v = scalar_of(doc, key);
    if (!v.empty()) model.set(key, v);
  }
  if (!license_name.empty()) model.set("license_name", license_name);
  if (!license_link.empty()) model.set("license_link", license_link);

  std::string name = scalar_of(doc, "model_name");
  const YAML::Node index = doc["model-index"];
  if (name.empty() && index && index.IsSequence() && index.size() > 0 && index[0].IsMap() && index[0]["name"] &&
      index[0]["name"].IsScalar())
    name = index[0]["name"].Scalar();
  if (name.empty()) name = first_heading(body_start);
  if (!name.empty()) model.set("name", name);
  model.set("gated", gated ? "true" : "false");
  out.facts.push_back(std::move(model));
  if (gated) out.facts.push_back(std::move(gating));
  if (index && index.IsSequence()) eval_results(index);
}

// model-index: one eval_result fact per metric (task, dataset, metric, value), at the metric.
void Card::eval_results(const YAML::Node& index) {
  auto text = [](const YAML::Node& map, const char* key) {
    return map.IsMap() && map[key] && map[key].IsScalar() ? map[key].Scalar() : std::string();
  };
  std::size_t kept = 0;
  for (const YAML::Node& entry : index) {
    if (!spend() || !entry.IsMap() || !entry["results"] || !entry["results"].IsSequence()) continue;
    for (const YAML::Node& result : entry["results"]) {
      if (!spend() || !result.IsMap()) continue;
      std::string task = result["task"] ? text(result["task"], "type") : "";
      YAML::Node dataset = result["dataset"];
      std::string dataset_name = dataset ? text(dataset, "type") : "";
      if (dataset_name.empty() && dataset) dataset_name = text(dataset, "name");
      if (!result["metrics"] || !result["metrics"].IsSequence()) continue;
      for (const YAML::Node& metric : result["metrics"]) {
        if (!spend() || !metric.IsMap() || kept++ >= kMaxEvalResults) continue;
        Fact f = fact_at("eval_result", metric);
        f.set("task", task).set("dataset", dataset_name).set("metric", text(metric, "type"));
        f.set("value", text(metric, "value"));
        out.facts.push_back(std::move(f));
      }
    }
  }
}

// Openness claims in prose: "fully open", "open source" / "open-source", 开源. A negated claim
// ("not open source") is not one; "open weights" is a different, accurate statement.
void Card::claim(const TextLine& line) {
  std::string text = ascii_lower(line.text);
  std::string phrase;
  for (const char* p : {"fully open", "open source", "open-source", "opensource", "\xe5\xbc\x80\xe6\xba\x90"}) {
    auto at = text.find(p);
    if (at == std::string::npos) continue;
    std::string_view before = std::string_view(text).substr(0, at);
    if (before.ends_with("not ") || before.ends_with("non-") || before.ends_with("isn't ")) continue;
    phrase = std::string(p) == "open-source" || std::string(p) == "opensource" ? "open source" : p;
    break;
  }
  if (phrase.empty()) return;
  Fact f{"claim", {std::string(in.path), line.number, 1}, evidence_excerpt(line.text, 0), {}};
  f.set("phrase", phrase);
  out.facts.push_back(std::move(f));
}

// URLs in a line of prose ("https://...", and "arXiv:2402.00838" as its arxiv.org address), each
// a link fact whose evidence is the line, so the words around the link can say what it is.
void Card::links(const TextLine& line) {
  std::string_view text = line.text;
  auto add = [&](std::size_t at, std::string url) {
    if (link_count++ >= kMaxLinks) return;
    Fact f{"link", {std::string(in.path), line.number, 1}, evidence_excerpt(text, at, url.size()), {}};
    f.set("url", std::move(url));
    out.facts.push_back(std::move(f));
  };
  for (std::size_t at = text.find("http"); at != std::string_view::npos; at = text.find("http", at + 1)) {
    std::string_view rest = text.substr(at);
    if (!rest.starts_with("https://") && !rest.starts_with("http://")) continue;
    std::size_t end = rest.find_first_of(" \t)]>\"'`|");
    std::string_view url = rest.substr(0, std::min(end, rest.size()));
    while (!url.empty() && (url.back() == '.' || url.back() == ',' || url.back() == ';' || url.back() == ':')) url.remove_suffix(1);
    add(at, std::string(url));
    at += url.size() ? url.size() - 1 : 0;
  }
  std::string lower = ascii_lower(text);
  for (std::size_t at = lower.find("arxiv:"); at != std::string::npos; at = lower.find("arxiv:", at + 1)) {
    std::size_t id = at + 6;
    while (id < lower.size() && lower[id] == ' ') ++id;
    std::size_t end = id;
    while (end < lower.size() && (std::isdigit(static_cast<unsigned char>(lower[end])) || lower[end] == '.')) ++end;
    while (end > id && lower[end - 1] == '.') --end;  // the sentence's full stop
    if (end - id >= 9) add(at, "https://arxiv.org/abs/" + std::string(text.substr(id, end - id)));
  }
}

// An ATX heading: 1-6 '#', then a space or the end of the line; an optional closing run of '#'
// (after a space) is not part of the text.
void Card::heading(const TextLine& line, std::string_view stripped) {
  std::size_t level = stripped.find_first_not_of('#');
  if (level == std::string_view::npos) level = stripped.size();
  if (level > 6 || (level < stripped.size() && stripped[level] != ' ' && stripped[level] != '\t')) return;
  std::string_view title = trim(stripped.substr(level));
  std::size_t closing = title.find_last_not_of('#');
  if (closing == std::string_view::npos) title = {};
  else if (closing + 1 < title.size() && (title[closing] == ' ' || title[closing] == '\t')) title = trim(title.substr(0, closing));
  Fact f{"heading", {std::string(in.path), line.number, 1}, evidence_excerpt(line.text, 0), {}};
  f.set("level", std::to_string(level)).set("text", std::string(cap_utf8(title, kMaxEvidenceBytes)));
  out.facts.push_back(std::move(f));
}

// A code fence (CommonMark): three or more '`' or '~'. It is closed by a run of the same
// character at least as long with nothing after it; a backtick opener's info string has no '`'.
struct Fence {
  char mark = 0;
  std::size_t length = 0;
};

std::optional<Fence> fence_run(std::string_view stripped) {
  if (stripped.empty() || (stripped[0] != '`' && stripped[0] != '~')) return std::nullopt;
  std::size_t length = std::min(stripped.find_first_not_of(stripped[0]), stripped.size());
  if (length < 3) return std::nullopt;
  return Fence{stripped[0], length};
}

// ATX headings and openness claims outside fenced code blocks; links and License-section lines
// inside them too.
void Card::body(std::size_t from_index) {
  std::optional<Fence> open;
  for (std::size_t i = from_index; i < lines.size(); ++i) {
    std::string_view text = lines[i].text;
    std::string_view stripped = text.substr(std::min(text.find_first_not_of(' '), text.size()));
    if (text.size() - stripped.size() > 3) continue;  // indented code, or a fence's inner text
    if (auto run = fence_run(stripped)) {
      std::string_view rest = stripped.substr(run->length);
      if (!open) {
        if (run->mark == '~' || rest.find('`') == std::string_view::npos) open = run;
        continue;
      }
      if (run->mark == open->mark && run->length >= open->length && trim(rest).empty()) open.reset();
      continue;
    }
    if (open) {  // code blocks hold no claims, but real links (`git clone URL`) and license notices
      links(lines[i]);
      if (in_license_section) license_prose(lines[i]);
      continue;
    }
    claim(lines[i]);
    links(lines[i]);
    std::size_t headings = out.facts.size();
    if (stripped.starts_with('#')) heading(lines[i], stripped);
    if (out.facts.size() > headings) {  // a new section: is it about the license?
      in_license_section = ascii_lower(out.facts.back().get("text")).find("licen") != std::string::npos;
      continue;
    }
    if (in_license_section) license_prose(lines[i]);
  }
}

void Card::license_prose(const TextLine& line) {
  if (trim(line.text).empty() || license_lines >= kMaxLicenseLines) return;
  ++license_lines;
  out.facts.push_back(Fact{"license_prose", {std::string(in.path), line.number, 1},
                           evidence_excerpt(line.text, 0), {}});
}

bool is_fence(std::string_view line) { return trim(line) == "---"; }

void parse_card(Card& card) {
  const auto& lines = card.lines;
  if (lines.empty() || !is_fence(lines[0].text)) return card.body(0);

  auto close = std::find_if(lines.begin() + 1, lines.end(),
                            [](const TextLine& l) { return is_fence(l.text) || trim(l.text) == "..."; });
  if (close == lines.end()) {
    card.diagnose(1, "front matter opened at line 1 is never closed; read as Markdown");
    return card.body(0);
  }
  std::string yaml;
  for (auto it = lines.begin() + 1; it != close; ++it) yaml.append(it->text).push_back('\n');
  card.yaml_first_line = 2;
  card.body(static_cast<std::size_t>(close - lines.begin()) + 1);
  if (card.refuse_hostile(yaml)) return;
  try {
    card.front_matter(YAML::Load(yaml), close->number + 1);
  } catch (const YAML::DeepRecursion& e) {
    unsigned line = e.mark.line >= 0 ? card.yaml_first_line + static_cast<unsigned>(e.mark.line) : 1;
    card.diagnose(line, "front matter " + yaml_reader_depth_message());
  } catch (const YAML::Exception& e) {
    unsigned line = e.mark.line >= 0 ? card.yaml_first_line + static_cast<unsigned>(e.mark.line) : 1;
    unsigned column = e.mark.column >= 0 ? static_cast<unsigned>(e.mark.column) + 1 : 0;
    card.diagnose(line, "invalid YAML front matter: " + e.msg, column);
  }
}

}  // namespace

bool model_card_accepts(std::string_view rel_path) {
  std::string name = ascii_lower(base_name(rel_path));
  return name == "readme.md" || name == "model_card.md" || name == "modelcard.md";
}

void parse_model_card(const ParseInput& in, ParseOutput& out) {
  try {
    Card card{in, out, split_lines(in.text)};
    parse_card(card);
  } catch (const std::exception& e) {
    out.diagnostics.push_back({{std::string(in.path), 1, 0}, std::string("cannot read model card: ") + e.what()});
  } catch (...) {
    out.diagnostics.push_back({{std::string(in.path), 1, 0}, "cannot read model card"});
  }
}

}  // namespace openlock
