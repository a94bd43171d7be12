// context_of(): where a file sits, from its relative path alone (case-insensitive). The first
// class that matches wins, in this order:
//   test     a folder tests/ test/ testing/ __tests__/ spec/ fixtures/ testdata/ e2e/, a folder named
//            like integration-tests/ load_tests/ test_utils/, or a test file name:
//            test_*, *_test.py|go|cc|cpp, *.test.js|ts, *.spec.js|ts, conftest.py; requirements lists
//            for tests (requirements-test.txt, requirements/test.in, test-requirements.txt)
//   example  a folder examples/ example/ samples/ sample/ demo/ demos/
//   docs     a folder docs/ doc/ documentation/, or a *.md / *.rst file, except README.md and model
//            cards (MODEL_CARD.md, MODELCARD.md) outside docs folders: those are product;
//            requirements lists for docs (requirements/docs.txt, docs-requirements.txt)
//   deploy   a folder deploy/ deployment/ k8s/ kubernetes/ helm/ charts/ manifests/, or
//            docker-compose*.y(a)ml, compose*.y(a)ml
//   build    a folder .github/ .gitlab/ ci/ .ci/, scripts/build*, Dockerfile*, *.dockerfile,
//            CMakeLists.txt, *.cmake, Makefile, setup.py, setup.cfg, pyproject.toml, requirements lists
//            for development or linting (requirements-dev.txt, requirements/lint.txt)
//   product  everything else
// Paths are relative to the scanned target: scanning examples/demo-repo itself makes its files product.
#include <algorithm>
#include <array>
#include <initializer_list>
#include <string>
#include <vector>

#include "core/text.hpp"
#include "discover/discover.hpp"

namespace openlock {

namespace {

template <std::size_t N>
bool any_segment(const std::vector<std::string>& folders, const std::array<const char*, N>& names) {
  return std::any_of(folders.begin(), folders.end(), [&](const std::string& f) {
    return std::any_of(names.begin(), names.end(), [&](const char* n) { return f == n; });
  });
}

bool ends_with_any(const std::string& s, std::initializer_list<const char*> suffixes) {
  return std::any_of(suffixes.begin(), suffixes.end(), [&](const char* x) { return s.ends_with(x); });
}

bool is_compose_file(const std::string& name) {
  return (name.starts_with("docker-compose") || name.starts_with("compose")) && ends_with_any(name, {".yml", ".yaml"});
}

// scripts/build.sh, tools/scripts/build/x.py: build helpers by name.
bool is_build_script(const std::string& path) {
  return path.starts_with("scripts/build") || path.find("/scripts/build") != std::string::npos;
}

// requirements-test.txt, requirements/docs.txt, test-requirements.txt, dev-requirements.in: a
// dependency list for one purpose; `purpose` is "test", "docs" or "dev" (which counts as build).
bool requirements_for(const std::string& path, const std::string& name, const char* purpose) {
  bool requirements = name.find("requirements") != std::string::npos || path.find("requirements/") != std::string::npos;
  if (!requirements || !ends_with_any(name, {".txt", ".in"})) return false;
  std::string stem = name.substr(0, name.rfind('.'));
  for (std::size_t at = stem.find(purpose); at != std::string::npos; at = stem.find(purpose, at + 1)) {
    std::size_t end = at + std::string_view(purpose).size();
    bool starts = at == 0 || stem[at - 1] == '-' || stem[at - 1] == '_' || stem[at - 1] == '.';
    bool ends = end == stem.size() || stem[end] == '-' || stem[end] == '_' || stem[end] == '.' || stem[end] == 's';
    if (starts && ends) return true;
  }
  return false;
}

bool is_build_file(const std::string& name) {
  return name.starts_with("dockerfile") || name.ends_with(".dockerfile") || name == "cmakelists.txt" ||
         name.ends_with(".cmake") || name == "makefile" || name == "setup.py" || name == "setup.cfg" ||
         name == "pyproject.toml";
}

}  // namespace

std::string_view context_of(std::string_view rel_path) {
  std::string path = ascii_lower(rel_path);
  std::vector<std::string> folders;
  for (std::size_t start = 0, slash; (slash = path.find('/', start)) != std::string::npos; start = slash + 1)
    folders.push_back(path.substr(start, slash - start));
  std::string name(base_name(path));

  static constexpr std::array kTest = {"test", "tests", "testing", "__tests__", "spec", "fixtures", "testdata"};
  static constexpr std::array kExample = {"example", "examples", "samples", "sample", "demo", "demos"};
  static constexpr std::array kDocs = {"doc", "docs", "documentation"};
  static constexpr std::array kDeploy = {"deploy", "deployment", "k8s", "kubernetes", "helm", "charts", "manifests"};
  static constexpr std::array kBuild = {".github", "ci", ".ci", ".gitlab"};

  // integration-tests/, load_tests/, unit_test/, e2e/: test folders by the shape of their name.
  bool test_folder = std::any_of(folders.begin(), folders.end(), [](const std::string& f) {
    return f == "e2e" || ends_with_any(f, {"-tests", "_tests", "-test", "_test"}) || f.starts_with("tests-") ||
           f.starts_with("tests_") || f.starts_with("test-") || f.starts_with("test_");
  });
  if (any_segment(folders, kTest) || test_folder || name.starts_with("test_") || name == "conftest.py" ||
      ends_with_any(name, {"_test.py", "_test.go", "_test.cc", "_test.cpp", ".test.js", ".test.ts", ".spec.js",
                           ".spec.ts"}) ||
      requirements_for(path, name, "test"))
    return "test";
  if (any_segment(folders, kExample)) return "example";
  bool card = name == "readme.md" || name == "model_card.md" || name == "modelcard.md";
  if (any_segment(folders, kDocs) || (!card && (name.ends_with(".md") || name.ends_with(".rst"))) ||
      requirements_for(path, name, "docs"))
    return "docs";
  if (any_segment(folders, kDeploy) || is_compose_file(name)) return "deploy";
  if (any_segment(folders, kBuild) || is_build_script(path) || is_build_file(name) || requirements_for(path, name, "dev") ||
      requirements_for(path, name, "lint"))
    return "build";
  return "product";
}

}  // namespace openlock
