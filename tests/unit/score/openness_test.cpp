// Scan-side openness: small model repositories written here, audited whole.
#include "score/openness.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "openlock/auditor.hpp"
#include "openlock/openness.hpp"

#include <sstream>

using namespace openlock;
namespace fs = std::filesystem;

namespace {

struct Repo {
  fs::path root = fs::temp_directory_path() / ("openlock-openness-" + std::to_string(::getpid()));
  Repo() { fs::create_directories(root); }
  ~Repo() { fs::remove_all(root); }
  void write(const std::string& rel, const std::string& text) const {
    fs::create_directories((root / rel).parent_path());
    std::ofstream(root / rel) << text;
  }
  AuditResult audit() const {
    AuditOptions options;
    options.targets = {root.string()};
    AuditResult result;
    AuditError error;
    EXPECT_TRUE(Auditor(options).audit(result, error)) << error.message;
    return result;
  }
};

const ComponentEvidence& component(const Model& m, const std::string& name) {
  for (const auto& e : m.openness.evidence)
    if (e.name == name) return e;
  static ComponentEvidence none;
  ADD_FAILURE() << "no component " << name;
  return none;
}

const char* kOpenCard =
    "---\n"
    "license: apache-2.0\n"
    "datasets:\n  - example-org/web-text\n"
    "model-index:\n  - name: Wren-1B\n    results: []\n"
    "---\n"
    "# Wren-1B\n\n"
    "## Training data\n\nWe trained on web text; see the dataset page https://huggingface.co/datasets/example-org/web-text.\n\n"
    "## Evaluation\n\nScores are in the table below.\n\n"
    "The paper: https://arxiv.org/abs/2501.01234\n";

}  // namespace

TEST(Openness, ARepositoryThatPublishesTheModelReachesClassThree) {
  Repo repo;
  repo.write("README.md", kOpenCard);
  repo.write("model.safetensors", "weights");
  repo.write("config.json", "{}");
  repo.write("train/run.py", "print('train')\n");
  repo.write("eval/score.py", "print('eval')\n");
  AuditResult r = repo.audit();
  ASSERT_EQ(r.models.size(), 1u);
  const Model& m = r.models[0];
  ASSERT_TRUE(m.openness.evaluated);
  EXPECT_EQ(component(m, "Model parameters (Final)").status, "open");
  EXPECT_EQ(component(m, "Model parameters (Final)").source, "file");
  EXPECT_EQ(component(m, "Model parameters (Final)").evidence, "model.safetensors");
  EXPECT_EQ(component(m, "Model architecture").evidence, "config.json");
  EXPECT_EQ(component(m, "Data card").source, "link");  // a dataset page is its card
  EXPECT_EQ(component(m, "Evaluation results").source, "front_matter");
  EXPECT_EQ(component(m, "Technical report").status, "absent");  // the paper stands in for it
  EXPECT_EQ(component(m, "Research paper").location.line, 19u);
  EXPECT_EQ(component(m, "Training code").evidence, "train/run.py");
  EXPECT_EQ(component(m, "Datasets").license, "Apache-2.0");
  EXPECT_EQ(m.openness.model_class, "III");
  EXPECT_DOUBLE_EQ(m.openness.progress_class3, 100.0);
  EXPECT_GT(m.openness.score, 60);
}

TEST(Openness, TheSameFilesUnderARestrictiveLicenseAreNotOpen) {
  Repo repo;
  std::string card = kOpenCard;
  card.replace(card.find("apache-2.0"), 10, "llama3.1");
  repo.write("README.md", card);
  repo.write("model.safetensors", "weights");
  repo.write("config.json", "{}");
  AuditResult r = repo.audit();
  ASSERT_EQ(r.models.size(), 1u);
  const Model& m = r.models[0];
  EXPECT_EQ(component(m, "Model parameters (Final)").status, "not_open");
  EXPECT_EQ(m.openness.model_class, "none");
  EXPECT_LT(m.openness.score, 40) << "restricted components and the license's clauses cost points";
}

TEST(Openness, NoLicenseMeansUnlicensedComponents) {
  Repo repo;
  repo.write("README.md", "---\ntags: [text]\n---\n# Bare\n");
  repo.write("weights/model.gguf", "x");
  AuditResult r = repo.audit();
  ASSERT_EQ(r.models.size(), 1u);
  EXPECT_EQ(component(r.models[0], "Model parameters (Final)").status, "unlicensed");
  EXPECT_EQ(component(r.models[0], "Model card").status, "unlicensed");
}

TEST(Openness, EachCardOwnsItsFolderButNotADeeperCardsFolder) {
  Repo repo;
  repo.write("README.md", "---\nlicense: mit\n---\n# Parent\n");
  repo.write("child/README.md", "---\nlicense: mit\n---\n# Child\n");
  repo.write("child/model.safetensors", "x");
  AuditResult r = repo.audit();
  ASSERT_EQ(r.models.size(), 2u);
  EXPECT_EQ(component(r.models[0], "Model parameters (Final)").status, "absent") << r.models[0].path;
  EXPECT_EQ(component(r.models[1], "Model parameters (Final)").status, "open") << r.models[1].path;
}

