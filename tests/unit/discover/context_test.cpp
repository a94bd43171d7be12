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
  EXPECT_EQ(context_of("integration-tests/requirements.txt"), "test");
  EXPECT_EQ(context_of("load_tests/long_prompt.py"), "test");
  EXPECT_EQ(context_of("e2e/run.py"), "test");
  EXPECT_EQ(context_of("contest/main.py"), "product") << "a folder merely containing 'test' is not one";
  EXPECT_EQ(context_of("attestation/verify.py"), "product");
}

TEST(Context, RequirementsListsForOnePurpose) {
  EXPECT_EQ(context_of("requirements/test.txt"), "test");
  EXPECT_EQ(context_of("requirements-tests.txt"), "test");
  EXPECT_EQ(context_of("test-requirements.txt"), "test");
  EXPECT_EQ(context_of("requirements/docs.txt"), "docs");
  EXPECT_EQ(context_of("requirements-dev.in"), "build");
  EXPECT_EQ(context_of("requirements/lint.txt"), "build");
  EXPECT_EQ(context_of("requirements/common.txt"), "product");
  EXPECT_EQ(context_of("requirements-cuda.txt"), "product");
  EXPECT_EQ(context_of("requirements/latest.txt"), "product") << "'test' inside a word is not the purpose";
  EXPECT_EQ(context_of("requirements/device.txt"), "product") << "nor is 'dev' inside 'device'";
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

TEST(Context, RuleOrderAndEdges) {
  EXPECT_EQ(context_of("tests/fixtures/README.md"), "test");
  EXPECT_EQ(context_of("src/testdata/x.json"), "test");
  EXPECT_EQ(context_of("conftest.py"), "test");
  EXPECT_EQ(context_of("web/__tests__/a.js"), "test");
  EXPECT_EQ(context_of("web/button.test.tsx"), "product") << "only .test.js and .test.ts";
  EXPECT_EQ(context_of("samples/run.py"), "example");
  EXPECT_EQ(context_of("examples/README.md"), "example");
  EXPECT_EQ(context_of("docs/README.md"), "docs") << "a README inside docs/ is documentation";
  EXPECT_EQ(context_of("MODEL_CARD.md"), "product");
  EXPECT_EQ(context_of("models/llama/ModelCard.md"), "product");
  EXPECT_EQ(context_of("guide.rst"), "docs");
  EXPECT_EQ(context_of("docs/conf.py"), "docs");
  EXPECT_EQ(context_of("docs/deploy/helm.yaml"), "docs") << "docs wins over deploy";
  EXPECT_EQ(context_of("compose.yaml"), "deploy");
  EXPECT_EQ(context_of("docker-compose.yml"), "deploy");
  EXPECT_EQ(context_of("compose.py"), "product") << "only YAML compose files are deploy";
  EXPECT_EQ(context_of("helm/charts/values.yaml"), "deploy");
  EXPECT_EQ(context_of("k8s/Dockerfile"), "deploy") << "deploy wins over build";
  EXPECT_EQ(context_of("Dockerfile"), "build");
  EXPECT_EQ(context_of("cmake/FindCUDA.cmake"), "build");
  EXPECT_EQ(context_of("Makefile"), "build");
  EXPECT_EQ(context_of("setup.cfg"), "build");
  EXPECT_EQ(context_of("pyproject.toml"), "build");
  EXPECT_EQ(context_of("scripts/build_wheels.sh"), "build");
  EXPECT_EQ(context_of("tools/scripts/build/cuda.sh"), "build");
  EXPECT_EQ(context_of("scripts/run.sh"), "product");
  EXPECT_EQ(context_of("ci/run.sh"), "build");
  EXPECT_EQ(context_of("requirements.txt"), "product");
  EXPECT_EQ(context_of("Tests/Test_api.py"), "test") << "case-insensitive";
  EXPECT_EQ(context_of(""), "product");
}
