#include "score/lineage.hpp"

#include <gtest/gtest.h>

using namespace openlock;

namespace {

Model model(std::string path, std::string name, std::string kind, std::vector<std::string> clauses,
            std::vector<std::string> bases = {}) {
  Model m;
  m.path = std::move(path);
  m.name = std::move(name);
  m.license.kind = kind;
  m.license.expression = kind == "osi" ? "MIT" : "LicenseRef-" + m.name;
  for (const auto& c : clauses) m.license.clauses.push_back({c, "says " + c, {m.path, 3, 1}, ""});
  for (auto& b : bases) m.base_model.push_back({b, "finetune"});
  return m;
}

std::size_t count(const std::vector<Fact>& facts, const std::string& kind) {
  return static_cast<std::size_t>(std::count_if(facts.begin(), facts.end(), [&](const Fact& f) { return f.kind == kind; }));
}

}  // namespace

TEST(Lineage, DutiesFlowDownAChainWhateverTheOrder) {
  std::vector<Model> models = {model("q/README.md", "Heron-q4", "osi", {}, {"org/heron-chat"}),
                               model("c/README.md", "Heron-chat", "open-weight", {}, {"org/Heron"}),
                               model("b/README.md", "Heron", "open-weight", {"naming", "revocable", "mau_cap"})};
  std::vector<Fact> facts;
  apply_lineage(models, facts);
  std::vector<std::string> q;
  for (const auto& c : models[0].license.clauses) q.push_back(c.kind);
  EXPECT_EQ(q, (std::vector<std::string>{"naming", "mau_cap"})) << "revocable is the licensor's right, not a duty passed on";
  EXPECT_NE(models[0].license.clauses[0].evidence.find("inherited from the base model Heron:"), std::string::npos);
  EXPECT_EQ(count(facts, "lineage_conflict"), 1u) << "only the OSI quantisation sheds a restrictive base";
}

TEST(Lineage, UnknownBasesAndUnknownLicensesChangeNothing) {
  std::vector<Model> models = {model("a/README.md", "A", "osi", {}, {"elsewhere/Z"}),
                               model("b/README.md", "B", "unknown", {}, {"x/C"}),
                               model("c/README.md", "C", "open-weight", {"naming"})};
  std::vector<Fact> facts;
  apply_lineage(models, facts);
  EXPECT_TRUE(models[0].license.clauses.empty());
  EXPECT_EQ(models[1].license.clauses.size(), 1u);
  EXPECT_EQ(count(facts, "lineage_conflict"), 0u) << "an unknown license is never called more permissive";
}
