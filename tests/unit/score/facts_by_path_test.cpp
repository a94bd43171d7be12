#include "score/facts_by_path.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace openlock;

namespace {

std::vector<Fact> facts_at(const std::vector<std::string>& paths) {
  std::vector<Fact> facts;
  for (std::size_t i = 0; i < paths.size(); ++i) facts.push_back({"heading", {paths[i], 1, 1}, std::to_string(i), {}});
  return facts;
}

// The evidence is each fact's position: the view must keep the original order.
std::vector<std::string> order(const FactRefs& refs) {
  std::vector<std::string> out;
  for (const auto& f : refs) out.push_back(f.location.path + "#" + f.evidence);
  return out;
}

}  // namespace

TEST(FactsByPath, UnderAFolderIsItsSubtreeInTheOriginalOrder) {
  auto facts = facts_at({"m/b/README.md", "README.md", "m/README.md", "m-other/x", "m", "m/README.md", "m0/y", "n/m/z"});
  FactsByPath index(facts);
  EXPECT_EQ(order(index.under("m")), (std::vector<std::string>{"m/b/README.md#0", "m/README.md#2", "m/README.md#5"}));
  EXPECT_EQ(order(index.under("m/b")), (std::vector<std::string>{"m/b/README.md#0"}));
  EXPECT_TRUE(order(index.under("absent")).empty());
}

TEST(FactsByPath, TheRootHoldsEverything) {
  auto facts = facts_at({"b", "a/x", "a"});
  EXPECT_EQ(order(FactsByPath(facts).under("")), (std::vector<std::string>{"b#0", "a/x#1", "a#2"}));
}
