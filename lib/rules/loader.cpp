// Rule YAML -> Rule. Strict: unknown keys, bad values and empty conditions are errors that
// name the file, the line and the key.
#include "rules/loader.hpp"

#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include "parse/yaml_guard.hpp"
#include "rules/embedded.hpp"
#include "rules/glob.hpp"
#include "rules/lite_yaml.hpp"

namespace openlock {

namespace fs = std::filesystem;

std::string RuleError::to_string() const { return path + ":" + std::to_string(line) + ": " + message; }

namespace {

const std::set<std::string, std::less<>> kKeys = {"id",     "title",  "category",   "vendor",     "severity",
                                                   "match",  "within", "effect",     "confidence", "message", "at",
                                                   "remediation", "references", "paths", "context"};
const std::set<std::string, std::less<>> kContexts = {"product", "test", "docs", "example", "build", "deploy"};
const std::set<std::string, std::less<>> kCategories = {"openness",       "license",
                                                        "lockin.hardware", "lockin.model_provider",
                                                        "lockin.cloud",   "hygiene"};

// Deepest YAML a rule file may have (shipped rules use under 10 levels).
constexpr int kMaxRuleNesting = 64;

// Thrown inside this file only; load_rule turns it into a RuleError.
struct Bad {
  int line;
  std::string message;
};

// The code below reads a rule from either kind of node: yaml-cpp's (any YAML: rule packs, and
// the exact error for a built-in rule) or the subset reader's (the built-in rules, fast).
int line_of(const YAML::Node& node) { return node.Mark().line >= 0 ? node.Mark().line + 1 : 0; }
int line_of(const LiteNode& node) { return node.line; }

// A yaml-cpp node iterates its entries (a map) or items (a list) itself.
const YAML::Node& entries(const YAML::Node& node) { return node; }
const YAML::Node& items(const YAML::Node& node) { return node; }
const auto& entries(const LiteNode& node) { return node.entries; }
const auto& items(const LiteNode& node) { return node.items; }

// A map key as text; keys that are lists or maps are a mistake in a rule file.
template <typename Node>
std::string key_of(const Node& key) {
  if (!key.IsScalar()) throw Bad{line_of(key), "a key must be a plain word"};
  return key.Scalar();
}

// Fact kinds are identifiers (dependency, env_var); anything else is a typo that would never match.
bool is_identifier(const std::string& word) {
  if (word.empty() || std::isdigit(static_cast<unsigned char>(word[0]))) return false;
  return std::all_of(word.begin(), word.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

template <typename Node>
std::string scalar(const Node& node, const std::string& key) {
  if (!node.IsScalar()) throw Bad{line_of(node), "'" + key + "' must be a string"};
  return node.Scalar();
}

template <typename Node>
void require_one_of(const Node& node, const std::string& key, std::initializer_list<const char*> allowed) {
  std::string value = scalar(node, key);
  for (const char* a : allowed)
    if (value == a) return;
  std::string list;
  for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  throw Bad{line_of(node), "'" + key + "' is '" + value + "'; expected one of " + list};
}

template <typename Node>
Condition parse_condition(const Node& node);

template <typename Node>
std::vector<Condition> parse_children(const Node& node, const std::string& op) {
  if (!node.IsSequence() || node.size() == 0)
    throw Bad{line_of(node), "'" + op + "' needs a non-empty list of conditions"};
  std::vector<Condition> children;
  for (const auto& child : items(node)) children.push_back(parse_condition(child));
  return children;
}

// A glob as written in a rule, checked now so that a typo fails at load instead of never matching.
template <typename Node>
std::string glob_of(const Node& node, const std::string& key) {
  std::string pattern = scalar(node, key);
  if (std::string why = glob_error(pattern); !why.empty()) throw Bad{line_of(node), "bad glob '" + pattern + "' in '" + key + "': " + why};
  return pattern;
}

// A string or a non-empty list of strings, each checked by `one`.
template <typename Node, typename One>
std::vector<std::string> one_or_list(const Node& node, const std::string& key, One one) {
  std::vector<std::string> out;
  if (node.IsScalar()) {
    out.push_back(one(node, key));
  } else if (node.IsSequence() && node.size() > 0) {
    for (const auto& item : items(node)) out.push_back(one(item, key));
  } else {
    throw Bad{line_of(node), "'" + key + "' needs a pattern or a non-empty list of patterns"};
  }
  return out;
}

template <typename Node>
double number_of(const Node& node, const std::string& key) {
  std::string text = scalar(node, key);
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size()) throw Bad{line_of(node), "'" + key + "' must be a number, not '" + text + "'"};
  return value;
}

// `attr: {regex: ..., ge: ...}`: every operator must hold for one value of the attribute.
template <typename Node>
void parse_operators(const Node& ops, Condition::AttrTest& test) {
  if (ops.size() == 0) throw Bad{line_of(ops), "attribute '" + test.attr + "' has an empty map of tests"};
  for (const auto& kv : entries(ops)) {
    std::string op = key_of(kv.first), where = test.attr + "." + op;
    if (op == "glob") {
      test.patterns = one_or_list(kv.second, where, glob_of<Node>);
    } else if (op == "equals") {
      test.equals = one_or_list(kv.second, where, scalar<Node>);
    } else if (op == "regex") {
      std::string pattern = scalar(kv.second, where);
      auto re = std::make_shared<re2::RE2>(pattern, re2::RE2::Quiet);
      if (!re->ok()) throw Bad{line_of(kv.second), "bad regex '" + pattern + "' in '" + where + "': " + re->error()};
      test.regex = std::move(re);
    } else if (op == "gt" || op == "ge" || op == "lt" || op == "le") {
      double bound = number_of(kv.second, where);
      (op == "gt" ? test.gt : op == "ge" ? test.ge : op == "lt" ? test.lt : test.le) = bound;
    } else if (op == "exists") {
      std::string value = scalar(kv.second, where);
      if (value != "true" && value != "false") throw Bad{line_of(kv.second), "'" + where + "' must be true or false"};
      test.exists = value == "true";
    } else {
      throw Bad{line_of(kv.first), "unknown test '" + op + "' for attribute '" + test.attr +
                                       "'; expected glob, equals, regex, gt, ge, lt, le or exists"};
    }
  }
  if (test.exists == false && test.tests_values())
    throw Bad{line_of(ops), "attribute '" + test.attr + "': 'exists: false' cannot be combined with tests of its value"};
}

template <typename Node>
Condition parse_leaf(const std::string& kind, const Node& tests, int line) {
  Condition c;
  c.fact_kind = kind;
  if (!tests || tests.IsNull()) return c;
  if (!tests.IsMap()) throw Bad{line, "fact condition '" + kind + "' must map attributes to patterns"};
  for (const auto& kv : entries(tests)) {
    Condition::AttrTest test;
    test.attr = key_of(kv.first);
    test.line = line_of(kv.first);
    if (kv.second.IsMap())
      parse_operators(kv.second, test);
    else
      test.patterns = one_or_list(kv.second, test.attr, glob_of<Node>);
    c.tests.push_back(std::move(test));
  }
  return c;
}

template <typename Node>
Condition parse_condition(const Node& node) {
  if (!node.IsMap() || node.size() != 1)
    throw Bad{line_of(node), "a condition is a map with one key: any, all, not, or a fact kind"};
  const auto& entry = *entries(node).begin();
  std::string key = key_of(entry.first);
  Condition c;
  if (key == "any" || key == "all") {
    c.op = key == "any" ? Condition::Op::any : Condition::Op::all;
    c.children = parse_children(entry.second, key);
  } else if (key == "not") {
    c.op = Condition::Op::none_of;
    c.children.push_back(parse_condition(entry.second));
  } else if (is_identifier(key)) {
    c = parse_leaf(key, entry.second, line_of(entry.first));
  } else {
    throw Bad{line_of(entry.first), "'" + key + "' is not a fact kind; expected any, all, not, or a name like dependency"};
  }
  return c;
}

template <typename Node>
void parse_rule(const Node& doc, Rule& rule) {
  if (!doc.IsMap()) throw Bad{line_of(doc), "a rule file must be a YAML map"};
  std::set<std::string> seen;  // yaml-cpp keeps a repeated key; the first would win silently
  for (const auto& kv : entries(doc)) {
    std::string key = key_of(kv.first);
    if (!kKeys.count(key)) throw Bad{line_of(kv.first), "unknown key '" + key + "'"};
    if (!seen.insert(key).second) throw Bad{line_of(kv.first), "key '" + key + "' is given twice"};
  }
  for (const char* key : {"id", "title", "category", "severity", "match", "message"})
    if (!doc[key]) throw Bad{1, std::string("missing required key '") + key + "'"};
  rule.id = scalar(doc["id"], "id");
  rule.title = scalar(doc["title"], "title");
  rule.category = scalar(doc["category"], "category");
  if (!kCategories.count(rule.category))
    throw Bad{line_of(doc["category"]), "'category' is '" + rule.category +
                                            "'; expected openness, license, lockin.hardware, "
                                            "lockin.model_provider, lockin.cloud or hygiene"};
  require_one_of(doc["severity"], "severity", {"info", "low", "medium", "high", "critical"});
  rule.severity = *parse_severity(doc["severity"].Scalar());
  if (doc["vendor"]) rule.vendor = scalar(doc["vendor"], "vendor");
  if (doc["within"]) {
    require_one_of(doc["within"], "within", {"file", "repo"});
    rule.scope = doc["within"].Scalar();
  }
  if (doc["effect"]) {
    require_one_of(doc["effect"], "effect", {"finding", "mitigates"});
    rule.effect = doc["effect"].Scalar();
  }
  if (doc["confidence"]) {
    require_one_of(doc["confidence"], "confidence", {"high", "medium", "low"});
    rule.confidence = doc["confidence"].Scalar();
  }
  if (doc["at"]) rule.at = scalar(doc["at"], "at");
  if (const auto& paths = doc["paths"]) {
    if (!paths.IsMap()) throw Bad{line_of(paths), "'paths' must be a map with include and/or exclude"};
    for (const auto& kv : entries(paths)) {
      std::string key = key_of(kv.first);
      if (key == "include") rule.include_paths = one_or_list(kv.second, "paths.include", glob_of<Node>);
      else if (key == "exclude") rule.exclude_paths = one_or_list(kv.second, "paths.exclude", glob_of<Node>);
      else throw Bad{line_of(kv.first), "unknown key 'paths." + key + "'; expected include or exclude"};
    }
  }
  if (const auto& context = doc["context"]) {
    rule.contexts = one_or_list(context, "context", scalar<Node>);
    for (const auto& c : rule.contexts)
      if (!kContexts.count(c))
        throw Bad{line_of(context), "'context' has '" + c + "'; expected product, test, docs, example, build or deploy"};
  }
  rule.message = scalar(doc["message"], "message");
  if (doc["remediation"]) rule.remediation = scalar(doc["remediation"], "remediation");
  if (const auto& refs = doc["references"]) {
    if (!refs.IsSequence()) throw Bad{line_of(refs), "'references' must be a list of URLs"};
    for (const auto& r : items(refs)) rule.references.push_back(scalar(r, "references"));
  }
  rule.match = parse_condition(doc["match"]);
}

std::string stem_of(std::string_view origin) {
  std::string name = fs::path(std::string(origin)).filename().string();
  auto dot = name.rfind('.');
  return dot == std::string::npos ? name : name.substr(0, dot);
}

void add_or_replace(std::vector<Rule>& rules, Rule rule) {
  auto same = std::find_if(rules.begin(), rules.end(), [&](const Rule& r) { return r.id == rule.id; });
  if (same != rules.end())
    *same = std::move(rule);
  else
    rules.push_back(std::move(rule));
}

// Folders of a pack that hold knowledge (license texts, openness signals) or the schema, not rules.
bool is_knowledge(const std::string& rel_path) {
  return rel_path.starts_with("licenses/") || rel_path.starts_with("knowledge/") || rel_path.starts_with("schema/");
}

bool is_rule_file(const std::string& path) {
  return path.ends_with(".yaml") || path.ends_with(".yml");
}

template <typename Node>
void read_rule(const Node& doc, std::string_view origin, std::string_view yaml_text, Rule& rule) {
  rule = Rule{};
  rule.origin = origin;
  rule.source = yaml_text;
  parse_rule(doc, rule);
  if (rule.id != stem_of(origin))
    throw Bad{1, "rule id '" + rule.id + "' must equal the file name stem '" + stem_of(origin) + "'"};
}

}  // namespace

bool load_rule(std::string_view origin, std::string_view yaml_text, Rule& rule, RuleError& error) {
  error = RuleError{std::string(origin), 0, ""};
  // yaml-cpp and parse_condition recurse per level: a pack's `not: {not: …}` is refused first
  // (yaml-cpp's own limit said only "bad file").
  if (std::string hazard = yaml_hazard(yaml_text, std::numeric_limits<int>::max(), kMaxRuleNesting, "");
      !hazard.empty()) {
    error.message = "rule YAML " + hazard;
    return false;
  }
  try {
    read_rule(YAML::Load(std::string(yaml_text)), origin, yaml_text, rule);
    return true;
  } catch (const Bad& bad) {
    error.line = bad.line;
    error.message = bad.message;
  } catch (const YAML::Exception& e) {
    error.line = e.mark.line >= 0 ? e.mark.line + 1 : 0;
    error.message = "invalid YAML: " + e.msg;
  }
  return false;
}

bool load_rule_lite(std::string_view origin, std::string_view yaml_text, Rule& rule) {
  std::optional<LiteNode> doc = read_lite_yaml(yaml_text);
  if (!doc) return false;
  try {
    read_rule(*doc, origin, yaml_text, rule);
    return true;
  } catch (const Bad&) {
    return false;  // load_rule says where, from yaml-cpp's lines
  }
}

void load_builtin_rules(std::vector<Rule>& rules, std::vector<RuleError>& errors) {
  std::set<std::string> ids;
  rules.reserve(rules.size() + embedded_rule_files().size());
  for (const auto& file : embedded_rule_files()) {
    std::string path(file.path);
    if (!is_rule_file(path) || is_knowledge(path))
      continue;
    Rule rule;
    RuleError error;
    std::string origin = "rules/" + path;
    if (!load_rule_lite(origin, file.text, rule) && !load_rule(origin, file.text, rule, error)) {
      errors.push_back(error);
    } else if (!ids.insert(rule.id).second) {
      errors.push_back({origin, 1, "duplicate rule id '" + rule.id + "'"});
    } else {
      rules.push_back(std::move(rule));
    }
  }
}

void load_rule_dir(const fs::path& dir, std::vector<Rule>& rules, std::vector<RuleError>& errors) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    // A folder named like a rule file beside it (acme.rule/ next to acme.rule.yaml) holds that
    // rule's fixtures, whose YAML files are not rules.
    const fs::path& p = it->path();
    if (it->is_directory(ec) && (fs::exists(p.string() + ".yaml", ec) || fs::exists(p.string() + ".yml", ec))) {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec) && is_rule_file(p.string()) && !is_knowledge(p.lexically_relative(dir).generic_string()))
      files.push_back(p);
  }
  if (ec) errors.push_back({dir.string(), 0, "cannot read rules directory: " + ec.message()});
  std::sort(files.begin(), files.end());
  std::set<std::string> ids;
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    Rule rule;
    RuleError error;
    if (!in || !load_rule(path.string(), text.str(), rule, error)) {
      if (!in) error = {path.string(), 0, "cannot read rule file"};
      errors.push_back(error);
    } else if (!ids.insert(rule.id).second) {
      errors.push_back({path.string(), 1, "duplicate rule id '" + rule.id + "' in " + dir.string()});
    } else {
      add_or_replace(rules, std::move(rule));
    }
  }
}

}  // namespace openlock
