// The demo's data (`retorno init --demo`): a few cases of children found in Mexico opened days
// before it was made, so that its first start shows late tasks and their escalations to
// Mexico's committee (the README's tour, step 5).

#include <gtest/gtest.h>

#include <map>

#include "service/case_service.h"
#include "service/demo_data.h"
#include "store/sqlite/sqlite_store.h"
#include "support/manual_clock.h"
#include "support/throwaway_dir.h"
#include "synthetic/institutions.h"

namespace retorno {
namespace {

TEST(DemoData, AFewCasesAreOpenedDaysBackAndTheirLateTasksAreEscalatedAtTheFirstStart) {
    testing::ThrowawayDir dir;
    auto store = SqliteStore::open(dir.path() / "retorno.db").value();
    auto protocols = protocol::ProtocolRegistry::load_default().value();
    testing::ManualClock clock{*parse_timestamp("2026-03-02T09:00:00Z")};
    CaseService cases(*store, clock, protocols);
    ASSERT_TRUE(seed_demo_data(*store, cases, 150, synthetic::kDemoSeed));

    std::map<int, int> cases_by_days_back;
    CaseFilter filter;
    filter.limit = 200;
    const auto page = store->list_cases(filter).value();
    for (const auto& c : page.cases) {
        const auto days = std::chrono::duration_cast<std::chrono::hours>(clock.now() - c.opened_at);
        ++cases_by_days_back[static_cast<int>(days.count() / 24)];
        if (days.count() > 0) {
            EXPECT_EQ(c.destination_country, "MX");
        }
    }
    // Every third of the first 36 found in Mexico: 3 to 10 days back, the rest today.
    EXPECT_EQ(cases_by_days_back,
              (std::map<int, int>{
                  {0, 138}, {3, 2}, {4, 2}, {5, 2}, {6, 2}, {7, 1}, {8, 1}, {9, 1}, {10, 1}}));

    // The first start escalates their late tasks; Mexico's national committee, the demo's
    // `mx.comision`, finds some of them in its inbox.
    EXPECT_GE(cases.raise_escalations().value(), 12);
    int escalated_to_mexico = 0;
    const auto tasks =
        cases.open_tasks({"CentralGovernmentOrganisation", "MX", date_of(clock.now())}).value();
    for (const auto& found : tasks)
        escalated_to_mexico += found.task.days_overdue > 0 ? 1 : 0;
    EXPECT_GT(escalated_to_mexico, 0);
}

}  // namespace
}  // namespace retorno
