// The case page's "who has seen the file": supervisors and legal officers see the latest
// entries of the case's audit trail, the latest first; a caseworker does not see it.

#include <gtest/gtest.h>

#include <optional>

#include <fmt/format.h>

#include "support/api/page_client.h"
#include "support/api/sample_case.h"
#include "support/api/test_server.h"

namespace retorno {
namespace {

using testing::PageClient;
using testing::TestServer;

class AccessLog : public ::testing::Test {
  protected:
    void SetUp() override {
        server.start();
        server.add_user(server.institution(), {Role::Supervisor}, "mx.supervisa");
        server.add_user(server.institution(), {Role::Caseworker}, "mx.atiende");
        case_id = testing::open_sample_case(server.client());
        ASSERT_FALSE(case_id.empty());
    }

    std::string page_as(const std::string& username) {
        PageClient client(server.anonymous_client().port());
        EXPECT_TRUE(client.sign_in(username, TestServer::kTestPassword));
        auto page = client.get("/cases/" + case_id);
        EXPECT_EQ(page.status, 200) << page.body;
        return page.body;
    }

    TestServer server;
    std::string case_id;
};

TEST_F(AccessLog, ASupervisorSeesTheLatestEntriesFirst) {
    // 600 reads by synthetic actors, more than the page shows, after the case was opened.
    std::vector<AuditEntry> reads;
    for (int i = 0; i < 600; ++i) {
        AuditEntry entry;
        entry.recorded_at = "2026-05-01T10:00:00.000Z";
        entry.actor_user = fmt::format("lector-{:03}", i);
        entry.actor_institution = server.institution().id.to_string();
        entry.address = "192.0.2.9";
        entry.action = "read";
        entry.case_id = case_id;
        reads.push_back(entry);
    }
    ASSERT_TRUE(server.store().append_audit(
        reads, [](const AuditEntry& e) { return fmt::format("h{}", e.seq); }, {}));

    const auto body = page_as("mx.supervisa");
    const auto section = body.find("id=\"access\"");
    ASSERT_NE(section, std::string::npos) << body;
    // The latest readers come first, in order; the earliest are beyond the 500 shown.
    const auto newest = body.find("lector-599", section);
    const auto next = body.find("lector-598", section);
    ASSERT_NE(newest, std::string::npos);
    ASSERT_NE(next, std::string::npos);
    EXPECT_LT(newest, next);
    EXPECT_EQ(body.find("lector-000", section), std::string::npos);
    const auto end = body.find("</section>", section);
    std::size_t shown = 0;
    for (auto at = body.find("<tr><td>", section); at < end; at = body.find("<tr><td>", at + 1))
        ++shown;
    EXPECT_EQ(shown, 500u);
}

TEST_F(AccessLog, ACaseworkerDoesNotSeeIt) {
    const auto body = page_as("mx.atiende");
    EXPECT_EQ(body.find("id=\"access\""), std::string::npos);
}

}  // namespace
}  // namespace retorno
