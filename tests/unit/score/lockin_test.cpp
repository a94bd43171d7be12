#include "score/lockin.hpp"

#include <gtest/gtest.h>

using namespace openlock;

namespace {
Finding finding(std::string category, Severity severity, std::string vendor, std::string fp,
                std::string confidence = "high", std::string context = "product", bool mitigates = false) {
  Finding f;
  f.category = std::move(category);
  f.severity = severity;
  f.vendor = std::move(vendor);
  f.fingerprint = std::move(fp);
  f.confidence = std::move(confidence);
  f.context = std::move(context);
  f.mitigates = mitigates;
  f.rule_id = f.category + ".rule";
  f.location.path = "src/" + f.fingerprint;  // each finding its own place unless a test says otherwise
  return f;
}
}  // namespace

TEST(LockinScore, NothingIsNone) {
  Lockin l = score_lockin({});
  EXPECT_EQ(l.hardware.score, 0);
  EXPECT_EQ(l.hardware.level, "none");
  EXPECT_TRUE(l.hardware.vendors.empty());
}

TEST(LockinScore, EvidenceOnlyInTestsIsNone) {
  Lockin l = score_lockin({finding("lockin.cloud", Severity::high, "aws", "3", "high", "test")});
  EXPECT_EQ(l.cloud.level, "none");
  EXPECT_EQ(l.cloud.score, 0);
  EXPECT_EQ(l.cloud.vendors, (std::vector<std::string>{"aws"})) << "the vendor is still named";
  EXPECT_NE(l.cloud.rationale.find("only in tests"), std::string::npos);
}

TEST(LockinScore, OneAcceleratorVendorAloneIsHigh) {
  Finding image = finding("lockin.hardware", Severity::high, "nvidia", "1", "high", "build");
  image.rule_id = "lockin.hardware.nvidia-image";
  Finding wheel = finding("lockin.hardware", Severity::medium, "nvidia", "2");
  wheel.rule_id = "lockin.hardware.cuda-wheels";
  Lockin l = score_lockin({image, image, wheel});  // the same evidence twice counts once
  EXPECT_EQ(l.hardware.level, "high");
  EXPECT_GE(l.hardware.score, 60);
  EXPECT_EQ(l.hardware.strongest.size(), 2u);
  EXPECT_EQ(l.hardware.strongest[0].rule_id, "lockin.hardware.nvidia-image") << "strongest first";
  EXPECT_NE(l.hardware.exit_path.find("vendor-neutral base (1 image)"), std::string::npos) << l.hardware.exit_path;
  EXPECT_NE(l.hardware.exit_path.find("without nvidia-only dependencies"), std::string::npos) << l.hardware.exit_path;
}

TEST(LockinScore, OtherVendorsInTreeLowerTheLevel) {
  std::vector<Finding> fs;
  for (int i = 0; i < 6; ++i) fs.push_back(finding("lockin.hardware", Severity::medium, "nvidia", "n" + std::to_string(i)));
  fs.push_back(finding("lockin.hardware", Severity::medium, "amd", "a", "high", "build", true));
  EXPECT_EQ(score_lockin(fs).hardware.level, "high") << "one other vendor covering a slice";
  fs.push_back(finding("lockin.hardware", Severity::medium, "intel", "i", "high", "build", true));
  Lockin two = score_lockin(fs);
  EXPECT_EQ(two.hardware.level, "medium") << two.hardware.rationale;
  EXPECT_EQ(two.hardware.counter_signals.size(), 2u);
  fs.push_back(finding("lockin.hardware", Severity::medium, "apple", "m", "high", "build", true));
  EXPECT_EQ(score_lockin(fs).hardware.level, "low") << "three other backends against six NVIDIA findings";
}

TEST(LockinScore, ProviderNeutralLayersLowerTheProviderLevel) {
  std::vector<Finding> fs;
  for (int i = 0; i < 12; ++i) {
    Finding f = finding("lockin.model_provider", Severity::medium, "openai", std::to_string(i));
    f.rule_id = "lockin.model_provider.openai-import";
    f.location.path = "src/f" + std::to_string(i) + ".py";
    fs.push_back(f);
  }
  Lockin hard = score_lockin(fs);
  EXPECT_EQ(hard.model_provider.level, "high");
  EXPECT_NE(hard.model_provider.exit_path.find("12 imports and calls in 12 files"), std::string::npos)
      << hard.model_provider.exit_path;
  fs.push_back(finding("lockin.model_provider", Severity::medium, "", "n1", "high", "product", true));
  fs.push_back(finding("lockin.model_provider", Severity::medium, "", "n2", "high", "product", true));
  EXPECT_EQ(score_lockin(fs).model_provider.level, "medium");
  for (int i = 0; i < 12; ++i) fs.push_back(finding("lockin.model_provider", Severity::low, "", "m" + std::to_string(i), "high", "product", true));
  EXPECT_EQ(score_lockin(fs).model_provider.level, "low");
}

TEST(LockinScore, PlacesCountOnceAndTheDefaultPathKeepsTheVendorTheDefault) {
  std::vector<Finding> fs;
  for (int i = 0; i < 3; ++i) fs.push_back(finding("lockin.hardware", Severity::low, "nvidia", "n" + std::to_string(i)));
  // Two other vendors, one of them mentioned ten times in one file: one place, not ten.
  for (int i = 0; i < 10; ++i) {
    Finding xpu = finding("lockin.hardware", Severity::low, "intel", "x" + std::to_string(i), "medium", "product", true);
    xpu.location.path = "src/devices.py";
    fs.push_back(xpu);
  }
  fs.push_back(finding("lockin.hardware", Severity::low, "amd", "a", "high", "build", true));
  Lockin l = score_lockin(fs);
  EXPECT_EQ(l.hardware.level, "low") << l.hardware.rationale;  // 3 places <= 2 x 2 places
  EXPECT_NE(l.hardware.rationale.find("2 counter-signals"), std::string::npos) << l.hardware.rationale;

  Finding image = finding("lockin.hardware", Severity::high, "nvidia", "root-image", "high", "build");
  image.location.path = "Dockerfile";  // the un-suffixed image at the root: the default build
  fs.push_back(image);
  Lockin d = score_lockin(fs);
  EXPECT_EQ(d.hardware.level, "medium") << d.hardware.rationale;
  EXPECT_NE(d.hardware.rationale.find("default (Dockerfile at the root)"), std::string::npos) << d.hardware.rationale;
}
