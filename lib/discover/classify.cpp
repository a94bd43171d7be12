// classify(): what a file is, from its path. Files a parser reads take that parser's kind; other
// source files are recognised by extension so reports can say what a target is made of.
#include <array>
#include <utility>

#include "core/text.hpp"
#include "discover/discover.hpp"
#include "parse/parser.hpp"

namespace openlock {

namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 24> kSourceExtensions = {{
    {".py", "python"},   {".pyi", "python"},  {".js", "javascript"}, {".mjs", "javascript"}, {".ts", "typescript"},
    {".tsx", "typescript"}, {".go", "go"},    {".rs", "rust"},       {".c", "c"},            {".h", "c"},
    {".cc", "cpp"},      {".cpp", "cpp"},     {".cxx", "cpp"},       {".hpp", "cpp"},        {".cu", "cuda"},
    {".cuh", "cuda"},    {".hip", "hip"},     {".metal", "metal"},   {".cl", "opencl"},      {".comp", "glsl"},
    {".java", "java"},   {".kt", "kotlin"},   {".swift", "swift"},   {".rb", "ruby"},
}};

}  // namespace

std::string_view classify(std::string_view rel_path) {
  if (const Parser* p = parser_for(rel_path)) {
    switch (p->kind) {
      case FileKind::model_card: return "model_card";
      case FileKind::license_text: return "license_text";
      case FileKind::manifest: return "manifest";
      case FileKind::deploy: return "deploy";
      case FileKind::source: return "source";
      case FileKind::other: return "other";
    }
  }
  std::string name = ascii_lower(base_name(rel_path));
  for (const auto& [ext, language] : kSourceExtensions)
    if (name.ends_with(ext)) return "source";
  return "other";
}

}  // namespace openlock
