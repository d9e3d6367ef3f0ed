// The dashboard on both stores, over synthetic cases that the test carries through the protocol
// itself: every figure is checked against the test's own count of what it did, and every count
// from 1 to 4 must come out suppressed.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include <boost/json.hpp>

#include "reports/dashboard_cache.h"
#include "reports/dashboard_charts.h"
#include "reports/dashboard_service.h"
#include "service/case_service.h"
#include "store/store_backends.h"
#include "support/estimated_age_case.h"
#include "support/manual_clock.h"
#include "support/voluntary_return.h"

namespace retorno {
namespace {

using testing::ManualClock;

namespace json = boost::json;
using reports::Cell;

// The test's own median, written differently from the service's.
double expected_median(std::vector<double> values) {
    auto n = values.size();
    std::nth_element(values.begin(), values.begin() + n / 2, values.end());
    double upper = values[n / 2];
    if (n % 2 == 1)
        return upper;
    double lower = *std::max_element(values.begin(), values.begin() + n / 2);
    return (lower + upper) / 2;
}

Cell shown(std::int64_t count) {
    return count > 0 && count < 5 ? Cell{std::nullopt} : Cell{count};
}

class Dashboard : public ::testing::TestWithParam<testing::Backend> {
  protected:
    void SetUp() override {
        RETORNO_OPEN_BACKEND_OR_SKIP(backing, GetParam());
        auto registry = protocol::ProtocolRegistry::load_default();
        ASSERT_TRUE(registry) << registry.error().message;
        protocols = std::move(*registry);
        cases = std::make_unique<CaseService>(*backing.store, clock, protocols);
    }

    Id open(const char* origin, const char* destination) {
        auto opened = cases->open_case(
            testing::estimated_age_case("Nombre Sintético", origin, destination, clock.now()),
            Actor{});
        EXPECT_TRUE(opened) << opened.error().message;
        return opened->id;
    }

    // Records the first `count` events of the voluntary return, `hours` apart.
    void walk(const Id& id, std::size_t count, int hours) {
        const auto& events = testing::voluntary_return_walk();
        for (std::size_t i = 0; i < count && i < events.size(); ++i) {
            clock.advance(std::chrono::hours(hours));
            auto body = json::object{{"kind", events[i].kind},
                                     {"step", events[i].step},
                                     {"data", json::parse(events[i].data)}};
            auto request = record_event_request_from_json(body);
            ASSERT_TRUE(request) << request.error().message;
            auto version = cases->get_case(id)->version;
            auto recorded = cases->record_event(id, version, *request, Actor{});
            ASSERT_TRUE(recorded) << events[i].step << ": " << recorded.error().message;
        }
    }

    Actor coordinator() const {
        Actor actor;
        actor.user_id = "statistics";
        actor.roles = {Role::StatisticsCoordinator};
        return actor;
    }

