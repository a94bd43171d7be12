#include <gtest/gtest.h>

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
