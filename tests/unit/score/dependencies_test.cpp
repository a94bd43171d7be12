#include "score/dependencies.hpp"

#include <gtest/gtest.h>

using namespace openlock;

namespace {
Fact dep(std::string ecosystem, std::string name, std::string spec = "", std::string version = "") {
  Fact f{"dependency", {"requirements.txt", 3, 1}, name, {}};
  f.set("ecosystem", std::move(ecosystem)).set("name", std::move(name));
  if (!spec.empty()) f.set("spec", std::move(spec));
  if (!version.empty()) f.set("version", std::move(version));
  return f;
}
Fact image(std::string name, std::string tag = "", std::string digest = "") {
  Fact f{"image", {"Dockerfile", 1, 1}, name, {}};
  f.set("name", std::move(name));
  if (!tag.empty()) f.set("tag", std::move(tag));
  if (!digest.empty()) f.set("digest", std::move(digest));
  return f;
}
std::string purl_of(const Fact& f) {
  auto d = collect_dependencies({f});
  return d.empty() ? "" : d[0].purl;
}
}  // namespace

TEST(Dependencies, PackageUrlsFollowThePurlSpec) {
  EXPECT_EQ(purl_of(dep("pypi", "torch", "==2.3.0")), "pkg:pypi/torch@2.3.0");
  EXPECT_EQ(purl_of(dep("pypi", "torch", ">=2,<3")), "pkg:pypi/torch") << "a range pins no version";
  EXPECT_EQ(purl_of(dep("npm", "@anthropic-ai/sdk", "^0.20.0")), "pkg:npm/%40anthropic-ai/sdk");
  EXPECT_EQ(purl_of(dep("npm", "react", "18.2.0")), "pkg:npm/react@18.2.0");
  EXPECT_EQ(purl_of(dep("go", "github.com/x/y", "", "v1.2.3")), "pkg:golang/github.com/x/y@v1.2.3");
  EXPECT_EQ(purl_of(dep("something", "a b")), "pkg:generic/a%20b");
}

TEST(Dependencies, ImagesAreDockerPurlsWithRegistryAndTag) {
  EXPECT_EQ(purl_of(image("nvidia/cuda", "12.4.1-devel")), "pkg:docker/nvidia/cuda?tag=12.4.1-devel");
  EXPECT_EQ(purl_of(image("nvcr.io/nvidia/pytorch", "24.05-py3")),
            "pkg:docker/nvidia/pytorch?repository_url=nvcr.io&tag=24.05-py3");
  EXPECT_EQ(purl_of(image("ubuntu", "", "sha256:abc")), "pkg:docker/ubuntu@sha256%3Aabc");
}

TEST(Dependencies, SortedByPurlThenPlace) {
  auto deps = collect_dependencies({dep("pypi", "zlib-ng"), dep("pypi", "numpy", "==1.26.4"), image("alpine", "3")});
  ASSERT_EQ(deps.size(), 3u);
  EXPECT_EQ(deps[0].purl, "pkg:docker/alpine?tag=3");
  EXPECT_EQ(deps[1].purl, "pkg:pypi/numpy@1.26.4");
  EXPECT_EQ(deps[1].version, "1.26.4");
  EXPECT_EQ(deps[2].name, "zlib-ng");
}
