#include <gtest/gtest.h>

#include "discover/discover.hpp"

using openlock::context_of;

TEST(Context, FromPath) {
  EXPECT_EQ(context_of("src/server.py"), "product");
  EXPECT_EQ(context_of("README.md"), "product");
  EXPECT_EQ(context_of("models/x/README.md"), "product");
  EXPECT_EQ(context_of("tests/test_api.py"), "test");
  EXPECT_EQ(context_of("pkg/api_test.go"), "test");
  EXPECT_EQ(context_of("web/app.spec.ts"), "test");
  EXPECT_EQ(context_of("examples/demo/requirements.txt"), "example");
  EXPECT_EQ(context_of("docs/install.md"), "docs");
  EXPECT_EQ(context_of("CHANGELOG.md"), "docs");
  EXPECT_EQ(context_of("deploy/values.yaml"), "deploy");
  EXPECT_EQ(context_of("docker-compose.gpu.yml"), "deploy");
  EXPECT_EQ(context_of("docker/Dockerfile.cuda"), "build");
  EXPECT_EQ(context_of(".github/workflows/ci.yml"), "build");
  EXPECT_EQ(context_of("CMakeLists.txt"), "build");
  EXPECT_EQ(context_of("tests/examples/x.py"), "test") << "test wins over example";
}

TEST(Classify, FromPath) {
  using openlock::classify;
  EXPECT_EQ(classify("README.md"), "model_card");
  EXPECT_EQ(classify("LICENSE"), "license_text");
  EXPECT_EQ(classify("requirements.txt"), "manifest");
  EXPECT_EQ(classify("Dockerfile"), "deploy");
  EXPECT_EQ(classify("app/main.py"), "source");
  EXPECT_EQ(classify("kernels/gemm.cu"), "source");
  EXPECT_EQ(classify("cmd/main.go"), "source");
  EXPECT_EQ(classify("logo.png"), "other");
}
