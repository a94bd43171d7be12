#include "core/deployment.hpp"

#include <gtest/gtest.h>

using namespace openlock;

namespace {

LicenseClause clause(std::string kind, std::string evidence = "a sentence", std::string detail = "") {
  return {std::move(kind), std::move(evidence), {"LICENSE", 7, 0}, std::move(detail)};
}

PolicyDecision one(const Deployment& d, const LicenseClause& c) {
  auto out = decide(d, {c});
  EXPECT_EQ(out.size(), 1u);
  return out.empty() ? PolicyDecision{} : out.front();
}

std::string verdict(const Deployment& d, const LicenseClause& c) { return one(d, c).decision; }

Deployment with(void (*set)(Deployment&)) {
  Deployment d;
  set(d);
  return d;
}

}  // namespace

TEST(Deployment, DecisionCarriesTheClause) {
  Deployment d;
  d.commercial = true;
  auto p = one(d, clause("non_commercial", "Use it for non-commercial purposes only."));
  EXPECT_EQ(p.decision, "deny");
  EXPECT_EQ(p.clause, "non_commercial");
  EXPECT_EQ(p.evidence, "Use it for non-commercial purposes only.");
  EXPECT_EQ(p.location.path, "LICENSE");
  EXPECT_EQ(p.location.line, 7u);
  EXPECT_FALSE(p.reason.empty());
}

TEST(Deployment, MauCap) {
  auto cap = clause("mau_cap", "more than 700 million monthly active users", "700000000");
  auto over = one(with([](Deployment& d) { d.monthly_active_users = 900000000; }), cap);
  EXPECT_EQ(over.decision, "deny");
  EXPECT_EQ(over.reason,
            "declared 900000000 monthly active users exceed the license's cap of 700000000; a separate license from the licensor is needed");
  EXPECT_EQ(verdict(with([](Deployment& d) { d.monthly_active_users = 700000000; }), cap), "allow");
  EXPECT_EQ(verdict(with([](Deployment& d) { d.monthly_active_users = 0; }), cap), "allow");
  auto undeclared = one(Deployment{}, cap);
  EXPECT_EQ(undeclared.decision, "require");
  EXPECT_EQ(undeclared.reason, "declare monthly_active_users; the license caps at 700000000");
  // No number read from the text: the user must compare, whatever they declared.
  EXPECT_EQ(verdict(with([](Deployment& d) { d.monthly_active_users = 5; }), clause("mau_cap")), "require");
}

TEST(Deployment, YesNoClauses) {
  struct Case {
    const char* kind;
    std::optional<bool> Deployment::*flag;
  };
  for (auto [kind, flag] : {Case{"non_commercial", &Deployment::commercial},
                            Case{"no_training_other_models", &Deployment::trains_on_outputs},
                            Case{"no_redistribution", &Deployment::distributes_weights}}) {
    Deployment d;
    EXPECT_EQ(verdict(d, clause(kind)), "require") << kind;
    d.*flag = true;
    EXPECT_EQ(verdict(d, clause(kind)), "deny") << kind;
    d.*flag = false;
    EXPECT_EQ(verdict(d, clause(kind)), "allow") << kind;
  }
}

TEST(Deployment, NamingAndAttributionBindWhenTheModelIsShared) {
  for (const char* kind : {"naming", "attribution"}) {
    Deployment d;
    EXPECT_EQ(verdict(d, clause(kind)), "require") << kind;
    d.distributes_weights = false;
    EXPECT_EQ(verdict(d, clause(kind)), "require") << kind << ": hosts_service still undeclared";
    d.hosts_service = false;
    EXPECT_EQ(verdict(d, clause(kind)), "allow") << kind;
    d.hosts_service = true;
    EXPECT_EQ(verdict(d, clause(kind)), "require") << kind;
    d = {};
    d.distributes_weights = true;
    EXPECT_EQ(verdict(d, clause(kind)), "require") << kind;
  }
}

