// `openlock rules list | show ID | test DIR`: the rule packs, for people who write their own.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <map>
#include <memory>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "openlock/rules.hpp"

namespace openlock::cli {

namespace {

struct RulesFlags {
  std::vector<std::string> rule_dirs;
  std::string id;
  std::string fixtures;
  std::string docs_dir;
  std::string format = "text";
  std::string examples_dir = default_fixtures();

  // The built-in rules' fixtures, when the source tree this binary was built from is still there.
  static std::string default_fixtures() {
    std::error_code ec;
    return std::filesystem::is_directory(OPENLOCK_FIXTURES_DIR, ec) ? OPENLOCK_FIXTURES_DIR : "";
  }
};

// The first positive and the first negative example of a rule, as "matches" / "does not match".
std::vector<RuleExample> first_examples(const RulesFlags& f, const std::string& id) {
  std::vector<RuleExample> out;
  if (f.examples_dir.empty()) return out;
  for (const auto& e : rule_examples(f.examples_dir, id))
    if (std::none_of(out.begin(), out.end(), [&](const RuleExample& o) { return o.matches == e.matches; })) out.push_back(e);
  return out;
}

// A fixture line as an example: trimmed, without its annotation comment (`# expect: ID`,
// `// ok: ID`, `<!-- expect: ID -->`, or the extra JSON key `, "//": "expect: ID"`).
std::string without_annotation(std::string s, const std::string& id) {
  std::size_t at = s.rfind("expect: " + id);
  if (at == std::string::npos) at = s.rfind("ok: " + id);
  if (at != std::string::npos) {
    std::size_t cut = std::string::npos;
    for (const char* opener : {"#", "//", "<!--", "\"//"}) {
      std::size_t o = s.rfind(opener, at);
      if (o != std::string::npos && (cut == std::string::npos || o > cut || (o + 1 == cut && *opener == '"'))) cut = o;
    }
    if (cut != std::string::npos) {
      if (s[cut] == '"' && cut >= 2 && s.compare(cut - 2, 2, ", ") == 0) cut -= 2;
      s.erase(cut);
    }
  }
  std::size_t a = s.find_first_not_of(" \t"), b = s.find_last_not_of(" \t,");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

bool load(const RulesFlags& f, std::vector<RuleInfo>& rules) {
  std::string error;
  if (list_rules(f.rule_dirs, rules, error)) return true;
  std::cerr << "openlock: error: " << error << "\n";
  return false;
}

int list(const RulesFlags& f) {
  std::vector<RuleInfo> rules;
  if (!load(f, rules)) return usage;
  if (f.format == "json") {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& r : rules)
      out.push_back({{"id", r.id},          {"category", r.category}, {"vendor", r.vendor},
                     {"severity", to_string(r.severity)}, {"effect", r.effect}, {"within", r.within},
                     {"title", r.title},    {"references", r.references}, {"origin", r.origin},
                     {"paths", {{"include", r.include_paths}, {"exclude", r.exclude_paths}}}, {"context", r.contexts}});
    std::cout << out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
    return ok;
  }
  for (const auto& r : rules)
    std::cout << std::left << std::setw(48) << r.id << std::setw(9) << (r.effect == "mitigates" ? "counter" : to_string(r.severity))
              << r.title << "\n";
  std::cout << rules.size() << " rules\n";
  return ok;
}

int show(const RulesFlags& f) {
  std::vector<RuleInfo> rules;
  if (!load(f, rules)) return usage;
  for (const auto& r : rules) {
    if (r.id != f.id) continue;
    std::cout << r.id << ": " << r.title << "\n  " << (r.effect == "mitigates" ? "counter-signal" : to_string(r.severity))
              << ", " << r.category << (r.vendor.empty() ? "" : ", vendor " + r.vendor) << ", evaluated per " << r.within
              << "\n  defined in:  " << r.origin << "\n\n";
    // The rule as written: its conditions, filters and templates are what predicts a match.
    std::istringstream source(r.source);
    for (std::string line; std::getline(source, line);) std::cout << "    " << line << "\n";
    for (const auto& e : first_examples(f, r.id))
      std::cout << "\n  " << (e.matches ? "Matches" : "Does not match") << " (" << f.examples_dir << "/" << r.id << "/"
                << e.path << ":" << e.line << "):\n    " << without_annotation(e.text, r.id) << "\n";
    return ok;
  }
  std::cerr << "openlock: error: no rule with id '" << f.id << "' (see `openlock rules list`)\n";
  return usage;
}

int test(const RulesFlags& f) {
  std::size_t checked = 0;
  // A rule pack finds its fixtures itself; a folder of fixture folders is checked against all rules.
  auto problems = is_rule_pack(f.fixtures) ? test_rule_pack(f.fixtures, f.rule_dirs, checked)
                                           : test_rules(f.fixtures, f.rule_dirs, checked);
  for (const auto& p : problems) std::cout << "FAIL " << p << "\n";
  std::cout << checked << " rules checked against " << f.fixtures << ": " << problems.size()
            << (problems.size() == 1 ? " problem\n" : " problems\n");
  return problems.empty() ? ok : findings;
}

int patterns(const RulesFlags& f) {
  std::vector<std::string> out;
  std::string error;
  if (!rule_patterns(f.rule_dirs, out, error)) {
    std::cerr << "openlock: error: " << error << "\n";
    return usage;
  }
  for (const auto& p : out) std::cout << p << "\n";
  return ok;
}

// The pack of a built-in rule: its folder under rules/ ("lockin/hardware"); "user" for --rules.
std::string pack_of(const RuleInfo& r) {
  if (!r.origin.starts_with("rules/")) return "user";
  std::string rest = r.origin.substr(6);
  auto slash = rest.rfind('/');
  return slash == std::string::npos ? "rules" : rest.substr(0, slash);
}

std::string cell(std::string s) {  // a Markdown table cell: no '|' or newline breaks the row
  for (std::size_t at = 0; (at = s.find('|', at)) != std::string::npos; at += 2) s.replace(at, 1, "\\|");
  for (char& c : s)
    if (c == '\n') c = ' ';
  return s;
}

// One Markdown page per pack (a table, then a section per rule) and an index, into DIR.
int docs(const RulesFlags& f) {
  std::vector<RuleInfo> rules;
  if (!load(f, rules)) return usage;
  std::map<std::string, std::vector<const RuleInfo*>> packs;
  for (const auto& r : rules) packs[pack_of(r)].push_back(&r);
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(f.docs_dir, ec);
  std::ofstream index(fs::path(f.docs_dir) / "README.md");
  index << "# Rule reference\n\nGenerated from the rule packs in `rules/` by `openlock rules docs docs/rules`"
           " (build target `rules_docs`); the test `docs_rules_current` fails when it is stale. How to write\n"
           "rules: [format.md](format.md).\n\n| pack | rules |\n|---|---|\n";
  for (const auto& [pack, list] : packs) {
    std::string file = pack;
    for (char& c : file)
      if (c == '/') c = '-';
    file += ".md";
    index << "| [" << pack << "](" << file << ") | " << list.size() << " |\n";
    std::ofstream page(fs::path(f.docs_dir) / file);
    page << "# Rules: " << pack << "\n\nGenerated from `rules/" << pack << "/`; do not edit by hand.\n\n"
         << "| id | severity | vendor | title |\n|---|---|---|---|\n";
    for (const RuleInfo* r : list)
      page << "| [`" << r->id << "`](#" << r->id << ") | " << (r->effect == "mitigates" ? "counter-signal" : to_string(r->severity))
           << " | " << cell(r->vendor) << " | " << cell(r->title) << " |\n";
    for (const RuleInfo* r : list) {
      page << "\n<a id=\"" << r->id << "\"></a>\n## " << r->id << "\n\n**" << r->title << "**  \n"
           << "category `" << r->category << "`, " << (r->effect == "mitigates" ? "counter-signal (lowers the score)" : "severity " + std::string(to_string(r->severity)))
           << (r->vendor.empty() ? "" : ", vendor `" + r->vendor + "`") << ", evaluated per " << r->within << "\n\n"
           << "Message: " << r->message << "\n\n";
      if (!r->remediation.empty()) page << "Remediation: " << r->remediation << "\n\n";
      for (const auto& ref : r->references) page << "- <" << ref << ">\n";
      if (!r->references.empty()) page << "\n";
      for (const auto& e : first_examples(f, r->id))
        page << (e.matches ? "Matches" : "Does not match") << " (`" << e.path << "`):\n\n```\n" << without_annotation(e.text, r->id) << "\n```\n\n";
      page << "Defined in `" << r->origin << "`; fixtures in `tests/rules/fixtures/" << r->id << "/`.\n";
    }
  }
  std::cout << rules.size() << " rules in " << packs.size() << " packs written to " << f.docs_dir << "\n";
  return ok;
}

}  // namespace

std::function<int()> add_rules(CLI::App& app) {
  auto flags = std::make_shared<RulesFlags>();
  CLI::App* cmd = app.add_subcommand("rules", "List, show and test rule packs");
  cmd->require_subcommand(1);
  cmd->add_option("--rules", flags->rule_dirs, "Also load rule packs from DIR (replaces built-ins by id); repeatable")
      ->type_name("DIR")
      ->allow_extra_args(false);
  CLI::App* list_cmd = cmd->add_subcommand("list", "List every rule: id, severity, title (json: every field)");
  list_cmd->add_option("--format", flags->format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  CLI::App* show_cmd = cmd->add_subcommand("show", "Show one rule");
  show_cmd->add_option("id", flags->id, "Rule id")->required();
  show_cmd->add_option("--fixtures", flags->examples_dir, "Fixture folders to take examples from (default: the built-in rules' fixtures when present)")
      ->type_name("DIR");
  CLI::App* patterns_cmd = cmd->add_subcommand("patterns", "Print the lock-in rules' text patterns as regexes, one per line (for rg -f)");
  CLI::App* test_cmd = cmd->add_subcommand("test", "Check each rule against DIR/<rule-id>/ annotated fixtures");
  test_cmd->add_option("dir", flags->fixtures,
                       "A rule pack (its rules' fixtures beside them or in tests/rules/fixtures/ above), or a folder of "
                       "fixture folders, one per rule id")
      ->required();
  CLI::App* docs_cmd = cmd->add_subcommand("docs", "Write the rule reference (one Markdown page per pack) into DIR");
  docs_cmd->add_option("dir", flags->docs_dir, "Output folder, e.g. docs/rules")->required();
  docs_cmd->add_option("--fixtures", flags->examples_dir, "Fixture folders to take examples from (default: the built-in rules' fixtures when present)")
      ->type_name("DIR");
  cmd->footer("Exit codes: 0 ok, 1 `rules test` found problems, 2 usage error or a rule that does not load.");
  return [flags, list_cmd, show_cmd, test_cmd, patterns_cmd, docs_cmd] {
    if (list_cmd->parsed()) return list(*flags);
    if (docs_cmd->parsed()) return docs(*flags);
    if (patterns_cmd->parsed()) return patterns(*flags);
    if (show_cmd->parsed()) return show(*flags);
    if (test_cmd->parsed()) return test(*flags);
    return static_cast<int>(usage);
  };
}

}  // namespace openlock::cli
