// The model stage on inputs that made it quadratic: a card listing one license 100 000 times (D5)
// and a hub mirror of 20 000 cards (D18). Each case finishes in well under a second when the
// stage is linear and takes minutes when it is not; the limits leave room for sanitizer builds.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "core/text.hpp"
#include "score/facts_by_path.hpp"
#include "score/lineage.hpp"
#include "score/models.hpp"
#include "score/openness.hpp"

using namespace openlock;

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr double kLimitSeconds = 60;  // Debug + ASan runs this code about 10x slower
#else
constexpr double kLimitSeconds = 20;
#endif

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

Fact card_license(const std::string& card, unsigned line, const std::string& id) {
  Fact f{"license", {card, line, 3}, "- " + id, {}};
  f.set("id", id).set("source", "card");
  return f;
}

Fact license_text(const std::string& path, const std::string& expression) {
  Fact f{"license_text", {path, 1, 1}, "", {}};
  f.set("expression", expression).set("name", expression + " License").set("role", "license");
  f.set("status", "identified").set("similarity", "99").set("known_kind", "permissive").set("osi", "true");
  return f;
}

Fact model_fact(const std::string& card, const std::string& base) {
  Fact f{"model", {card, 2, 1}, "---", {}};
  if (!base.empty()) f.set("base_model", base);
  return f;
}

Fact base_model_field(const std::string& card) {
  Fact f{"card_field", {card, 4, 1}, "base_model: a/b", {}};
  f.set("field", "base_model");
  return f;
}

// The model stage as the Auditor runs it.
std::vector<Model> model_stage(std::vector<Fact>& facts) {
  add_inferred_models(facts);
  resolve_card_licenses(facts);
  compare_declared_licenses(facts);
  std::vector<Model> models = collect_models(facts);
  apply_lineage(models, facts);
  const FactsByPath index(facts);
  for (auto& model : models) evaluate_openness(model, index.under(folder_of(model.path)));
  return models;
}

std::size_t count(const std::vector<Fact>& facts, const std::string& kind) {
  return static_cast<std::size_t>(std::count_if(facts.begin(), facts.end(), [&](const Fact& f) { return f.kind == kind; }));
}

}  // namespace

// D5: each of the card's license facts used to compare itself with every fact of its folder.
TEST(Quadratic, CardListingALicense100000TimesIsOneLicense) {
  std::vector<Fact> facts = {model_fact("README.md", ""), license_text("LICENSE", "Apache-2.0")};
  facts.push_back(Fact{"license_prose", {"README.md", 200010, 1}, "This model is licensed under the MIT License.", {}});
  for (unsigned i = 0; i < 100000; ++i) facts.push_back(card_license("README.md", i + 3, "mit"));
  auto start = std::chrono::steady_clock::now();
  std::vector<Model> models = model_stage(facts);
  EXPECT_LT(seconds_since(start), kLimitSeconds);
  ASSERT_EQ(models.size(), 1u);
  EXPECT_EQ(models[0].license.expression, "MIT") << "a license listed twice is still one choice";
  EXPECT_EQ(models[0].license.declared, "mit");
  EXPECT_EQ(count(facts, "license_mismatch"), 1u) << "the LICENSE beside the card (Apache-2.0) disagrees, once";
}

TEST(Quadratic, RepeatedLicensesKeepTheOrderTheyFirstCameIn) {
  std::vector<Fact> facts = {model_fact("m/README.md", "")};
  unsigned line = 3;
  for (const char* id : {"apache-2.0", "mit", "apache-2.0", "bsd-3-clause", "mit"})
    facts.push_back(card_license("m/README.md", line++, id));
  std::vector<Model> models = model_stage(facts);
  ASSERT_EQ(models.size(), 1u);
  EXPECT_EQ(models[0].license.expression, "Apache-2.0 OR MIT OR BSD-3-Clause");
  EXPECT_EQ(models[0].license.declared, "apache-2.0, mit, bsd-3-clause");
}

// D18: every model looked for its base among all models; a root card also compared each of its
// folder's files with every card below it.
TEST(Quadratic, HubMirrorOf20000CardsUnderARootCard) {
  std::vector<Fact> facts = {model_fact("README.md", ""), card_license("README.md", 3, "llama3")};
  for (int i = 0; i < 20000; ++i) {
    std::string folder = "m" + std::to_string(i), card = folder + "/README.md";
    facts.push_back(model_fact(card, "a/b"));
    facts.push_back(base_model_field(card));
    facts.push_back(card_license(card, 3, "mit"));
    facts.push_back(license_text(folder + "/LICENSE", "MIT"));
    Fact weights{"model_file", {folder + "/model.safetensors", 0, 0}, folder + "/model.safetensors", {}};
    facts.push_back(weights.set("component", "Model parameters (Final)").set("size", "10"));
  }
  auto start = std::chrono::steady_clock::now();
  std::vector<Model> models = model_stage(facts);
  EXPECT_LT(seconds_since(start), kLimitSeconds);
  ASSERT_EQ(models.size(), 20001u);
  EXPECT_EQ(models[1].license.expression, "MIT");
  EXPECT_EQ(count(facts, "lineage_conflict"), 0u) << "no card of the scan is named b";
}

TEST(Quadratic, LongLineageChainListedBaseLast) {
  // m0 <- m1 <- ... <- m4999, in the order that took one pass per link to settle.
  std::vector<Model> models;
  for (int i = 4999; i >= 0; --i) {
    Model m;
    m.path = "m" + std::to_string(i) + "/README.md";
    m.name = "m" + std::to_string(i);
    m.license.kind = i == 0 ? "non-commercial" : "osi";
    if (i == 0) m.license.clauses.push_back({"non_commercial", "non-commercial use only", {m.path, 5, 1}, ""});
    if (i > 0) m.base_model.push_back({"org/m" + std::to_string(i - 1), "finetune"});
    models.push_back(std::move(m));
  }
  std::vector<Fact> facts;
  auto start = std::chrono::steady_clock::now();
  apply_lineage(models, facts);
  EXPECT_LT(seconds_since(start), kLimitSeconds);
  ASSERT_EQ(models.front().license.clauses.size(), 1u) << "the duty reaches the end of the chain";
  EXPECT_EQ(models.front().license.clauses[0].evidence, "inherited from the base model m0: non-commercial use only");
  EXPECT_EQ(count(facts, "lineage_conflict"), 1u) << "only m1 is more open than its own base";
}

TEST(Quadratic, LineageCycleEnds) {
  std::vector<Model> models(3);
  for (int i = 0; i < 3; ++i) {
    models[i].path = "c" + std::to_string(i) + "/README.md";
    models[i].name = "c" + std::to_string(i);
    models[i].license.kind = "open-weight";
    models[i].base_model.push_back({"org/c" + std::to_string((i + 1) % 3), "finetune"});
  }
  models[0].license.clauses.push_back({"naming", "say the name", {models[0].path, 3, 1}, ""});
  models[1].license.clauses.push_back({"mau_cap", "700M users", {models[1].path, 3, 1}, ""});
  std::vector<Fact> facts;
  apply_lineage(models, facts);
  for (const auto& m : models) EXPECT_EQ(m.license.clauses.size(), 2u) << m.name << " carries both duties of the cycle";
}
