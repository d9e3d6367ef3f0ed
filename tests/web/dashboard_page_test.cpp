// The dashboard page: supervisors and statistics coordinators see the suppressed figures with
// the server's charts and their tables; other roles get 403 and no link to it.

#include <gtest/gtest.h>

#include "support/api/page_client.h"
#include "support/api/test_server.h"

namespace retorno {
namespace {

using testing::PageClient;
using testing::TestServer;

class DashboardPage : public ::testing::Test {
  protected:
    void SetUp() override {
        server.start();
        server.add_user(server.institution(), {Role::Caseworker}, "caseworker");
        server.add_user(server.institution(), {Role::StatisticsCoordinator}, "statistics");
        // Two open cases: a count from 1 to 4, which the page must not show.
        for (int i = 0; i < 2; ++i) {
            auto created = server.client().post_json("/api/v1/cases", testing::sample_case_body());
            ASSERT_EQ(created.status, 201) << created.body;
        }
    }

    PageClient signed_in(const std::string& username) {
        PageClient client(server.anonymous_client().port());
        EXPECT_TRUE(client.sign_in(username, TestServer::kTestPassword));
        return client;
    }

    TestServer server;
};

TEST_F(DashboardPage, AStatisticsCoordinatorSeesTheChartsWithTheirTables) {
    auto client = signed_in("statistics");
    auto inbox = client.get("/inbox");
    EXPECT_NE(inbox.body.find("href=\"/dashboard\""), std::string::npos);
    auto page = client.get("/dashboard");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_NE(page.body.find("Panel de seguimiento"), std::string::npos);
    for (const char* id : {"open-by-step", "overdue", "returns-by-pair", "median-days"})
        EXPECT_NE(page.body.find("id=\"" + std::string(id) + "\""), std::string::npos) << id;
    EXPECT_NE(page.body.find("<svg"), std::string::npos);
    EXPECT_NE(page.body.find("aria-hidden=\"true\""), std::string::npos);
    EXPECT_NE(page.body.find("<caption>Casos abiertos por paso y país"), std::string::npos);
    // Two open cases are published as "<5", never as 2.
    EXPECT_NE(page.body.find("<dt>Casos abiertos</dt><dd>&lt;5</dd>"), std::string::npos);
    EXPECT_EQ(page.body.find("<dd>2</dd>"), std::string::npos);
    EXPECT_EQ(page.body.find("<td>2</td>"), std::string::npos);
    // Nothing that names a child: the sample child's name is not on the page.
    EXPECT_EQ(page.body.find("Pérez Xol"), std::string::npos);
}

TEST_F(DashboardPage, ASupervisorSeesItInEnglish) {
    auto client = signed_in(TestServer::kTestUser);
    auto page = client.get("/dashboard?lang=en");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_NE(page.body.find("<html lang=\"en\">"), std::string::npos);
    EXPECT_NE(page.body.find("Median days from identification to return"), std::string::npos);
    EXPECT_NE(page.body.find("<caption>Open cases by step"), std::string::npos);
}

TEST_F(DashboardPage, ACaseworkerHasNoLinkAndIsRefused) {
    auto client = signed_in("caseworker");
    auto inbox = client.get("/inbox");
    ASSERT_EQ(inbox.status, 200);
    EXPECT_EQ(inbox.body.find("href=\"/dashboard\""), std::string::npos);
    auto page = client.get("/dashboard");
    EXPECT_EQ(page.status, 403);
    EXPECT_EQ(page.body.find("<svg"), std::string::npos);
    PageClient anonymous(server.anonymous_client().port());
    EXPECT_EQ(anonymous.get("/dashboard").status, 303);
}

}  // namespace
}  // namespace retorno
