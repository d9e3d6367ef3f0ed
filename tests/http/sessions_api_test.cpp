// Sign-in and sign-out over HTTP.

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/api/test_server.h"

namespace retorno {
namespace {

namespace json = boost::json;
using testing::TestServer;

class SessionsApi : public ::testing::TestWithParam<testing::Backend> {
  protected:
    SessionsApi() : server(GetParam()) {}
    void SetUp() override { server.start(); }
    TestServer server;
};

TEST_P(SessionsApi, SignInGivesABearerTokenThatSignOutCloses) {
    auto client = server.anonymous_client();
    auto reply = client.post_json(
        "/api/v1/sessions", json::serialize(json::object{{"username", TestServer::kTestUser},
                                                         {"password", TestServer::kTestPassword}}));
    ASSERT_EQ(reply.status, 201) << reply.body;
    EXPECT_EQ(reply.header("cache-control"), "no-store");
    auto body = json::parse(reply.body).as_object();
    auto token = std::string(body.at("token").as_string());
    EXPECT_EQ(token.size(), 43u);
    EXPECT_TRUE(body.contains("expires_at"));

    auto signed_in = client.with_bearer(token);
    EXPECT_EQ(signed_in.get("/api/v1/cases").status, 200);
    EXPECT_EQ(signed_in.send("DELETE", "/api/v1/sessions/current").status, 204);
    auto after = signed_in.get("/api/v1/cases");
    EXPECT_EQ(after.status, 401);
    EXPECT_EQ(after.header("www-authenticate"), "Bearer realm=\"retorno\"");
}

TEST_P(SessionsApi, SignOutEverywhereClosesEverySessionOfTheUser) {
    auto a = server.anonymous_client().with_bearer(server.sign_in(TestServer::kTestUser));
    auto b = server.anonymous_client().with_bearer(server.sign_in(TestServer::kTestUser));
    EXPECT_EQ(a.send("DELETE", "/api/v1/sessions").status, 204);
    EXPECT_EQ(a.get("/api/v1/cases").status, 401);
    EXPECT_EQ(b.get("/api/v1/cases").status, 401);
}

TEST_P(SessionsApi, EveryBadCredentialGetsTheSameAnswer) {
    auto client = server.anonymous_client();
    auto attempt = [&](const std::string& body) {
        return client.post_json("/api/v1/sessions", body);
    };
    auto reference = attempt(R"({"username": "tester", "password": "wrong password!"})");
    ASSERT_EQ(reference.status, 401);
    for (const std::string& body :
         {std::string(R"({"username": "nobody", "password": "wrong password!"})"),
          std::string(R"({"username": "tester"})"),
          std::string(R"({"username": 5, "password": []})"),
          std::string(R"({"username": "tester", "password": ")") + std::string(4000, 'x') + "\"}",
          std::string(R"({"username": "tester", "password": "wrong password!", "totp": "12"})")}) {
        auto reply = attempt(body);
        EXPECT_EQ(reply.status, reference.status) << body.substr(0, 80);
        EXPECT_EQ(reply.body, reference.body) << body.substr(0, 80);
    }
}

// A sign-in body that cannot be read as credentials at all gets its 400, and an audit entry
// like every refused sign-in.
TEST_P(SessionsApi, UnreadableSignInsAreAudited) {
    auto client = server.anonymous_client();
    EXPECT_EQ(client.post_json("/api/v1/sessions", "{\"username\": ").status, 400);
    EXPECT_EQ(client.post_json("/api/v1/sessions", R"({"username": "a", "remember": true})").status,
              400);
    EXPECT_EQ(
        client.post_json("/api/v1/sessions", std::string(100, '[') + std::string(100, ']')).status,
        400);
    std::vector<std::string> reasons;
    const auto entries = server.store().audit_entries(0, 1000, "").value();
    for (const auto& entry : entries) {
        if (entry.action == "sign_in_refused")
            reasons.push_back(entry.reason);
    }
    EXPECT_EQ(reasons, (std::vector<std::string>{"unreadable request: malformed-json",
                                                 "unreadable request: unknown field",
                                                 "unreadable request: nesting-too-deep"}));
}

TEST_P(SessionsApi, EveryRouteButThePublicOnesNeedsASession) {
    auto anonymous = server.anonymous_client();
    EXPECT_EQ(anonymous.get("/healthz").status, 200);
    EXPECT_EQ(anonymous.get("/api/v1/openapi.json").status, 200);
    for (const char* bad : {"", "Bearer", "Bearer ", "Basic dGVzdGVyOnRlc3Q=",
                            "Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}) {
        auto reply = anonymous.get("/api/v1/cases", {{"Authorization", bad}});
        EXPECT_EQ(reply.status, 401) << bad;
    }
    auto reply = anonymous.get("/api/v1/cases");
    EXPECT_EQ(reply.status, 401);
    EXPECT_EQ(json::parse(reply.body).at("type"), "urn:retorno:problem:unauthenticated");
}

TEST_P(SessionsApi, ResponsesCarryTheSecurityHeaders) {
    for (const auto& reply :
         {server.anonymous_client().get("/healthz"), server.anonymous_client().get("/api/v1/cases"),
          server.client().get("/api/v1/cases")}) {
        EXPECT_EQ(reply.header("x-content-type-options"), "nosniff");
        EXPECT_EQ(reply.header("x-frame-options"), "DENY");
        EXPECT_EQ(reply.header("content-security-policy"),
                  "default-src 'none'; frame-ancestors 'none'");
        EXPECT_EQ(reply.header("referrer-policy"), "no-referrer");
        EXPECT_EQ(reply.header("cache-control"), "no-store");
    }
}

TEST_P(SessionsApi, RequestsBeyondTheRateOfASessionAreRefusedWithRetryAfter) {
    server.security().sessions.set_rate(0.001, 3);  // three now, the next in 1000 s
    auto client = server.anonymous_client().with_bearer(server.sign_in(TestServer::kTestUser));
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(client.get("/api/v1/cases").status, 200) << i;
    auto refused = client.get("/api/v1/cases");
    EXPECT_EQ(refused.status, 429);
    EXPECT_EQ(json::parse(refused.body).at("type"), "urn:retorno:problem:rate-limited");
    EXPECT_FALSE(refused.header("retry-after").empty());
    // Another session of the same user has its own allowance.
    auto other = server.anonymous_client().with_bearer(server.sign_in(TestServer::kTestUser));
    EXPECT_EQ(other.get("/api/v1/cases").status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, SessionsApi, ::testing::ValuesIn(testing::kBothBackends),
                         [](const auto& info) { return testing::backend_name(info.param); });

}  // namespace
}  // namespace retorno
