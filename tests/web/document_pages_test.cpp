// The documents from the case page: the links are offered to whoever the policy lets see the
// case, they work with the session cookie, and a role without the right is refused exactly as
// by the API (the 404 of a missing case), with nothing printed.

#include <gtest/gtest.h>

#include "support/api/page_client.h"
#include "support/api/sample_case.h"
#include "support/api/test_server.h"

namespace retorno {
namespace {

using testing::PageClient;
using testing::TestServer;

class DocumentPages : public ::testing::Test {
  protected:
    void SetUp() override {
        server.start();
        server.add_user(server.institution(), {Role::Caseworker}, "caseworker");
        server.add_user(server.institution(), {Role::StatisticsCoordinator}, "statistics");
        auto api = server.anonymous_client().with_bearer(server.sign_in("caseworker"));
        case_id = testing::open_sample_case(api);
        ASSERT_FALSE(case_id.empty());
    }

    PageClient signed_in(const std::string& username) {
        PageClient client(server.anonymous_client().port());
        EXPECT_TRUE(client.sign_in(username, TestServer::kTestPassword));
        return client;
    }

    std::size_t downloads() {
        auto entries = server.store().audit_entries(0, 500, case_id);
        EXPECT_TRUE(entries.has_value());
        std::size_t count = 0;
        for (const auto& entry : *entries) {
            if (entry.reason.starts_with("download "))
                ++count;
        }
        return count;
    }

    TestServer server;
    std::string case_id;
};

TEST_F(DocumentPages, ACaseworkerSeesTheThreeLinksAndGetsThePdfWithTheCookie) {
    auto client = signed_in("caseworker");
    auto page = client.get("/cases/" + case_id);
    ASSERT_EQ(page.status, 200) << page.body;
    for (const char* name : {"handover-record", "case-summary", "escort-authorisation"}) {
        auto href = "/cases/" + case_id + "/documents/" + name + ".pdf";
        EXPECT_NE(page.body.find("href=\"" + href + "\""), std::string::npos) << name;
    }
    EXPECT_NE(page.body.find("Acta de entrega y recepción"), std::string::npos);
    EXPECT_NE(page.body.find("Imprimir"), std::string::npos);

    auto pdf = client.get("/cases/" + case_id + "/documents/handover-record.pdf");
    ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 500);
    EXPECT_EQ(pdf.header("content-type"), "application/pdf");
    EXPECT_TRUE(pdf.body.starts_with("%PDF-"));
    EXPECT_NE(pdf.header("content-disposition").find(case_id + "-handover-record.pdf"),
              std::string::npos);
    EXPECT_EQ(pdf.header("cache-control"), "no-store");
    // Audited like the API's download: one read entry.
    EXPECT_EQ(downloads(), 1U);
}

TEST_F(DocumentPages, TheLinksFollowTheLanguageOfThePage) {
    auto client = signed_in("caseworker");
    auto page = client.get("/cases/" + case_id + "?lang=en");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Handover record"), std::string::npos);
    EXPECT_NE(page.body.find("Print:"), std::string::npos);
    EXPECT_EQ(client.get("/cases/" + case_id + "/documents/case-summary.pdf").status, 200);
}

TEST_F(DocumentPages, ARoleThatMayNotReadTheCaseSeesNoLinkAndIsRefusedLikeTheApi) {
    auto client = signed_in("statistics");
    auto page = client.get("/cases/" + case_id);
    EXPECT_EQ(page.status, 404);
    EXPECT_EQ(page.body.find("/documents/"), std::string::npos);
    for (const char* name : {"handover-record", "case-summary", "escort-authorisation"}) {
        auto reply = client.get("/cases/" + case_id + "/documents/" + name + ".pdf");
        EXPECT_EQ(reply.status, 404) << name;
        EXPECT_NE(reply.header("content-type"), "application/pdf");
    }
    // The API answers the same.
    auto api = server.anonymous_client().with_bearer(client.cookie("retorno_session"));
    EXPECT_EQ(api.get("/api/v1/cases/" + case_id + "/documents/handover-record.pdf").status, 404);
    // An id that cannot exist is a missing case, and a signed-out visitor is sent to sign in.
    EXPECT_EQ(signed_in("caseworker").get("/cases/nonsense/documents/case-summary.pdf").status,
              404);
    PageClient anonymous(server.anonymous_client().port());
    EXPECT_EQ(anonymous.get("/cases/" + case_id + "/documents/case-summary.pdf").status, 303);
    EXPECT_EQ(downloads(), 0U);
}

TEST_F(DocumentPages, ThePrintStylesheetHidesNavigationAndForms) {
    PageClient client(server.anonymous_client().port());
    auto css = client.get("/static/retorno.css");
    ASSERT_EQ(css.status, 200);
    auto print = css.body.find("@media print");
    ASSERT_NE(print, std::string::npos);
    auto rules = css.body.substr(print);
    EXPECT_NE(rules.find("header nav, footer, form"), std::string::npos);
    EXPECT_NE(rules.find("color: #000"), std::string::npos);
}

}  // namespace
}  // namespace retorno
