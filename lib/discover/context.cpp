// context_of(): where a file sits, from its path alone. The first class that matches wins,
// in this order: test, example, docs, deploy, build, product. Model cards (README.md and
// MODEL_CARD.md) are product wherever they are, unless inside a test or example folder.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>

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

}  // namespace

std::string_view context_of(std::string_view rel_path) {
  std::string path = ascii_lower(rel_path);
  std::vector<std::string> folders;
  for (std::size_t start = 0, slash; (slash = path.find('/', start)) != std::string::npos; start = slash + 1)
    folders.push_back(path.substr(start, slash - start));
  std::string name = path.substr(path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1);

  static constexpr std::array kTest = {"test", "tests", "testing", "__tests__", "spec", "fixtures", "testdata"};
  static constexpr std::array kExample = {"example", "examples", "samples", "sample", "demo", "demos"};
  static constexpr std::array kDocs = {"doc", "docs", "documentation"};
  static constexpr std::array kDeploy = {"deploy", "deployment", "k8s", "kubernetes", "helm", "charts", "manifests"};
  static constexpr std::array kBuild = {".github", "ci", ".ci", ".gitlab"};

  if (any_segment(folders, kTest) || name.starts_with("test_") || name == "conftest.py" ||
      ends_with_any(name, {"_test.py", "_test.go", "_test.cc", "_test.cpp", ".test.js", ".test.ts", ".spec.js",
                           ".spec.ts"}))
    return "test";
  if (any_segment(folders, kExample)) return "example";
  bool card = name == "readme.md" || name == "model_card.md" || name == "modelcard.md";
  if (any_segment(folders, kDocs) || (!card && (name.ends_with(".md") || name.ends_with(".rst")))) return "docs";
  if (any_segment(folders, kDeploy) || name.starts_with("docker-compose") || name.starts_with("compose.") ||
      name.starts_with("compose-"))
    return "deploy";
  if (any_segment(folders, kBuild) || name.starts_with("dockerfile") || name.ends_with(".dockerfile") ||
      name == "cmakelists.txt" || name.ends_with(".cmake") || name == "makefile" || name == "setup.py" ||
      name == "setup.cfg" || name == "pyproject.toml")
    return "build";
  return "product";
}

}  // namespace openlock