TEST(Openness, AReadmeWithoutFrontMatterIsAModelOnlyWhenItReadsLikeOne) {
  Repo repo;
  repo.write("README.md", "# Tool\n\n## Installation\n\n## Usage\n\n## Citation\n");
  EXPECT_TRUE(repo.audit().models.empty()) << "a project README is not a model card";
  repo.write("README.md", "# Wren\n\n## Model details\n\n## Intended use\n\n## Limitations\n");
  AuditResult r = repo.audit();
  ASSERT_EQ(r.models.size(), 1u);
  EXPECT_EQ(r.models[0].name, "Wren");
}

TEST(Openness, ACardWithoutFrontMatterTakesTheLicenseItsLicenseSectionGivesTheModel) {
  Repo repo;
  auto license_of = [&](const std::string& section) {
    repo.write("README.md", "# Wren\n\n## Model details\n\n## Intended use\n\n## License\n\n" + section + "\n");
    AuditResult r = repo.audit();
    return r.models.empty() ? std::string("no model") : r.models[0].license.expression + " " + r.models[0].license.kind;
  };
  EXPECT_EQ(license_of("```\n   Licensed under the Apache License, Version 2.0 (the \"License\");\n```"), "Apache-2.0 osi");
  EXPECT_EQ(license_of("The code and the model weights are released under the MIT License."), "MIT osi");
  // The code's license is not the model's when the section says the weights have their own.
  EXPECT_EQ(license_of("This code repository is licensed under the MIT License. The models are subject to the Model License."), " unknown");
  EXPECT_EQ(license_of("The code is under the Apache-2.0 license, while the weights need the Wren License."), " unknown");
  EXPECT_EQ(license_of("Code and weights are released under a modified MIT License."), " unknown");
}

TEST(Openness, UsageSectionsHarnessLinksAndCodeBlockLinksAreComponentEvidence) {
  Repo repo;
  repo.write("README.md",
             "# Wren\n\n## Model details\n\n## Intended use\n\n## Limitations\n\n## Quickstart\n\n```\ngit lfs clone https://huggingface.co/datasets/ex/wren-pretraining\n```\n\n"
             "## Evaluation\n\nScored with the [evaluation harness](https://github.com/ex/eval-harness).\n\n"
             "Data was tokenized with [our toolkit](https://github.com/ex/toolkit).\n");
  repo.write("scripts/prepare_memmap_dataset.py", "");
  AuditResult r = repo.audit();
  ASSERT_EQ(r.models.size(), 1u);
  EXPECT_EQ(component(r.models[0], "Inference code").source, "section");
  EXPECT_EQ(component(r.models[0], "Datasets").source, "link");
  EXPECT_EQ(component(r.models[0], "Evaluation data").evidence, "Scored with the [evaluation harness](https://github.com/ex/eval-harness).");
  EXPECT_EQ(component(r.models[0], "Data preprocessing code").source, "file");
  EXPECT_EQ(component(r.models[0], "Training code").status, "absent") << "a harness or toolkit link is not training code";
}

TEST(Openness, ArtefactsAreKnownByNameAndFolder) {
  EXPECT_EQ(artefact_component("a/pytorch_model-00001-of-00002.bin"), "Model parameters (Final)");
  EXPECT_EQ(artefact_component("scripts/training/launch.sh"), "Training code");
  EXPECT_EQ(artefact_component("checkpoints/step1000/weights.txt"), "Model parameters (Intermediate)");
  EXPECT_FALSE(artefact_component("src/main.cpp"));
  EXPECT_FALSE(artefact_component("docs/trainers.md"));
  EXPECT_EQ(artefact_component("Scripts/Training/launch.sh"), "Training code") << "folder names in any case";
  EXPECT_EQ(artefact_component("out/MODEL.SafeTensors"), "Model parameters (Final)");
}

TEST(Openness, AFoldersAnswerIsKeptOnlyForThatFolder) {  // files come folder by folder
  EXPECT_EQ(artefact_component("scripts/training/a.sh"), "Training code");
  EXPECT_EQ(artefact_component("scripts/training/b.sh"), "Training code");
  EXPECT_FALSE(artefact_component("scripts/b.sh")) << "the parent folder is not the training folder";
  EXPECT_FALSE(artefact_component("b.sh"));
  EXPECT_EQ(artefact_component("scripts/training/deeper/b.sh"), "Training code");
  EXPECT_EQ(artefact_component("scripts/b.safetensors"), "Model parameters (Final)") << "the name still counts";
}

TEST(Openness, TheMofRecordOfAScanEvaluatesToTheSameClass) {
  Repo repo;
  repo.write("README.md", kOpenCard);
  repo.write("model.safetensors", "weights");
  repo.write("config.json", "{}");
  repo.write("train/run.py", "print('train')\n");
  AuditResult r = repo.audit();
  ASSERT_EQ(r.models.size(), 1u);
  std::ostringstream record;
  write_mof_record(r.models[0], record);
  MofEvaluation e = evaluate_mof(record.str());
  ASSERT_TRUE(e.ok) << e.error << "\n" << record.str();
  EXPECT_EQ(e.name, "Wren-1B");
  EXPECT_EQ(mof_class_name(e.model_class), r.models[0].openness.model_class);
  EXPECT_DOUBLE_EQ(e.progress_class3, r.models[0].openness.progress_class3);
  EXPECT_DOUBLE_EQ(e.progress_class2, r.models[0].openness.progress_class2);
  EXPECT_NE(record.str().find("openlock found file model.safetensors"), std::string::npos) << record.str();
}
