// The dashboard over the API: aggregates only, small cells suppressed, for supervisors and
// statistics coordinators of any institution. The figures themselves are checked in
// tests/reports/dashboard_test.cpp; this checks what crosses the wire. Runs on both stores.

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/api/test_server.h"

namespace retorno {
namespace {

namespace json = boost::json;
using testing::TestServer;

class DashboardApi : public ::testing::TestWithParam<testing::Backend> {
  protected:
    DashboardApi() : server(GetParam()) {}
    void SetUp() override { server.start(); }
    TestServer server;
};

TEST_P(DashboardApi, AStatisticsCoordinatorSeesCountsButNoChild) {
    // Six children found in Mexico (origin Guatemala), and one found in Costa Rica.
    for (int i = 0; i < 6; ++i)
        ASSERT_EQ(server.client().post_json("/api/v1/cases", testing::sample_case_body()).status,
                  201);
    auto costa_rica = server.add_institution("CR", "ChildProtectionAuthority");
    server.add_user(costa_rica, {Role::Caseworker}, "cr.caseworker");
    auto cr = server.anonymous_client().with_bearer(server.sign_in("cr.caseworker"));
    std::string body = testing::sample_case_body();
    body.replace(body.find(R"("destination_country": "MX")"), 27, R"("destination_country": "CR")");
    ASSERT_EQ(cr.post_json("/api/v1/cases", body).status, 201);

    auto statistics = server.add_institution("GT", "CentralGovernmentOrganisation");
    server.add_user(statistics, {Role::StatisticsCoordinator}, "gt.statistics");
    auto coordinator = server.anonymous_client().with_bearer(server.sign_in("gt.statistics"));
    auto reply = coordinator.get("/api/v1/reports/dashboard");
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(reply.header("content-type"), "application/json");
    EXPECT_EQ(reply.body.find("Ana"), std::string::npos) << "a name in the dashboard";
    EXPECT_EQ(reply.body.find("Pérez"), std::string::npos) << "a name in the dashboard";

    auto dashboard = json::parse(reply.body).as_object();
    EXPECT_EQ(dashboard.at("smallest_shown_count"), 5);
    EXPECT_EQ(dashboard.at("open_cases").at("count"), 7);
    int rows = 0;
    for (const auto& item : dashboard.at("open_by_step_and_country").as_array()) {
        const auto& row = item.as_object();
        ++rows;
        if (row.at("country") == "MX") {
            // Six is enough to show, but beside the total of seven it would give the one in
            // Costa Rica away: it is suppressed with it.
            EXPECT_TRUE(row.at("count").is_null()) << "7 - 6 would reveal the one";
            EXPECT_EQ(row.at("display"), "<5");
        } else {
            EXPECT_EQ(row.at("country"), "CR");
            EXPECT_TRUE(row.at("count").is_null()) << "one case must not be shown as 1";
            EXPECT_EQ(row.at("display"), "<5");
        }
    }
    EXPECT_EQ(rows, 2);
    EXPECT_TRUE(dashboard.at("median_days_to_return").is_null());
}

TEST_P(DashboardApi, ACaseworkerMayNotSeeIt) {
    server.add_user(server.institution(), {Role::Caseworker}, "mx.caseworker");
    auto caseworker = server.anonymous_client().with_bearer(server.sign_in("mx.caseworker"));
    EXPECT_EQ(caseworker.get("/api/v1/reports/dashboard").status, 403);
}

INSTANTIATE_TEST_SUITE_P(Api, DashboardApi, ::testing::ValuesIn(testing::kBothBackends),
                         [](const auto& info) { return testing::backend_name(info.param); });

}  // namespace
}  // namespace retorno
