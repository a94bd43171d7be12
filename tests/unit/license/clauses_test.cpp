#include "license/clauses.hpp"

#include <gtest/gtest.h>
#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <chrono>
#include <set>
#include <string>

#include "rules/embedded.hpp"


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

TEST(Clauses, LongTextWithoutSentencesIsReadInBoundedPieces) {
  // One 2 MB "sentence": read in capped pieces (kMaxSentence), only the first kMaxText bytes.
  std::string text(2'000'000, 'a');
  text += " monthly active users.";
  EXPECT_TRUE(find_clauses(text).empty()) << "past the searched prefix";
  EXPECT_EQ(find_clauses(std::string(5000, 'a') + " monthly active users.").size(), 1u);
}

TEST(Clauses, RegistrationRegionAndDownstreamRestrictions) {
  auto kinds = [](const char* text) {
    std::set<std::string> out;
    for (const auto& c : find_clauses(text)) out.insert(c.kind);
    return out;
  };
  EXPECT_TRUE(kinds("To sell products built on it you must register with the Lab first.").count("gated"));
  EXPECT_FALSE(kinds("You may register a trademark of your own.").count("gated"));
  EXPECT_TRUE(kinds("These rights are not granted to you if you are a company domiciled in Atlantis.").count("region"));
  EXPECT_FALSE(kinds("The Lab is a company domiciled in Atlantis.").count("region"));
  EXPECT_TRUE(kinds("You must pass the use restrictions of Part B on as an enforceable provision in your terms.")
                  .count("share_alike"));
  EXPECT_TRUE(kinds("You shall prominently display \"Harbor\" on the user interface of the service.").count("attribution"));
  EXPECT_TRUE(kinds("Only non-commercial academic research is allowed.").count("non_commercial"));
  EXPECT_FALSE(kinds("Commercial research is welcome.").count("non_commercial"));
}

TEST(Clauses, UserCapsCarryTheirCountAndPoliciesTheirReference) {
  auto found = find_clauses(
      "Products with more than 2.5 million monthly active users need another license. "
      "You must follow the Acceptable Use Policy available at https://example.org/aup.\n");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].detail, "2500000");
  EXPECT_EQ(found[1].detail, "by_reference");
  auto plain = find_clauses("Above 50,000 monthly active users, ask first. Follow the acceptable use policy below.");
  ASSERT_EQ(plain.size(), 2u);
  EXPECT_EQ(plain[0].detail, "50000");
  EXPECT_EQ(plain[1].detail, "") << "a policy in the same text is not by reference";
  // A count no cap could mean (beyond long long, or 400 digits) is unreadable, not a crash.
  auto huge = find_clauses("Above 9000000000000000000000000000000 billion monthly active users, ask first.");
  ASSERT_EQ(huge.size(), 1u);
  EXPECT_EQ(huge[0].kind, "mau_cap");
  EXPECT_EQ(huge[0].detail, "");
  EXPECT_EQ(find_clauses("Above " + std::string(400, '9') + " monthly active users, ask first.").at(0).detail, "");
}

// A broken pattern would only be logged when the table is built (clauses.cpp), so every shipped
// pattern must compile with the options find_clauses uses, and a text with every kind's triggers
// must be read without an exception. Patterns are matched against the lower-cased sentence, so a
// letter in upper case outside an escape (\b, \S) could never match.
TEST(Clauses, EveryShippedPatternCompilesAndIsLowerCase) {
  YAML::Node doc;
  for (const auto& file : openlock::embedded_rule_files())
    if (file.path == "licenses/clauses.yaml") doc = YAML::Load(std::string(file.text));
  ASSERT_TRUE(doc["clauses"].IsSequence());
  re2::RE2::Options latin1;
  latin1.set_encoding(re2::RE2::Options::EncodingLatin1);
  latin1.set_log_errors(false);
  std::string all_triggers;
  std::size_t patterns = 0;
  for (const auto& entry : doc["clauses"]) {
    for (const auto& p : entry["patterns"]) {
      ++patterns;
      std::string source = p.as<std::string>();
      re2::RE2 re(source, latin1);
      EXPECT_TRUE(re.ok()) << entry["kind"].as<std::string>() << ": " << source << ": " << re.error();
      for (std::size_t i = 0; i < source.size(); ++i) {
        if (source[i] == '\\') ++i;
        else EXPECT_FALSE(source[i] >= 'A' && source[i] <= 'Z') << entry["kind"].as<std::string>() << ": " << source;
      }
    }
    for (const auto& t : entry["triggers"]) all_triggers += t.as<std::string>() + " ";
  }
  EXPECT_GE(patterns, 30u);
  EXPECT_NO_THROW(find_clauses(all_triggers + "\n" + all_triggers + "."));
}

// The patterns are matched byte by byte, letters folded as ASCII only, as std::regex in the C
// locale did: a byte that is not UTF-8 is stepped over by [^.], and a Latin-1 letter does not fold.
TEST(Clauses, BytesAreCharactersAndOnlyAsciiFolds) {
  auto kinds = [](const std::string& text) {
    std::set<std::string> out;
    for (const auto& c : find_clauses(text)) out.insert(c.kind);
    return out;
  };
  EXPECT_TRUE(kinds("You shall not use \xff\xfe the outputs to train any other model.").count("no_training_other_models"));
  EXPECT_TRUE(kinds("YOU SHALL NOT USE THE OUTPUTS TO TRAIN ANY OTHER MODEL.").count("no_training_other_models"));
  // \xe2\x80\x9c is the UTF-8 left double quote in the attribution pattern; \xc2 is the upper
  // case of \xe2 in Latin-1, and must not stand for it.
  EXPECT_TRUE(kinds("You must display \xe2\x80\x9c" "Built with Harbor\xe2\x80\x9d.").count("attribution"));
  EXPECT_FALSE(kinds("You must display \xc2\x80\x9c" "Built with Harbor.").count("attribution"));
}

// Sentences that make a backtracking engine try every split of the no-training pattern's bounded
// repeats ([^.]{0,40}, [^.]{0,100}, [^.]{0,60} between "never", "use", "to improve" and "other",
// with no "model" at the end): std::regex took 51 s on these 500 KB, RE2 is linear.
TEST(Clauses, SentencesOfPartialMatchesAreReadInLinearTime) {
  std::string sentence;
  while (sentence.size() < 1990) sentence += "never never never never never use use use use use use use use use use "
                                             "to improve to improve to improve to improve to improve to improve to improve to improve "
                                             "to improve to improve other ";
  std::string text;
  for (int i = 0; i < 250; ++i) text += sentence + ". ";
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(find_clauses(text).empty());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}
