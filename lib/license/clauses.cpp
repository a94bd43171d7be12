#include "license/clauses.hpp"

#include <yaml-cpp/yaml.h>

#include <re2/re2.h>

#include <algorithm>
#include <memory>
#include <set>

#include "core/log.hpp"
#include "core/text.hpp"
#include "rules/embedded.hpp"

namespace openlock {

namespace {

// A clause kind and its phrases. RE2 matches in time linear in the sentence whatever the pattern
// (the text comes from the audited repository); all patterns compile once, with the table.
struct ClausePattern {
  std::string kind;
  std::vector<std::string> triggers;  // lower case; empty = every sentence
  std::vector<std::unique_ptr<const re2::RE2>> patterns;
};

// Patterns are matched against the ASCII-lower-cased sentence, case-sensitively, in Latin-1 mode:
// every byte is one character and only ASCII letters fold (RE2's own folding would also fold
// Latin-1 letters, and in UTF-8 mode `[^.]` would not step over a byte that is not UTF-8). So the
// patterns are written in lower case (clauses_test checks it).
re2::RE2::Options pattern_options() {
  re2::RE2::Options options;
  options.set_encoding(re2::RE2::Options::EncodingLatin1);
  options.set_log_errors(false);
  return options;
}

constexpr std::size_t kMaxSentence = 2000;   // longer runs are cut: keeps the evidence a sentence
constexpr std::size_t kMaxText = 512 * 1024;  // license texts are far shorter; the rest is not searched

const std::vector<ClausePattern>& clause_patterns() {
  static const std::vector<ClausePattern> table = [] {
    std::vector<ClausePattern> out;
    try {
      for (const auto& entry : load_embedded_yaml("licenses/clauses.yaml")["clauses"]) {
        ClausePattern& c = out.emplace_back();
        c.kind = entry["kind"].as<std::string>();
        if (entry["triggers"])
          for (const auto& t : entry["triggers"]) c.triggers.push_back(t.as<std::string>());
        for (const auto& p : entry["patterns"]) {
          auto re = std::make_unique<const re2::RE2>(p.as<std::string>(), pattern_options());
          if (re->ok()) c.patterns.push_back(std::move(re));
          else log().error("rules/licenses/clauses.yaml: {}: pattern '{}': {}", c.kind, re->pattern(), re->error());
        }
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
std::string user_count(const std::string& lower_sentence) {
  // [\t\n\x0b\f\r ] is the white space of std::regex's \s, which these patterns used before.
  static const re2::RE2 count(
      R"(([0-9][0-9,]*(?:\.[0-9]+)?)[\t\n\x0b\f\r ]*(thousand|million|billion)?[\t\n\x0b\f\r ]+)"
      R"((?:\([^\t\n\x0b\f\r ]+\)[\t\n\x0b\f\r ]+)?(?:monthly active users|mau\b|users))",
      pattern_options());
  std::string number, scale;
  if (!re2::RE2::PartialMatch(lower_sentence, count, &number, &scale)) return {};
  std::string digits;
  for (char c : number)
    if (c != ',') digits += c;
  double value = std::strtod(digits.c_str(), nullptr);  // no exception on a 400-digit "number"
  value *= scale == "thousand" ? 1e3 : scale == "million" ? 1e6 : scale == "billion" ? 1e9 : 1;
  // More users than people is not a cap anyone wrote: unreadable (and beyond long long, the
  // conversion would be undefined). Found by fuzzing.
  if (!(value >= 0 && value < 1e15)) return {};
  return std::to_string(static_cast<long long>(value + 0.5));
}

// A policy named by address or "incorporated by reference" is outside the license text: it can
// change without the license changing.
bool by_reference(const std::string& lower_sentence) {
  static const re2::RE2 reference(
      R"(https?://|www\.|\b(available|found|located) at\b|incorporated (herein )?by reference)", pattern_options());
  return re2::RE2::PartialMatch(lower_sentence, reference);
}

std::string detail_of(const std::string& kind, const std::string& lower_sentence) {
  if (kind == "mau_cap") return user_count(lower_sentence);
  if (kind == "acceptable_use") return by_reference(lower_sentence) ? "by_reference" : "";
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
      for (const auto& re : clause.patterns) {
        re2::StringPiece match;
        if (!re->Match(lower, 0, lower.size(), re2::RE2::UNANCHORED, &match, 1)) continue;
        std::size_t at = start + static_cast<std::size_t>(match.data() - lower.data());
        std::string evidence = sentence.size() > 240 ? sentence.substr(0, 237) + "..." : sentence;
        found.push_back({clause.kind, n.line_of[at], evidence, detail_of(clause.kind, lower)});
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
