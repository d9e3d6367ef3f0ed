// Who is a party to a case through the protocol, from tests/data/access/protocol_parties.tsv.

#include <gtest/gtest.h>

#include "access/case_policy.h"
#include "support/table_file.h"

namespace retorno::access {
namespace {

bool yes_or_no(const retorno::testing::TableRow& row, std::size_t column) {
    const auto& text = row.columns.at(column);
    EXPECT_TRUE(text == "yes" || text == "no")
        << "protocol_parties.tsv:" << row.line << ": '" << text << "' is neither yes nor no";
    return text == "yes";
}

TEST(CasePolicy, TheProtocolsPartiesAreThoseOfTheTable) {
    const auto rows = retorno::testing::read_table_file("access/protocol_parties.tsv");
    ASSERT_GE(rows.size(), 10u);
    for (const auto& row : rows) {
        ASSERT_EQ(row.columns.size(), 6u) << "protocol_parties.tsv:" << row.line;
        Actor actor;
        actor.institution_id = "institution-of-the-reader";
        actor.institution_type = row.columns[0];
        actor.institution_country = row.columns[1];
        CaseParties parties{row.columns[2], row.columns[3], "institution-that-opened",
                            yes_or_no(row, 4)};
        EXPECT_EQ(has_protocol_task(actor, parties), yes_or_no(row, 5))
            << "protocol_parties.tsv:" << row.line << ": " << row.columns[0] << " of "
            << row.columns[1] << ", a child of " << row.columns[2] << " in " << row.columns[3];
    }
}

TEST(CasePolicy, TheOriginIsNotifiedOnceTheConsularNotificationIsDone) {
    Case c;
    c.origin_country = "GT";
    c.destination_country = "MX";
    c.steps_completed = {"identification", "immediate_protection", "interview",
                         "protection_screening"};
    EXPECT_FALSE(parties_of(c).origin_notified);
    c.steps_completed.push_back("consular_notification");
    EXPECT_TRUE(parties_of(c).origin_notified);
}

// The protocol state names who acts (protocol::acting_institutions); a step of the origin's
// side gives a task only once the origin has been notified, whatever a definition says.
TEST(CasePolicy, AStepGivesATaskToItsTypeInItsSidesCountryAndTheOriginOnceNotified) {
    using protocol::ActingInstitution;
    using protocol::Side;
    const std::vector<ActingInstitution> acting{{"ForeignMinistry", Side::Dest, "MX"},
                                                {"ImmigrationService", Side::Orig, "GT"}};
    auto gives = [&](const char* type, const char* country, bool notified) {
        Actor actor;
        actor.institution_type = type;
        actor.institution_country = country;
        return gives_task(actor, CaseParties{"GT", "MX", "opener", notified}, acting);
    };
    EXPECT_TRUE(gives("ForeignMinistry", "MX", false));
    EXPECT_TRUE(gives("ImmigrationService", "GT", true));
    EXPECT_FALSE(gives("ImmigrationService", "GT", false));
    EXPECT_FALSE(gives("ForeignMinistry", "GT", true));
    EXPECT_FALSE(gives("ImmigrationService", "MX", true));
    EXPECT_FALSE(gives("LawEnforcement", "MX", true));
}

TEST(CasePolicy, SharesWithTheOriginsAuthoritiesWaitForTheNotification) {
    auto refused = [](const char* type, const char* country, bool notified,
                      const char* origin = "GT") {
        Institution to;
        to.type = type;
        to.country = country;
        return CasePolicy::share_refusal(CaseParties{origin, "MX", "opener", notified}, to)
            .has_value();
    };
    for (const char* type : {"Consulate", "ForeignMinistry", "ChildProtectionAuthority",
                             "LawEnforcement", "Prosecutor", "Court", "ImmigrationService",
                             "CentralGovernmentOrganisation", "LocalGovernmentOrganisation"}) {
        EXPECT_TRUE(refused(type, "GT", false)) << type;
        EXPECT_FALSE(refused(type, "GT", true)) << type;
        EXPECT_FALSE(refused(type, "MX", false)) << type;
        EXPECT_FALSE(refused(type, "HN", false)) << type;
    }
    for (const char* type : {"Shelter", "NGO", "LegalService", "HealthServiceOrganisation"})
        EXPECT_FALSE(refused(type, "GT", false)) << type;
    // A child found in her own country: there is no origin to notify.
    EXPECT_FALSE(refused("Consulate", "MX", false, "MX"));
    auto error = CasePolicy::share_refusal(CaseParties{"GT", "MX", "opener", false},
                                           Institution{Id::generate(), "GT", "Consulate", "", {}});
    ASSERT_TRUE(error);
    EXPECT_EQ(error->code, ErrorCode::RuleViolation);
    EXPECT_EQ(error->field, "origin-not-notified");
}

}  // namespace
}  // namespace retorno::access
