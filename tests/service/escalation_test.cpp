#include <gtest/gtest.h>

#include "service/case_service.h"
#include "store/sqlite/sqlite_store.h"
#include "support/estimated_age_case.h"
#include "support/manual_clock.h"
#include "support/throwaway_dir.h"

namespace retorno {
namespace {

using testing::ManualClock;

class Escalation : public ::testing::Test {
  protected:
    void SetUp() override {
        auto store = SqliteStore::open(dir.path() / "retorno.db");
        ASSERT_TRUE(store);
        this->store = std::move(*store);
        auto registry = protocol::ProtocolRegistry::load_default();
        ASSERT_TRUE(registry) << registry.error().message;
        protocols = std::move(*registry);
        cases = std::make_unique<CaseService>(*this->store, clock, protocols);
    }

    Id open_case() {
        auto opened = cases->open_case(
            testing::estimated_age_case("Lucía", "NI", "CR", clock.now()), Actor{});
        EXPECT_TRUE(opened) << opened.error().message;
        return opened->id;
    }

    int escalations_of(const Id& id) {
        int count = 0;
        auto events = store->case_events(id, 0, 1000);
        for (const auto& e : *events) {
            if (e.kind == EventKind::DeadlineEscalated)
                ++count;
        }
        return count;
    }

    testing::ThrowawayDir dir;
    std::unique_ptr<SqliteStore> store;
    protocol::ProtocolRegistry protocols;
    ManualClock clock{*parse_timestamp("2026-03-02T09:00:00Z")};
    std::unique_ptr<CaseService> cases;
};

// Immediate protection is due within a day of identification. Ten days later the scheduler
// raises it to the supervising institution once, and a second run raises nothing new.
TEST_F(Escalation, AnOverdueTaskIsEscalatedOnceAsAnEvent) {
    auto id = open_case();
    ASSERT_EQ(*cases->raise_escalations(), 0);
    EXPECT_EQ(escalations_of(id), 0);

    clock.advance(std::chrono::hours(24 * 10));
    auto raised = cases->raise_escalations();
    ASSERT_TRUE(raised) << raised.error().message;
    EXPECT_GE(*raised, 1);
    int after_first = escalations_of(id);
    EXPECT_EQ(after_first, *raised);

    EXPECT_EQ(*cases->raise_escalations(), 0);
    EXPECT_EQ(escalations_of(id), after_first);

    auto events = *store->case_events(id, 0, 1000);
    const auto& escalation = events.back();
    EXPECT_EQ(escalation.kind, EventKind::DeadlineEscalated);
    EXPECT_EQ(escalation.actor_user, "system");
    EXPECT_TRUE(escalation.data.contains("supervisor_institution_type"));
    EXPECT_GT(escalation.data.at("days_overdue").as_int64(), 0);
    // The escalation is part of the case's chain like any other event.
    EXPECT_EQ(escalation.previous_hash, events[events.size() - 2].hash);
}

}  // namespace
}  // namespace retorno
