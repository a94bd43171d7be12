#include <gtest/gtest.h>
#include <sys/mman.h>

#include "parse/parser.hpp"

using namespace openlock;

TEST(Registry, ClassifiesByFileName) {
  ASSERT_NE(parser_for("README.md"), nullptr);
  EXPECT_EQ(parser_for("README.md")->kind, FileKind::model_card);
  EXPECT_EQ(parser_for("x/LICENSE")->kind, FileKind::license_text);
  EXPECT_EQ(parser_for("requirements-gpu.txt")->kind, FileKind::manifest);
  EXPECT_EQ(parser_for("requirements-gpu.txt")->ecosystem, "pypi");
  EXPECT_EQ(parser_for("src/main.cpp")->name, "c_family_source");
  EXPECT_EQ(parser_for("CMakeLists.txt")->name, "cmake");
  EXPECT_EQ(parser_for("style.css"), nullptr);
}

TEST(Registry, NamesAreUnique) {
  auto all = parsers();
  for (std::size_t i = 0; i < all.size(); ++i)
    for (std::size_t j = i + 1; j < all.size(); ++j) EXPECT_NE(all[i].name, all[j].name);
}

// The source lexers keep 32-bit offsets: a text of 4 GiB is refused, not read with wrong lines.
// The text is 4 GiB of address space that is never touched (the check comes first).
TEST(Registry, SourceLexersRefuseTextsOf4GiB) {
  const std::size_t size = std::size_t{1} << 32;
  void* huge = mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  ASSERT_NE(huge, MAP_FAILED);
  for (const char* path : {"big.py", "big.cpp", "big.rs", "big.js"}) {
    ParseInput in{path, std::string_view(static_cast<const char*>(huge), size)};
    ParseOutput out;
    parser_for(path)->parse(in, out);
    EXPECT_TRUE(out.facts.empty()) << path;
    ASSERT_EQ(out.diagnostics.size(), 1u) << path;
    EXPECT_EQ(out.diagnostics[0].message, "file of 4 GiB or more: not read as source code");
    EXPECT_EQ(out.diagnostics[0].location.path, path);
  }
  munmap(huge, size);
}
