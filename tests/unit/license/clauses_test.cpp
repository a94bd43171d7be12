#include "license/clauses.hpp"

#include <gtest/gtest.h>

#include <chrono>

using openlock::find_clauses;

TEST(Clauses, FindsEachKindOnceWithItsLine) {
  auto found = find_clauses(
      "TEST LICENSE\n"
      "1. If you exceed 10 million monthly\n"
      "active users, ask us first.\n"
      "2. Follow the Acceptable Use Policy. Follow the acceptable use policy again.\n"
      "3. You shall not use the model or its outputs to improve any other large language model.\n"
      "4. We may terminate this license.\n");
  ASSERT_EQ(found.size(), 4u);
  EXPECT_EQ(found[0].kind, "mau_cap");
  EXPECT_EQ(found[0].line, 2u) << "the phrase starts on line 2 even though it wraps";
  EXPECT_EQ(found[0].evidence, "If you exceed 10 million monthly active users, ask us first.");
  EXPECT_EQ(found[1].kind, "acceptable_use");
  EXPECT_EQ(found[2].kind, "no_training_other_models");
  EXPECT_EQ(found[3].kind, "revocable");
}

TEST(Clauses, DefinitionsAreNotBans) {
  auto found = find_clauses(
      "\"Derivatives\" means any other model created by transfer of the weights or outputs to train the other model.\n");
  EXPECT_TRUE(found.empty());
}

TEST(Clauses, PermissiveTextHasNone) {
  EXPECT_TRUE(find_clauses("Permission is hereby granted, free of charge, to any person obtaining a copy.").empty());
  EXPECT_TRUE(find_clauses("").empty());
}

TEST(Clauses, LongTextWithoutSentencesStaysFast) {
  std::string text(2'000'000, 'a');
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(find_clauses(text).empty());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}