    testing::StoreUnderTest backing;
    protocol::ProtocolRegistry protocols;
    // Early enough that the whole story stays in the past of the real clock, which the person
    // decoder checks dates against.
    ManualClock clock{*parse_timestamp("2025-01-06T09:00:00Z")};
    std::unique_ptr<CaseService> cases;
};

TEST_P(Dashboard, CountsWhatTheTestDidAndSuppressesSmallCells) {
    const std::size_t whole = testing::voluntary_return_walk().size();
    std::vector<double> days_hn_mx;
    std::vector<double> days_ni_cr;
    // Seven children found in Mexico, nothing done yet: immediate protection, in Mexico.
    for (int i = 0; i < 7; ++i)
        open("HN", "MX");
    // Three in Costa Rica, protected: the interview, in Costa Rica (a small cell).
    for (int i = 0; i < 3; ++i)
        walk(open("NI", "CR"), 1, 6);
    // Six returned from Mexico to Honduras, taking 12, 24, ... 72 days; then the reintegration
    // plan, in Honduras.
    for (int k = 0; k < 6; ++k) {
        walk(open("HN", "MX"), whole, 24 * (k + 1));
        days_hn_mx.push_back(static_cast<double>(whole) * (k + 1));
    }
    // Two returned from Costa Rica to Nicaragua in 60 days (too few to show).
    for (int k = 0; k < 2; ++k) {
        walk(open("NI", "CR"), whole, 24 * 5);
        days_ni_cr.push_back(static_cast<double>(whole) * 5);
    }
    // Five returned from Mexico to Guatemala in 24 days: enough to show, but the smallest
    // other cell of the returns, so suppressed with the two (the total would give them away).
    std::vector<double> days_gt_mx;
    for (int k = 0; k < 5; ++k) {
        walk(open("GT", "MX"), whole, 24 * 2);
        days_gt_mx.push_back(static_cast<double>(whole) * 2);
    }
    // Two months later every open task is past its deadline.
    clock.advance(std::chrono::hours(24 * 60));

    reports::DashboardService service(*cases, clock);
    auto dashboard = service.compute(coordinator());
    ASSERT_TRUE(dashboard) << dashboard.error().message;

    EXPECT_EQ(dashboard->open_cases, shown(23));
    std::map<std::pair<std::string, std::string>, Cell> open_cells;
    for (const auto& row : dashboard->open_by_step_and_country)
        open_cells[{row.step, row.country}] = row.cases;
    std::map<std::pair<std::string, std::string>, Cell> expected_open{
        {{"immediate_protection", "MX"}, shown(7)}, {{"interview", "CR"}, shown(3)},
        {{"reintegration_plan", "HN"}, shown(6)},   {{"reintegration_plan", "NI"}, shown(2)},
        {{"reintegration_plan", "GT"}, shown(5)},
    };
    EXPECT_EQ(open_cells, expected_open);

    // Guatemala's protocol also asks its court to review each return: a second open task.
    EXPECT_EQ(dashboard->overdue_tasks, shown(28));
    std::map<std::pair<std::string, std::string>, Cell> overdue_cells;
    for (const auto& row : dashboard->overdue_by_country_and_step)
        overdue_cells[{row.step, row.country}] = row.tasks;
    auto expected_overdue = expected_open;
    expected_overdue[{"court_review_on_return", "GT"}] = shown(5);
    EXPECT_EQ(overdue_cells, expected_overdue);

    EXPECT_EQ(dashboard->returns, shown(13));
    std::vector<double> all = days_hn_mx;
    all.insert(all.end(), days_ni_cr.begin(), days_ni_cr.end());
    all.insert(all.end(), days_gt_mx.begin(), days_gt_mx.end());
    ASSERT_TRUE(dashboard->median_days_to_return);
    EXPECT_NEAR(*dashboard->median_days_to_return, expected_median(all), 0.01);
    ASSERT_EQ(dashboard->returns_by_country_pair.size(), 3u);
    for (const auto& pair : dashboard->returns_by_country_pair) {
        if (pair.origin == "HN") {
            EXPECT_EQ(pair.destination, "MX");
            EXPECT_EQ(pair.returns, shown(6));
            ASSERT_TRUE(pair.median_days);
            EXPECT_NEAR(*pair.median_days, expected_median(days_hn_mx), 0.01);
        } else if (pair.origin == "GT") {
            EXPECT_EQ(pair.destination, "MX");
            EXPECT_EQ(pair.returns, Cell{std::nullopt}) << "complementary suppression";
            EXPECT_FALSE(pair.median_days) << "a median beside a suppressed count";
        } else {
            EXPECT_EQ(pair.origin, "NI");
            EXPECT_EQ(pair.destination, "CR");
            EXPECT_EQ(pair.returns, shown(2));
            EXPECT_FALSE(pair.median_days) << "a median of two returns must not be shown";
        }
    }

    // The JSON carries "<5" and null for small cells, never their number.
    auto body = json::serialize(reports::dashboard_to_json(*dashboard));
    EXPECT_NE(body.find(R"("country":"CR","count":null,"display":"<5")"), std::string::npos)
        << body;
    EXPECT_EQ(body.find("Nombre"), std::string::npos);
}

TEST_P(Dashboard, TheChartsAreSvgWithTheirTablesAndNoBarForASuppressedCell) {
    for (int i = 0; i < 6; ++i)
        open("HN", "MX");
    for (int i = 0; i < 2; ++i)
        walk(open("NI", "CR"), 1, 6);
    // Five in Guatemala: suppressed with the two, so that the total gives neither away.
    for (int i = 0; i < 5; ++i)
        open("HN", "GT");
    reports::DashboardService service(*cases, clock);
    auto dashboard = service.compute(coordinator());
    ASSERT_TRUE(dashboard) << dashboard.error().message;
    const auto* regional = protocols.latest("regional");
    ASSERT_NE(regional, nullptr);

    auto html = reports::render_dashboard_charts(*dashboard, *regional, protocol::Language::Es);
    ASSERT_TRUE(html) << html.error().message;
    EXPECT_EQ(std::count(html->begin(), html->end(), '\n') > 0, true);
    auto occurrences = [&](const std::string& needle) {
        int n = 0;
        for (auto at = html->find(needle); at != std::string::npos; at = html->find(needle, at + 1))
            ++n;
        return n;
    };
    EXPECT_EQ(occurrences("<figure"), 4);
    // Charts with bars have an SVG and a table; the two without data say so.
    EXPECT_EQ(occurrences("<svg"), 1);
    EXPECT_EQ(occurrences("<table>"), 1);
    EXPECT_EQ(occurrences("Sin datos por ahora."), 3);
    // Six cases in Mexico get a bar; two in Costa Rica and five in Guatemala get none, "<5".
    EXPECT_EQ(occurrences("<rect"), 1);
    EXPECT_NE(html->find("Protección inmediata · México"), std::string::npos) << *html;
    EXPECT_NE(html->find("<td>&lt;5</td>"), std::string::npos) << *html;
    EXPECT_NE(html->find("<td>6</td>"), std::string::npos) << *html;

    auto english = reports::render_dashboard_charts(*dashboard, *regional, protocol::Language::En);
    ASSERT_TRUE(english);
    EXPECT_NE(english->find("Immediate protection · Mexico"), std::string::npos) << *english;
}

TEST_P(Dashboard, OnlySupervisorsAndStatisticsCoordinatorsSeeIt) {
    reports::DashboardService service(*cases, clock);
    for (auto role : {Role::Caseworker, Role::Psychologist, Role::LegalOfficer,
                      Role::ConsularOfficer, Role::Administrator}) {
        Actor actor;
        actor.roles = {role};
        auto refused = service.compute(actor);
        ASSERT_FALSE(refused) << to_string(role);
        EXPECT_EQ(refused.error().code, ErrorCode::Forbidden);
    }
    Actor supervisor;
    supervisor.roles = {Role::Supervisor};
    EXPECT_TRUE(service.compute(supervisor));
}

TEST_P(Dashboard, TheCacheServesTheLastDashboardUntilItIsTooOld) {
    for (int i = 0; i < 5; ++i)
        open("HN", "MX");
    reports::DashboardService service(*cases, clock);
    reports::DashboardCache cache(std::chrono::minutes(5));
    EXPECT_EQ(cache.get(service, clock, coordinator())->open_cases, shown(5));
    open("HN", "MX");
    EXPECT_EQ(cache.get(service, clock, coordinator())->open_cases, shown(5)) << "not cached";
    clock.advance(std::chrono::hours(1));
    EXPECT_EQ(cache.get(service, clock, coordinator())->open_cases, shown(6)) << "too old";
    Actor caseworker;
    caseworker.roles = {Role::Caseworker};
    auto refused = cache.get(service, clock, caseworker);
    ASSERT_FALSE(refused) << "a cached dashboard must not bypass the role check";
    EXPECT_EQ(refused.error().code, ErrorCode::Forbidden);
}

// The server refreshes the cache on a schedule: a request then gets the refreshed dashboard
// without computing one, and the role check still comes first.
TEST_P(Dashboard, ARefreshedCacheServesWithoutComputingAndStillChecksTheRole) {
    for (int i = 0; i < 5; ++i)
        open("GT", "MX");
    reports::DashboardService service(*cases, clock);
    reports::DashboardCache cache(std::chrono::minutes(5));
    ASSERT_TRUE(cache.refresh(service));
    open("GT", "MX");
    EXPECT_EQ(cache.get(service, clock, coordinator())->open_cases, shown(5))
        << "a request computed instead of serving the refreshed dashboard";
    ASSERT_TRUE(cache.refresh(service));
    EXPECT_EQ(cache.get(service, clock, coordinator())->open_cases, shown(6));
    Actor psychologist;
    psychologist.roles = {Role::Psychologist};
    auto refused = cache.get(service, clock, psychologist);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::Forbidden);
}

TEST(Median, OfOddAndEvenCounts) {
    EXPECT_FALSE(reports::median({}));
    EXPECT_DOUBLE_EQ(*reports::median({3}), 3);
    EXPECT_DOUBLE_EQ(*reports::median({9, 1, 5}), 5);
    EXPECT_DOUBLE_EQ(*reports::median({4, 1, 3, 2}), 2.5);
}

TEST(SmallCells, OneToFourAreSuppressedAndZeroIsShown) {
    EXPECT_EQ(reports::display(reports::suppress_small(0)), "0");
    for (int n = 1; n < 5; ++n) {
        EXPECT_FALSE(reports::suppress_small(n).count);
        EXPECT_EQ(reports::display(reports::suppress_small(n)), "<5");
    }
    EXPECT_EQ(reports::display(reports::suppress_small(5)), "5");
}

// With the total published, one suppressed cell could be worked out by subtraction; a second
// one, the smallest non-zero shown cell, is suppressed with it.
TEST(SmallCells, NoSuppressedCountCanBeWorkedOutFromTheTotal) {
    using Cells = std::vector<reports::Cell>;
    const reports::Cell hidden{std::nullopt};
    auto shown = [](std::int64_t n) { return reports::Cell{n}; };
    struct Row {
        std::vector<std::int64_t> counts;
        Cells want;
    };
    const Row rows[] = {
        {{12, 3, 7}, {shown(12), hidden, hidden}},
        {{12, 3, 2}, {shown(12), hidden, hidden}},  // two already: only their sum is known
        {{3, 0}, {hidden, shown(0)}},               // the total is suppressed as well
        {{0, 9, 4, 0, 6}, {shown(0), shown(9), hidden, shown(0), hidden}},
        {{20, 30}, {shown(20), shown(30)}},
        {{}, {}},
    };
    for (const auto& row : rows)
        EXPECT_EQ(reports::suppress_with_total(row.counts), row.want);

    // Whatever the counts: never exactly one suppressed cell beside a published total.
    std::mt19937 random(2026);
    for (int round = 0; round < 2000; ++round) {
        std::vector<std::int64_t> counts(1 + random() % 6);
        std::int64_t total = 0;
        for (auto& count : counts) {
            count = static_cast<std::int64_t>(random() % 12);
            total += count;
        }
        auto cells = reports::suppress_with_total(counts);
        std::size_t suppressed = 0;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            suppressed += cells[i].count ? 0 : 1;
            if (cells[i].count) {
                EXPECT_EQ(*cells[i].count, counts[i]);
            }
            if (counts[i] > 0 && counts[i] < reports::kSmallestShownCount) {
                EXPECT_FALSE(cells[i].count);
            }
        }
        if (reports::suppress_small(total).count) {
            EXPECT_NE(suppressed, 1u);
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Stores, Dashboard,
                         ::testing::ValuesIn({testing::Backend::Sqlite,
                                              testing::Backend::Postgres}),
                         [](const auto& info) { return testing::backend_name(info.param); });

}  // namespace
}  // namespace retorno
