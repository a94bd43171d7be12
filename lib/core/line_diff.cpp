#include "core/line_diff.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>

namespace openlock {

namespace {

// Line comparisons one search may make before it gives up like an over-long script does: with
// the edit cap alone, long runs of equal lines on many diagonals could still cost N * max_edits.
constexpr std::uint64_t kMaxComparisons = std::uint64_t{1} << 26;

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

// Myers' greedy search for a shortest edit script from `a` to `b` (lines as numbers), then a walk
// back along it marking the lines of `b` it inserts. False when the script needs more than
// `max_edits` edits or the comparison budget runs out.
bool shortest_edit(const std::vector<std::int32_t>& a, const std::vector<std::int32_t>& b, std::size_t max_edits,
                   std::vector<bool>& inserted) {
  const auto n = static_cast<std::int64_t>(a.size());
  const auto m = static_cast<std::int64_t>(b.size());
  const std::int64_t limit = std::min(static_cast<std::int64_t>(max_edits), n + m);
  const std::int64_t off = limit + 1;
  std::vector<std::int64_t> furthest(static_cast<std::size_t>(2 * limit + 3), 0);  // x reached on diagonal k = x - y
  // `furthest` after step d, diagonals -d..d, is kept at trace[d*d + d + k] for the walk back.
  std::vector<std::int64_t> trace;
  std::uint64_t comparisons = 0;
  std::int64_t edits = -1;
  auto v = [&](std::int64_t k) -> std::int64_t& { return furthest[static_cast<std::size_t>(off + k)]; };
  for (std::int64_t d = 0; d <= limit && edits < 0; ++d) {
    for (std::int64_t k = -d; k <= d; k += 2) {
      std::int64_t x = (k == -d || (k != d && v(k - 1) < v(k + 1))) ? v(k + 1) : v(k - 1) + 1;
      std::int64_t y = x - k;
      while (x < n && y < m && a[static_cast<std::size_t>(x)] == b[static_cast<std::size_t>(y)]) ++x, ++y, ++comparisons;
      v(k) = x;
      if (x >= n && y >= m) {
        edits = d;
        break;
      }
    }
    if (comparisons > kMaxComparisons) return false;
    trace.insert(trace.end(), furthest.begin() + off - d, furthest.begin() + off + d + 1);
  }
  if (edits < 0) return false;
  std::int64_t x = n, y = m;
  for (std::int64_t d = edits; d > 0; --d) {
    auto before = [&](std::int64_t k) { return trace[static_cast<std::size_t>((d - 1) * (d - 1) + (d - 1) + k)]; };
    const std::int64_t k = x - y;
    const bool down = k == -d || (k != d && before(k - 1) < before(k + 1));  // down = b gains a line
    const std::int64_t prev_k = down ? k + 1 : k - 1;
    const std::int64_t prev_x = before(prev_k);
    const std::int64_t prev_y = prev_x - prev_k;
    if (down) inserted[static_cast<std::size_t>(prev_y)] = true;
    x = prev_x;
    y = prev_y;
  }
  return true;
}

}  // namespace

LineChanges diff_lines(std::string_view old_text, std::string_view new_text, std::size_t max_edits) {
  const auto a = split_lines(old_text);
  const auto b = split_lines(new_text);
  std::size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
  std::size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) ++tail;
  const std::size_t old_middle = a.size() - head - tail;
  const std::size_t new_middle = b.size() - head - tail;

  LineChanges changes;
  changes.differs = old_middle > 0 || new_middle > 0;
  auto line_number = [&](std::size_t i) { return static_cast<std::uint32_t>(head + i + 1); };
  std::vector<bool> inserted(new_middle, true);
  if (old_middle > 0 && new_middle > 0) {
    // Lines as numbers: one hash per line, then integer compares in the search.
    std::unordered_map<std::string_view, std::int32_t> ids;
    auto number = [&](std::string_view line) {
      return ids.try_emplace(line, static_cast<std::int32_t>(ids.size())).first->second;
    };
    std::vector<std::int32_t> old_ids, new_ids;
    old_ids.reserve(old_middle);
    new_ids.reserve(new_middle);
    for (std::size_t i = 0; i < old_middle; ++i) old_ids.push_back(number(a[head + i]));
    for (std::size_t i = 0; i < new_middle; ++i) new_ids.push_back(number(b[head + i]));
    std::vector<bool> found(new_middle, false);
    if (shortest_edit(old_ids, new_ids, max_edits, found)) inserted = std::move(found);
  }
  for (std::size_t i = 0; i < new_middle; ++i)
    if (inserted[i]) changes.added.push_back(line_number(i));
  return changes;
}

}  // namespace openlock
