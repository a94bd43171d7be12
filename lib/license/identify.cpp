// License-text identification: word-trigram fingerprints (fingerprint.hpp) of the text compared
// with those of rules/licenses/texts/ by Sørensen–Dice, then judged by a rubric (docs/licenses.md):
//   - lines whose trigrams are mostly unknown to a candidate are "added" for that candidate; the
//     rest of the text is its "core";
//   - the candidate nearest to the whole text wins when its core is near (kMinCore, or wording
//     only removed) and clearly ahead of the runner-up on the same core (kClearAhead times nearer, or
//     more), else the text is unknown and the nearest candidates are listed;
//   - a winner with no added lines (a short title or note before the license does not count) and
//     at most small missing wording is identified, else modified.
#include <algorithm>
#include <map>
#include <optional>

#include "core/text.hpp"
#include "license/identify.hpp"
#include "license/license_texts.hpp"
#include "parse/text_lines.hpp"
#include "openlock/license.hpp"

namespace openlock {

namespace {

constexpr std::size_t kMaxText = 512 * 1024;    // license texts are far shorter; the rest is not read
constexpr std::size_t kMinGrams = kMinLicenseGrams;
constexpr std::size_t kShortlist = 5;           // nearest licenses compared with the best
constexpr double kMinCore = 0.9;                // core similarity a winner needs ...
constexpr double kMinCoreContained = 0.6;       // ... or this much when wording was only removed: the
constexpr double kMinContained = 0.97;          //     known text holds this share of the core, and
                                                //     at most 2% of the text is added
constexpr double kMinContainedGap = 0.01;       // a runner-up holding all but this much is a tie
constexpr double kClearAhead = 1.5;             // the runner-up must be this many times farther
constexpr double kMinCandidate = 0.05;          // similarity below which a license is not a candidate
constexpr std::size_t kMinMissing = 15;         // missing trigrams that make a text "modified" ...
constexpr double kMinMissingShare = 0.01;       // ... when they are also this share of the license
constexpr double kMaxRewritten = 0.1;           // added and missing shares that make another text
constexpr std::size_t kMinAddedGrams = 4;       // unknown trigrams that make a line added
constexpr std::size_t kMaxHeaderGrams = 40;     // words of a title or note before the license text
constexpr std::size_t kMaxAddedLines = 40;      // evidence lines kept
constexpr std::size_t kMinOtherGrams = 30;      // added text this long is searched for a second license

using Entry = KnownText;

bool contains(const std::vector<std::uint32_t>& set, std::uint32_t h) { return std::binary_search(set.begin(), set.end(), h); }

struct Text {
  std::vector<Gram> grams;
  std::vector<std::uint32_t> set;
};

// Dice of a gram set against a license, its optional part counted only where the text has it.
double similarity(const std::vector<std::uint32_t>& set, const Entry& e) {
  if (set.empty()) return 0;
  double in_required = static_cast<double>(shared_count(set, e.fingerprint.required));
  double in_optional = static_cast<double>(shared_count(set, e.fingerprint.optional));
  return 2 * (in_required + in_optional) / (static_cast<double>(set.size() + e.fingerprint.required.size()) + in_optional);
}

// Share of a gram set that the license knows.
double contained_share(const std::vector<std::uint32_t>& set, const Entry& e) {
  if (set.empty()) return 0;
  return static_cast<double>(shared_count(set, e.fingerprint.required) + shared_count(set, e.fingerprint.optional)) /
         static_cast<double>(set.size());
}

// The best candidate's view of the text: which lines it does not know, and how near the rest is.
struct Scored {
  const Entry* entry = nullptr;
  double whole = 0;                   // similarity of the whole text
  double core = 0;                    // similarity of the text without its added lines
  double contained = 0;               // share of that rest the license knows
  std::vector<std::uint32_t> core_set;
  std::vector<std::uint32_t> added;   // line numbers
  std::size_t added_grams = 0;
  std::size_t missing = 0;            // required trigrams absent from the text
};

Scored score(const Text& text, const Entry& e, double whole) {
  Scored s{&e, whole, 0, 0, {}, {}, 0, 0};
  // A line is added when most of its trigrams are unknown to the license, and more than one word
  // changed (a misspelt word touches at most three trigrams).
  std::map<std::uint32_t, std::pair<std::size_t, std::size_t>> per_line;  // line -> (grams, known)
  for (const auto& g : text.grams) {
    auto& [total, known] = per_line[g.line];
    ++total;
    if (contains(e.fingerprint.required, g.hash) || contains(e.fingerprint.optional, g.hash)) ++known;
  }
  for (const auto& [line, counts] : per_line) {
    std::size_t unknown = counts.first - counts.second;
    if (unknown >= kMinAddedGrams && unknown > counts.second) s.added.push_back(line), s.added_grams += counts.first;
  }
  std::vector<Gram> core;
  for (const auto& g : text.grams)
    if (!std::binary_search(s.added.begin(), s.added.end(), g.line)) core.push_back(g);
  s.core_set = gram_set(core);
  s.core = similarity(s.core_set, e);
  s.contained = contained_share(s.core_set, e);
  s.missing = e.fingerprint.required.size() - shared_count(text.set, e.fingerprint.required);
  return s;
}

std::vector<std::string_view> split_keep(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// A short title or note before the license begins ("The MIT License (MIT)", "Foo is under the ISC
// license:") is a header, not a change to the license; it is dropped from the added lines.
void drop_header(const Text& text, std::vector<std::uint32_t>& added) {
  std::uint32_t first_known = 0;
  for (const auto& g : text.grams)
    if (!std::binary_search(added.begin(), added.end(), g.line)) {
      first_known = g.line;
      break;
    }
  std::size_t header_grams = 0;
  for (const auto& g : text.grams) header_grams += g.line < first_known;
  if (first_known == 0 || header_grams > kMaxHeaderGrams) return;
  added.erase(added.begin(), std::lower_bound(added.begin(), added.end(), first_known));
}

LicenseIdentification identify(std::string_view text, const std::vector<Entry>& entries, int depth) {
  LicenseIdentification result;
  Text t{text_grams(text.substr(0, std::min(text.size(), kMaxText))), {}};
  t.set = gram_set(t.grams);
  if (t.set.size() < kMinGrams) {
    result.note = "too little text to identify";
    return result;
  }
  std::vector<std::pair<double, const Entry*>> ranked;
  for (const auto& e : entries) {
    double s = similarity(t.set, e);
    if (s >= kMinCandidate) ranked.emplace_back(s, &e);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  if (ranked.size() > kShortlist) ranked.resize(kShortlist);
  for (std::size_t i = 0; i < ranked.size() && i < 3; ++i) result.candidates.push_back({ranked[i].second->info, ranked[i].first});
  if (ranked.empty()) {
    result.note = "no known license is near";
    return result;
  }

  const Scored best = score(t, *ranked[0].second, ranked[0].first);
  double rival = 0, rival_contained = 0;  // the runner-up, judged on the same lines as the best
  for (std::size_t i = 1; i < ranked.size(); ++i) {
    rival = std::max(rival, similarity(best.core_set, *ranked[i].second));
    rival_contained = std::max(rival_contained, contained_share(best.core_set, *ranked[i].second));
  }
  bool only_removed = best.contained >= kMinContained && best.added_grams * 50 <= t.grams.size();
  bool near = best.core >= kMinCore || (best.core >= kMinCoreContained && only_removed);
  // With wording removed, similarity falls for every version alike; which version holds the rest
  // of the text then tells them apart.
  bool ahead = kClearAhead * (1 - best.core) <= 1 - rival ||
               (only_removed && 1 - rival_contained >= kMinContainedGap &&
                kClearAhead * (1 - best.contained) <= 1 - rival_contained);
  bool clear = near && ahead;
  if (!clear) {
    result.note = "no known license is clearly nearest";
    return result;
  }

  auto lines = split_keep(text);
  std::vector<std::uint32_t> added = best.added;
  std::optional<LicenseCandidate> other;
  if (depth == 0 && best.added_grams >= kMinOtherGrams) {
    // A second license appended to the first (Apache-2.0 followed by a third-party MIT notice).
    std::string rest;
    for (std::uint32_t n = 1; n <= lines.size(); ++n) {
      if (std::binary_search(added.begin(), added.end(), n)) rest.append(lines[n - 1]);
      rest.push_back('\n');
    }
    LicenseIdentification found = identify(rest, entries, depth + 1);
    if (found.license && found.license->id != best.entry->info.id) {
      other = LicenseCandidate{*found.license, found.similarity};
      added.clear();
      for (const auto& l : found.added) added.push_back(l.line);
    }
  }
  drop_header(t, added);
  std::size_t added_grams = 0;
  for (const auto& g : t.grams) added_grams += std::binary_search(added.begin(), added.end(), g.line);
  double added_share = static_cast<double>(added_grams) / static_cast<double>(t.grams.size());
  double required = static_cast<double>(best.entry->fingerprint.required.size());
  double missing_share = static_cast<double>(best.missing) / required;
  // The matched part must be the larger part of the text: a README that quotes a license is not it.
  if (added_share > 0.5) {
    result.note = "most of the text is not license text";
    return result;
  }
  // Wording both added and removed throughout is another text (another version), not a variant.
  if (added_share > kMaxRewritten && missing_share > kMaxRewritten) {
    result.note = "the nearest license differs from this text in many places";
    return result;
  }
  result.license = best.entry->info;
  result.similarity = best.whole;
  result.candidates.clear();
  result.missing = missing_share;
  if (other) result.also.push_back(*other);
  bool removed = best.missing >= kMinMissing && best.missing >= kMinMissingShare * required;
  for (std::uint32_t n : added) {
    if (result.added.size() >= kMaxAddedLines) break;
    if (n >= 1 && n <= lines.size()) result.added.push_back({n, std::string(cap_utf8(trim(lines[n - 1]), 300))});
  }
  result.status = added.empty() && !removed ? "identified" : "modified";
  return result;
}

}  // namespace

LicenseIdentification identify_among(std::string_view text, const std::vector<KnownText>& known) {
  try {
    return identify(text, known, 0);
  } catch (const std::exception& e) {  // allocation failure on a huge text: report, never throw
    LicenseIdentification failed;
    failed.note = std::string("cannot identify: ") + e.what();
    return failed;
  }
}

LicenseIdentification identify_license(std::string_view text) { return identify_among(text, known_texts()); }

std::vector<KnownLicense> known_licenses() {
  std::vector<KnownLicense> out;
  for (const auto& e : known_texts()) out.push_back(e.info);
  return out;
}

}  // namespace openlock
