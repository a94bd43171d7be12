// Inputs for the fuzz targets that look for work growing faster than the file (one long line with
// many matches, a key with many parts): a short recipe the mutator edits, expanded to the text.
//   COUNT '\n' PREFIX '\x01' UNIT '\x01' SUFFIX
// gives PREFIX, then COUNT copies of UNIT (each '\x02' in a copy becomes the copy's number, so
// keys can differ), then SUFFIX. A missing COUNT is 1; the text stops growing at kMaxExpanded.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace openlock::fuzz {

// Large enough for the reproducers of the long-line and dotted-key defects (80-550 KB), small
// enough that one input stays within libFuzzer's per-input time and memory limits when linear.
constexpr std::size_t kMaxExpanded = 1 << 20;
constexpr std::size_t kMaxCount = 1'000'000;

inline std::string expand_recipe(std::string_view recipe) {
  std::size_t count = 0, i = 0;
  for (; i < recipe.size() && i < 7 && recipe[i] >= '0' && recipe[i] <= '9'; ++i) count = count * 10 + (recipe[i] - '0');
  if (i == 0) count = 1;
  if (i < recipe.size() && recipe[i] == '\n') ++i;
  recipe.remove_prefix(i);
  std::string_view prefix = recipe.substr(0, recipe.find('\x01')), unit, suffix;
  if (prefix.size() < recipe.size()) {
    std::string_view rest = recipe.substr(prefix.size() + 1);
    unit = rest.substr(0, rest.find('\x01'));
    if (unit.size() < rest.size()) suffix = rest.substr(unit.size() + 1);
  }
  std::string text(prefix.substr(0, kMaxExpanded));
  for (std::size_t n = 0; n < count && n < kMaxCount && !unit.empty(); ++n) {
    std::string copy;
    for (char c : unit) {
      if (c == '\x02') copy += std::to_string(n);
      else copy += c;
    }
    if (text.size() + copy.size() > kMaxExpanded) break;
    text += copy;
  }
  text += suffix.substr(0, kMaxExpanded - text.size());
  return text;
}

}  // namespace openlock::fuzz
