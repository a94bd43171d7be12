// libFuzzer target for every registered parser. OPENLOCK_FUZZ_PARSER names the parser, optionally
// with the file path to pretend ("c_family_source@a.rs"); the whole input is the file's text.
// Each parse must return without crashing, hanging or leaking, facts and diagnostics or not.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "parse/parser.hpp"

namespace {

// File names the parsers accept, one per format; the first one a parser accepts is its default.
constexpr const char* kCandidatePaths[] = {
    "README.md", "LICENSE", "requirements.txt", "pyproject.toml", "Dockerfile", "package.json", "go.mod",
    "setup.cfg", "environment.yml", "Cargo.toml", "CMakePresets.json", "config.pbtxt", "deploy/values.yaml",
    "app.py", "CMakeLists.txt", "a.ts", "a.go", "a.rs", "a.cu", "a.metal"};

const openlock::Parser* g_parser = nullptr;
std::string g_path;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const char* env = std::getenv("OPENLOCK_FUZZ_PARSER");
  std::string spec = env ? env : "";
  std::string name = spec.substr(0, spec.find('@'));
  for (const auto& p : openlock::parsers())
    if (p.name == name) g_parser = &p;
  if (!g_parser) {
    std::fprintf(stderr, "set OPENLOCK_FUZZ_PARSER to one of:");
    for (const auto& p : openlock::parsers()) std::fprintf(stderr, " %.*s", static_cast<int>(p.name.size()), p.name.data());
    std::fprintf(stderr, " (optionally NAME@path)\n");
    std::exit(2);
  }
  if (auto at = spec.find('@'); at != std::string::npos) g_path = spec.substr(at + 1);
  for (const char* candidate : kCandidatePaths)
    if (g_path.empty() && g_parser->accepts(candidate)) g_path = candidate;
  if (g_path.empty() || !g_parser->accepts(g_path)) {
    std::fprintf(stderr, "parser %s accepts no known path; add one to kCandidatePaths\n", name.c_str());
    std::exit(2);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  openlock::ParseOutput out;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  g_parser->parse(openlock::ParseInput{g_path, text}, out);
  return 0;
}
