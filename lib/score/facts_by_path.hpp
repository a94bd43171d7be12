// The model stage looks, for each model, at the facts of its card and of its folder. Scanning
// every fact once per model is quadratic on a tree with many cards; this index finds a folder's
// facts by binary search and lists them in their original order, so results do not change.
#pragma once

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

#include "core/fact.hpp"

namespace openlock {

/// Some facts, held by pointer, iterated as `const Fact&` (a range-for over them reads like one
/// over a std::vector<Fact>).
class FactRefs {
 public:
  struct iterator {
    std::vector<const Fact*>::const_iterator at;
    const Fact& operator*() const { return **at; }
    const Fact* operator->() const { return *at; }
    iterator& operator++() { return ++at, *this; }
    bool operator==(const iterator&) const = default;
  };
  FactRefs() = default;
  explicit FactRefs(std::vector<const Fact*> facts) : facts_(std::move(facts)) {}
  explicit FactRefs(const std::vector<Fact>& facts) {
    facts_.reserve(facts.size());
    for (const auto& f : facts) facts_.push_back(&f);
  }
  iterator begin() const { return {facts_.begin()}; }
  iterator end() const { return {facts_.end()}; }
  std::size_t size() const { return facts_.size(); }

 private:
  std::vector<const Fact*> facts_;
};

/// The facts of a vector by path. The vector must outlive the index and not grow meanwhile.
class FactsByPath {
 public:
  explicit FactsByPath(const std::vector<Fact>& facts) : facts_(facts) {
    by_path_.reserve(facts.size());
    for (std::size_t i = 0; i < facts.size(); ++i) by_path_.emplace_back(facts[i].location.path, i);
    std::sort(by_path_.begin(), by_path_.end());
  }

  /// Facts whose path is in `folder` or below it ("" is the root: all of them), in their order.
  FactRefs under(std::string_view folder) const {
    if (folder.empty()) return FactRefs(facts_);
    // Paths starting "folder/" sort together, between "folder/" and "folder0" ('0' follows '/').
    std::string from = std::string(folder) + "/", to = std::string(folder) + "0";
    auto first = std::lower_bound(by_path_.begin(), by_path_.end(), std::pair<std::string_view, std::size_t>(from, 0));
    auto last = std::lower_bound(first, by_path_.end(), std::pair<std::string_view, std::size_t>(to, 0));
    std::vector<std::size_t> at;
    for (auto it = first; it != last; ++it) at.push_back(it->second);
    std::sort(at.begin(), at.end());
    std::vector<const Fact*> out;
    out.reserve(at.size());
    for (std::size_t i : at) out.push_back(&facts_[i]);
    return FactRefs(std::move(out));
  }

 private:
  const std::vector<Fact>& facts_;
  std::vector<std::pair<std::string_view, std::size_t>> by_path_;
};

}  // namespace openlock
