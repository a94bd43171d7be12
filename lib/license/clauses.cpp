#include "license/clauses.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <deque>
#include <mutex>
#include <regex>
#include <set>

#include "core/log.hpp"
#include "core/text.hpp"
#include "rules/embedded.hpp"

namespace openlock {

namespace {

// A clause kind's patterns are compiled when a sentence first has one of its triggers: std::regex
// compiles the bounded repeats ([^.]{0,60}) into large automata, and compiling all of them was a
// fifth of the start-up of `openlock license --file`, spent even on texts that never need them.
struct ClausePattern {
  std::string kind;
  std::vector<std::string> triggers;  // lower case; empty = every sentence
  std::vector<std::string> sources;
  mutable std::once_flag compiled;
  mutable std::vector<std::regex> patterns;

  const std::vector<std::regex>& regexes() const {
    std::call_once(compiled, [this] {
      for (const auto& p : sources) {
        try {
          patterns.emplace_back(p, std::regex::ECMAScript | std::regex::icase | std::regex::optimize);
        } catch (const std::regex_error& e) {  // checked by clauses_test; guards a broken local edit
          log().error("rules/licenses/clauses.yaml: {}: pattern '{}': {}", kind, p, e.what());
        }
      }
    });
    return patterns;
  }
};

constexpr std::size_t kMaxSentence = 2000;   // longer runs are cut: bounds the regex engine's work
constexpr std::size_t kMaxText = 512 * 1024;  // license texts are far shorter; the rest is not searched

const std::deque<ClausePattern>& clause_patterns() {
  static const std::deque<ClausePattern> table = [] {
    std::deque<ClausePattern> out;
    try {
      for (const auto& entry : load_embedded_yaml("licenses/clauses.yaml")["clauses"]) {
        ClausePattern& c = out.emplace_back();
        c.kind = entry["kind"].as<std::string>();
        if (entry["triggers"])
          for (const auto& t : entry["triggers"]) c.triggers.push_back(t.as<std::string>());
        for (const auto& p : entry["patterns"]) c.sources.push_back(p.as<std::string>());
      }
    } catch (const std::exception& e) {  // checked by clauses_test; guards a broken local edit
      log().error("rules/licenses/clauses.yaml: {}", e.what());
    }
    return out;
  }();
  return table;
}

// The text with whitespace runs collapsed, and for each kept character its source line.
struct Normalized {
  std::string text;
  std::vector<unsigned> line_of;
};

Normalized normalize(std::string_view text) {
  Normalized n;
  unsigned line = 1;
  bool space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    if (ws) {
      space = !n.text.empty();
    } else {
      if (space) n.text += ' ', n.line_of.push_back(line);
      space = false;
      n.text += c;
      n.line_of.push_back(line);
    }
    if (c == '\n' || (c == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) ++line;
  }
  return n;
}

// The user count of a cap ("more than 700 million monthly active users" -> 700000000): the
// number nearest before the phrase that names users.
std::string user_count(const std::string& sentence) {
  static const std::regex count(R"((\d[\d,]*(?:\.\d+)?)\s*(thousand|million|billion)?\s+(?:\(\S+\)\s+)?(?:monthly active users|mau\b|users))",
                                std::regex::icase | std::regex::optimize);
  std::smatch m;
  if (!std::regex_search(sentence, m, count)) return {};
  std::string digits;
  for (char c : m[1].str())
    if (c != ',') digits += c;
  double value = std::strtod(digits.c_str(), nullptr);  // no exception on a 400-digit "number"
  std::string scale = m[2].str();
  for (auto& c : scale) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  value *= scale == "thousand" ? 1e3 : scale == "million" ? 1e6 : scale == "billion" ? 1e9 : 1;
  // More users than people is not a cap anyone wrote: unreadable (and beyond long long, the
  // conversion would be undefined). Found by fuzzing.
  if (!(value >= 0 && value < 1e15)) return {};
  return std::to_string(static_cast<long long>(value + 0.5));
}

// A policy named by address or "incorporated by reference" is outside the license text: it can
// change without the license changing.
bool by_reference(const std::string& sentence) {
  static const std::regex reference(R"(https?://|www\.|\b(available|found|located) at\b|incorporated (herein )?by reference)",
                                    std::regex::icase | std::regex::optimize);
  return std::regex_search(sentence, reference);
}

std::string detail_of(const std::string& kind, const std::string& sentence) {
  if (kind == "mau_cap") return user_count(sentence);
  if (kind == "acceptable_use") return by_reference(sentence) ? "by_reference" : "";
  return {};
}

}  // namespace

std::vector<ClauseMatch> find_clauses(std::string_view text) {
  Normalized n = normalize(text.substr(0, kMaxText));
  std::vector<ClauseMatch> found;
  std::set<std::string> seen;
  std::size_t start = 0;
  while (start < n.text.size()) {
    // A sentence ends at ". " or at the cap; matching within one keeps the evidence readable.
    std::size_t end = n.text.find(". ", start);
    end = std::min({end == std::string::npos ? n.text.size() : end + 1, n.text.size(), start + kMaxSentence});
    std::string sentence = n.text.substr(start, end - start);
    std::string lower = ascii_lower(sentence);
    for (const auto& clause : clause_patterns()) {
      if (seen.count(clause.kind)) continue;
      if (!clause.triggers.empty() && std::none_of(clause.triggers.begin(), clause.triggers.end(),
                                                   [&](const std::string& t) { return lower.find(t) != std::string::npos; }))
        continue;
      for (const auto& re : clause.regexes()) {
        std::smatch m;
        if (!std::regex_search(sentence, m, re)) continue;
        std::size_t at = start + static_cast<std::size_t>(m.position(0));
        std::string evidence = sentence.size() > 240 ? sentence.substr(0, 237) + "..." : sentence;
        found.push_back({clause.kind, n.line_of[at], evidence, detail_of(clause.kind, sentence)});
        seen.insert(clause.kind);
        break;
      }
    }
    start = end;
    while (start < n.text.size() && n.text[start] == ' ') ++start;
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.line < b.line; });
  return found;
}

}  // namespace openlock
