// The account page and each user's language: kept with the user (on both stores), applied at
// the next sign-in on any browser, while the sign-in page itself follows ?lang= and the cookie.

#include <gtest/gtest.h>

#include "support/api/page_client.h"
#include "support/api/test_server.h"

namespace retorno {
namespace {

using testing::PageClient;
using testing::TestServer;

class AccountPages : public ::testing::TestWithParam<testing::Backend> {
  protected:
    AccountPages() : server(GetParam()) {}
    void SetUp() override { server.start(); }

    PageClient browser() { return PageClient(server.anonymous_client().port()); }
    std::string stored_language() {
        return server.store().find_user_by_name(TestServer::kTestUser).value()->language;
    }

    TestServer server;
};

TEST_P(AccountPages, TheLanguageChosenIsKeptWithTheUserAndAppliedAtTheNextSignIn) {
    EXPECT_EQ(stored_language(), "es");
    auto first = browser();
    ASSERT_TRUE(first.sign_in(TestServer::kTestUser, TestServer::kTestPassword));
    auto account = first.get("/account");
    ASSERT_EQ(account.status, 200) << account.body;
    EXPECT_NE(account.body.find("<html lang=\"es\">"), std::string::npos);
    EXPECT_NE(account.body.find("value=\"es\" lang=\"es\" checked"), std::string::npos);
    EXPECT_NE(account.body.find("href=\"/account/password\""), std::string::npos);

    auto saved = first.post("/account/language", {{"language", "en"}});
    ASSERT_EQ(saved.status, 303) << saved.body;
    EXPECT_EQ(first.cookie("retorno_lang"), "en");  // this browser follows at once
    EXPECT_EQ(stored_language(), "en");
    auto after = first.get("/account?saved=1");
    EXPECT_NE(after.body.find("<html lang=\"en\">"), std::string::npos);
    EXPECT_NE(after.body.find("Your language was saved."), std::string::npos);

    // Another computer: the sign-in page is Spanish (no cookie there), the pages after sign-in
    // are the user's English.
    auto second = browser();
    auto sign_in = second.get("/sign-in");
    EXPECT_NE(sign_in.body.find("<html lang=\"es\">"), std::string::npos);
    ASSERT_TRUE(second.sign_in(TestServer::kTestUser, TestServer::kTestPassword));
    EXPECT_EQ(second.cookie("retorno_lang"), "en");
    auto inbox = second.get("/inbox");
    EXPECT_NE(inbox.body.find("<html lang=\"en\">"), std::string::npos);
    // ?lang= still switches this browser until the next sign-in; the user's choice stays.
    auto spanish = second.get("/inbox?lang=es");
    EXPECT_NE(spanish.body.find("<html lang=\"es\">"), std::string::npos);
    EXPECT_EQ(stored_language(), "en");
}

TEST_P(AccountPages, TheSignInPageFollowsTheCookieAndLang) {
    auto client = browser();
    EXPECT_NE(client.get("/sign-in?lang=en").body.find("<html lang=\"en\">"), std::string::npos);
    EXPECT_EQ(client.cookie("retorno_lang"), "en");
    EXPECT_NE(client.get("/sign-in").body.find("<html lang=\"en\">"), std::string::npos);
    // A Spanish-speaking user signing in on that browser gets Spanish pages.
    ASSERT_TRUE(client.sign_in(TestServer::kTestUser, TestServer::kTestPassword));
    EXPECT_EQ(client.cookie("retorno_lang"), "es");
    EXPECT_NE(client.get("/inbox").body.find("<html lang=\"es\">"), std::string::npos);
}

TEST_P(AccountPages, AnUnknownLanguageOrAMissingTokenChangesNothing) {
    auto client = browser();
    ASSERT_TRUE(client.sign_in(TestServer::kTestUser, TestServer::kTestPassword));
    client.get("/account");
    auto refused = client.post("/account/language", {{"language", "fr"}});
    EXPECT_EQ(refused.status, 400);
    EXPECT_NE(refused.body.find("id=\"language-error\""), std::string::npos);
    EXPECT_NE(refused.body.find("Elija español o inglés."), std::string::npos);
    EXPECT_EQ(client.post("/account/language", {{"language", "en"}}, false).status, 403);
    EXPECT_EQ(stored_language(), "es");
    PageClient anonymous(server.anonymous_client().port());
    EXPECT_EQ(anonymous.get("/account").status, 303);
}

TEST_P(AccountPages, ALanguageKeptInTheStoreAppliesAtSignIn) {
    ASSERT_TRUE(server.store().set_user_language(
        server.store().find_user_by_name(TestServer::kTestUser).value()->id, "en"));
    auto client = browser();
    ASSERT_TRUE(client.sign_in(TestServer::kTestUser, TestServer::kTestPassword));
    EXPECT_NE(client.get("/inbox").body.find("<html lang=\"en\">"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Web, AccountPages, ::testing::ValuesIn(testing::kBothBackends),
                         [](const auto& info) { return testing::backend_name(info.param); });

}  // namespace
}  // namespace retorno
