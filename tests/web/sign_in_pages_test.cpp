// The page framework over a real server: sign-in by form with a session cookie, CSRF on every
// form post, sign-out, password change, language, and the security headers of pages.

#include <gtest/gtest.h>

#include "support/api/page_client.h"
#include "support/api/test_server.h"

namespace retorno {
namespace {

using testing::PageClient;
using testing::TestServer;

class SignInPages : public ::testing::Test {
  protected:
    void SetUp() override { server.start(); }
    PageClient browser() { return PageClient(server.anonymous_client().port()); }
    TestServer server;
};

TEST_F(SignInPages, ASignedOutVisitorIsSentToTheSignInPage) {
    auto client = browser();
    auto reply = client.get("/inbox");
    EXPECT_EQ(reply.status, 303);
    EXPECT_EQ(reply.header("location"), "/sign-in?next=/inbox");
    auto form = client.get("/sign-in?next=/inbox");
    EXPECT_EQ(form.status, 200);
    EXPECT_NE(form.body.find("<html lang=\"es\">"), std::string::npos);
    EXPECT_NE(form.body.find("Iniciar sesión"), std::string::npos);
    EXPECT_FALSE(client.cookie("retorno_presession").empty());
    EXPECT_EQ(client.csrf(), client.cookie("retorno_presession"));
}

TEST_F(SignInPages, SignInSetsAStrictHttpOnlySecureSessionCookie) {
    auto client = browser();
    client.get("/sign-in");
    auto reply = client.post("/sign-in", {{"username", TestServer::kTestUser},
                                          {"password", TestServer::kTestPassword},
                                          {"next", "/inbox"}});
    ASSERT_EQ(reply.status, 303) << reply.body;
    EXPECT_EQ(reply.header("location"), "/inbox");
    bool found = false;
    for (const auto& cookie : reply.set_cookies) {
        if (!cookie.starts_with("retorno_session="))
            continue;
        found = true;
        EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
        EXPECT_NE(cookie.find("Secure"), std::string::npos) << cookie;
        EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos) << cookie;
    }
    EXPECT_TRUE(found);
    auto inbox = client.get("/inbox");
    EXPECT_EQ(inbox.status, 200) << inbox.body;
    EXPECT_NE(inbox.body.find("Salir"), std::string::npos);
    // The session is the API's: the same token works as a bearer token.
    auto api = server.anonymous_client().with_bearer(client.cookie("retorno_session"));
    EXPECT_EQ(api.get("/api/v1/cases").status, 200);
}

TEST_F(SignInPages, AWrongPasswordShowsOneMessageAndNoSession) {
    auto client = browser();
    client.get("/sign-in");
    auto reply = client.post(
        "/sign-in", {{"username", TestServer::kTestUser}, {"password", "not the password"}});
    EXPECT_EQ(reply.status, 401);
    EXPECT_NE(reply.body.find("no son correctos"), std::string::npos);
    EXPECT_TRUE(client.cookie("retorno_session").empty());
}

TEST_F(SignInPages, ASignInPostWithoutOrWithAWrongTokenIsRefused) {
    auto client = browser();
    client.get("/sign-in");
    auto without = client.post(
        "/sign-in", {{"username", TestServer::kTestUser}, {"password", TestServer::kTestPassword}},
        false);
    EXPECT_EQ(without.status, 403);
    auto wrong = client.post("/sign-in", {{"username", TestServer::kTestUser},
                                          {"password", TestServer::kTestPassword},
                                          {"csrf", "forged-token"}});
    EXPECT_EQ(wrong.status, 403);
    EXPECT_TRUE(client.cookie("retorno_session").empty());
}

TEST_F(SignInPages, APasswordChangeWithoutOrWithAWrongTokenIsRefusedAndChangesNothing) {
    auto client = browser();
    ASSERT_TRUE(client.sign_in(TestServer::kTestUser, TestServer::kTestPassword));
    client.get("/account/password");
    const std::map<std::string, std::string> change{{"current_password", TestServer::kTestPassword},
                                                    {"new_password", "una clave nueva y larga"},
                                                    {"repeat_password", "una clave nueva y larga"}};
    EXPECT_EQ(client.post("/account/password", change, false).status, 403);
    auto forged = change;
    forged["csrf"] = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    EXPECT_EQ(client.post("/account/password", forged).status, 403);
    // Another session's token is no good either: it is bound to the session.
    auto other = browser();
    ASSERT_TRUE(other.sign_in(TestServer::kTestUser, TestServer::kTestPassword));
    other.get("/inbox");
    auto borrowed = change;
    borrowed["csrf"] = other.csrf();
    EXPECT_EQ(client.post("/account/password", borrowed).status, 403);
    // Nothing changed: the old password still signs in and both sessions still work.
    EXPECT_EQ(client.get("/inbox").status, 200);
    EXPECT_TRUE(browser().sign_in(TestServer::kTestUser, TestServer::kTestPassword));
}

TEST_F(SignInPages, APasswordChangeClosesEverySessionAndTheNewPasswordWorks) {
    auto client = browser();
    ASSERT_TRUE(client.sign_in(TestServer::kTestUser, TestServer::kTestPassword));
    client.get("/account/password");
    auto wrong = client.post("/account/password", {{"current_password", "not it"},
                                                   {"new_password", "una clave nueva y larga"},
                                                   {"repeat_password", "una clave nueva y larga"}});
    EXPECT_EQ(wrong.status, 400);
    EXPECT_NE(wrong.body.find("aria-invalid=\"true\""), std::string::npos);
    auto changed =
        client.post("/account/password", {{"current_password", TestServer::kTestPassword},
                                          {"new_password", "una clave nueva y larga"},
                                          {"repeat_password", "una clave nueva y larga"}});
    ASSERT_EQ(changed.status, 303) << changed.body;
    EXPECT_EQ(client.get("/inbox").status, 303);
    EXPECT_FALSE(browser().sign_in(TestServer::kTestUser, TestServer::kTestPassword));
    EXPECT_TRUE(browser().sign_in(TestServer::kTestUser, "una clave nueva y larga"));
}

TEST_F(SignInPages, SignOutNeedsTheTokenAndEndsTheSession) {
    auto client = browser();
    ASSERT_TRUE(client.sign_in(TestServer::kTestUser, TestServer::kTestPassword));
    client.get("/inbox");
    EXPECT_EQ(client.post("/sign-out", {}, false).status, 403);
    EXPECT_EQ(client.get("/inbox").status, 200);
    auto token = client.cookie("retorno_session");
    EXPECT_EQ(client.post("/sign-out", {}).status, 303);
    EXPECT_TRUE(client.cookie("retorno_session").empty());
    client.set_cookie("retorno_session", token);
    EXPECT_EQ(client.get("/inbox").status, 303);
}

TEST_F(SignInPages, OnlyPathsOfThisSiteAreFollowedAfterSignIn) {
    auto client = browser();
    client.get("/sign-in");
    auto reply = client.post("/sign-in", {{"username", TestServer::kTestUser},
                                          {"password", TestServer::kTestPassword},
                                          {"next", "//attacker.example/"}});
    ASSERT_EQ(reply.status, 303);
    EXPECT_EQ(reply.header("location"), "/inbox");
}

TEST_F(SignInPages, EnglishOnRequestIsRemembered) {
    auto client = browser();
    ASSERT_TRUE(client.sign_in(TestServer::kTestUser, TestServer::kTestPassword));
    auto english = client.get("/inbox?lang=en");
    EXPECT_NE(english.body.find("<html lang=\"en\">"), std::string::npos);
    EXPECT_NE(english.body.find("Sign out"), std::string::npos);
    EXPECT_EQ(client.cookie("retorno_lang"), "en");
    auto later = client.get("/inbox");
    EXPECT_NE(later.body.find("<html lang=\"en\">"), std::string::npos);
    EXPECT_EQ(later.header("content-language"), "en");
}

TEST_F(SignInPages, PagesHaveAStrictPolicyAndNoInlineScriptOrStyle) {
    auto client = browser();
    ASSERT_TRUE(client.sign_in(TestServer::kTestUser, TestServer::kTestPassword));
    for (const char* target : {"/sign-in", "/inbox", "/account/password"}) {
        auto reply = client.get(target);
        ASSERT_EQ(reply.status, 200) << target;
        auto csp = reply.header("content-security-policy");
        EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << target;
        EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << target;
        EXPECT_EQ(reply.header("cache-control"), "no-store") << target;
        EXPECT_EQ(reply.body.find(" style="), std::string::npos) << target;
        EXPECT_EQ(reply.body.find("<style"), std::string::npos) << target;
        EXPECT_EQ(reply.body.find("<script>"), std::string::npos) << target;
    }
}

TEST_F(SignInPages, StaticFilesAreCachedForAYearWithETagAndGzip) {
    auto http = server.anonymous_client();
    auto page = http.get("/sign-in");
    auto at = page.body.find("/static/pico");
    ASSERT_NE(at, std::string::npos);
    auto href = page.body.substr(at, page.body.find('"', at) - at);
    auto plain = http.get(href);
    ASSERT_EQ(plain.status, 200);
    EXPECT_EQ(plain.header("cache-control"), "public, max-age=31536000, immutable");
    EXPECT_EQ(plain.header("content-type"), "text/css; charset=utf-8");
    auto etag = plain.header("etag");
    ASSERT_FALSE(etag.empty());
    auto zipped = http.get(href, {{"Accept-Encoding", "gzip, deflate"}});
    EXPECT_EQ(zipped.header("content-encoding"), "gzip");
    EXPECT_LT(zipped.body.size(), plain.body.size() / 3);
    EXPECT_EQ(http.get(href, {{"If-None-Match", etag}}).status, 304);
    EXPECT_EQ(http.get("/static/no-such-file.css").status, 404);
}

// Issue 5's budget: a first visit under 100 KB compressed, a later page under 20 KB.
TEST_F(SignInPages, AFirstVisitIsUnder100KilobytesAndALaterPageUnder20) {
    auto http = server.anonymous_client();
    const std::map<std::string, std::string> gzip{{"Accept-Encoding", "gzip"}};
    auto page = http.get("/sign-in", gzip);
    ASSERT_EQ(page.header("content-encoding"), "gzip");
    // The gzipped page itself cannot be searched, so the links come from the plain one.
    auto plain = http.get("/sign-in");
    std::size_t from = 0;
    std::size_t assets = 0;
    while ((from = plain.body.find("/static/", from)) != std::string::npos) {
        auto end = plain.body.find('"', from);
        assets += http.get(plain.body.substr(from, end - from), gzip).body.size();
        from = end;
    }
    auto total = page.body.size() + assets;
    EXPECT_GE(assets, 10'000u);
    EXPECT_LT(total, 100'000u) << "first visit: " << total << " bytes";
    auto client = PageClient(http.port());
    ASSERT_TRUE(client.sign_in(TestServer::kTestUser, TestServer::kTestPassword));
    EXPECT_LT(client.get("/inbox").body.size(), 20'000u);
    RecordProperty("first_visit_bytes", static_cast<int>(total));
}

}  // namespace
}  // namespace retorno