TEST(Deployment, AttributionQuotesThePhraseToDisplay) {
  Deployment d;
  d.hosts_service = true;
  auto straight = one(d, clause("attribution", "You shall show \"Powered by Example\" in your product."));
  EXPECT_NE(straight.reason.find("display \"Powered by Example\""), std::string::npos) << straight.reason;
  auto curly = one(d, clause("attribution", "Display \u201cBuilt with Sample\u201d on the website."));
  EXPECT_NE(curly.reason.find("display \"Built with Sample\""), std::string::npos) << curly.reason;
  auto plain = one(d, clause("attribution", "Keep the attribution notice."));
  EXPECT_EQ(plain.reason.find("display \""), std::string::npos) << plain.reason;
}

TEST(Deployment, QuotedPhrase) {
  EXPECT_EQ(quoted_phrase("say \"A b\" and \"C\""), "A b");
  EXPECT_EQ(quoted_phrase("\u201cX\u201d then \"Y\""), "X");
  EXPECT_EQ(quoted_phrase("\"unclosed"), "");
  EXPECT_EQ(quoted_phrase("\"\" empty"), "");
  EXPECT_EQ(quoted_phrase("none"), "");
}

TEST(Deployment, ShareAlike) {
  Deployment d;
  EXPECT_EQ(verdict(d, clause("share_alike")), "require");
  d.distributes_weights = true;
  auto act = one(d, clause("share_alike"));
  EXPECT_EQ(act.decision, "require");
  EXPECT_NE(act.reason.find("same terms"), std::string::npos);
  d.distributes_weights = false;
  EXPECT_EQ(verdict(d, clause("share_alike")), "allow");
}

TEST(Deployment, Region) {
  auto eu = clause("region", "No rights are granted to anyone domiciled in the European Union.");
  Deployment d;
  EXPECT_EQ(verdict(d, eu), "require");
  d.regions = std::vector<std::string>{"EU", "US"};
  EXPECT_EQ(verdict(d, eu), "deny") << "EU and European Union are one region";
  d.regions = std::vector<std::string>{"european union"};
  EXPECT_EQ(verdict(d, eu), "deny") << "names match in any case";
  d.regions = std::vector<std::string>{"US", "Japan"};
  EXPECT_EQ(verdict(d, eu), "allow");
  EXPECT_EQ(verdict(d, clause("region", "Not for use in JAPAN.")), "deny");
  // A short code matches only in capitals and as a whole word.
  EXPECT_EQ(verdict(d, clause("region", "Tell us where in the EU you are; no USB.")), "allow");
  d.regions = std::vector<std::string>{"eu"};
  EXPECT_EQ(verdict(d, clause("region", "Not licensed in the EU.")), "deny");
  EXPECT_EQ(verdict(d, clause("region", "Not licensed in Europe.")), "allow");
}

TEST(Deployment, AlwaysRequire) {
  Deployment all;
  all.commercial = all.distributes_weights = all.hosts_service = all.trains_on_outputs = false;
  all.monthly_active_users = 1;
  all.regions = std::vector<std::string>{"EU"};
  for (const char* kind : {"acceptable_use", "field_of_use", "revocable", "gated", "some_new_kind"}) {
    EXPECT_EQ(verdict(Deployment{}, clause(kind)), "require") << kind;
    EXPECT_EQ(verdict(all, clause(kind)), "require") << kind;
  }
  auto by_reference = one(all, clause("acceptable_use", "see the policy online", "by_reference"));
  EXPECT_NE(by_reference.reason.find("can change without the license changing"), std::string::npos) << by_reference.reason;
  EXPECT_EQ(one(all, clause("acceptable_use")).reason.find("can change"), std::string::npos);
}

TEST(Deployment, DenyFirstThenRequireThenAllowInClauseOrder) {
  Deployment d;
  d.commercial = false;
  d.distributes_weights = true;
  auto out = decide(d, {clause("non_commercial"), clause("gated"), clause("no_redistribution"), clause("revocable"),
                        clause("mau_cap", "x", "10")});
  std::vector<std::string> got;
  for (const auto& p : out) got.push_back(p.decision + " " + p.clause);
  EXPECT_EQ(got, (std::vector<std::string>{"deny no_redistribution", "require gated", "require revocable", "require mau_cap",
                                           "allow non_commercial"}));
  EXPECT_TRUE(decide(d, {}).empty());
}
