#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/api/sample_case.h"
#include "support/api/test_server.h"

namespace retorno {
namespace {

namespace json = boost::json;
using testing::TestServer;

json::object parse(const std::string& text) {
    return json::parse(text).as_object();
}

class CasesApi : public ::testing::TestWithParam<testing::Backend> {
  protected:
    CasesApi() : server(GetParam()) {}
    void SetUp() override { server.start(); }
    TestServer server;
};

TEST_P(CasesApi, HealthzAnswersWithTheStore) {
    auto reply = server.client().get("/healthz");
    ASSERT_EQ(reply.status, 200);
    EXPECT_EQ(parse(reply.body).at("status"), "ok");
}

TEST_P(CasesApi, OpensACaseAndReadsItBack) {
    auto client = server.client();
    auto created = client.post_json("/api/v1/cases", testing::sample_case_body());
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.header("etag"), "\"1\"");
    auto body = parse(created.body);
    auto id = std::string(body.at("id").as_string());
    EXPECT_EQ(created.header("location"), "/api/v1/cases/" + id);
    EXPECT_EQ(body.at("cas_Status"), "Active");
    EXPECT_EQ(body.at("person").at("prs_FirstName"), "Ana Lucía");
    EXPECT_EQ(body.at("person").at("age_verified"), false);

    auto read = client.get("/api/v1/cases/" + id);
    ASSERT_EQ(read.status, 200);
    EXPECT_EQ(read.header("etag"), "\"1\"");
    EXPECT_EQ(read.header("cache-control"), "no-store");
    EXPECT_EQ(parse(read.body), body);
}

TEST_P(CasesApi, AppendsEventsWithTheVersionAndListsThemInOrder) {
    auto client = server.client();
    auto id = testing::open_sample_case(client);
    ASSERT_FALSE(id.empty());
    auto note = R"({"kind": "note_added", "data": {"cco_CaseComment": "Llamada al albergue."}})";
    auto first = client.post_json("/api/v1/cases/" + id + "/events", note, {{"If-Match", "\"1\""}});
    ASSERT_EQ(first.status, 201) << first.body;
    EXPECT_EQ(first.header("etag"), "\"2\"");
    auto second = client.post_json("/api/v1/cases/" + id + "/events", note, {{"If-Match", "2"}});
    ASSERT_EQ(second.status, 201) << second.body;

    auto events = parse(client.get("/api/v1/cases/" + id + "/events").body).at("items").as_array();
    ASSERT_EQ(events.size(), 3u);
    EXPECT_EQ(events[0].at("kind"), "case_opened");
    EXPECT_EQ(events[1].at("version"), 2);
    EXPECT_EQ(events[2].at("version"), 3);
    auto later = parse(client.get("/api/v1/cases/" + id + "/events?after_version=2").body);
    EXPECT_EQ(later.at("items").as_array().size(), 1u);
}

TEST_P(CasesApi, ListsCasesPageByPageWithFilters) {
    auto client = server.client();
    for (int i = 0; i < 5; ++i) {
        ASSERT_EQ(client.post_json("/api/v1/cases", testing::sample_case_body()).status, 201);
    }
    auto sv_body = testing::sample_case_body();
    sv_body.replace(sv_body.find("\"origin_country\": \"GT\""), 22, "\"origin_country\": \"SV\"");
    ASSERT_EQ(client.post_json("/api/v1/cases", sv_body).status, 201);

    auto first = parse(client.get("/api/v1/cases?limit=4").body);
    ASSERT_EQ(first.at("items").as_array().size(), 4u);
    ASSERT_TRUE(first.at("next").is_string());
    auto second =
        parse(client.get("/api/v1/cases?limit=4&after=" + std::string(first.at("next").as_string()))
                  .body);
    EXPECT_EQ(second.at("items").as_array().size(), 2u);
    EXPECT_TRUE(second.at("next").is_null());

    auto salvadoran = parse(client.get("/api/v1/cases?country=SV").body).at("items").as_array();
    ASSERT_EQ(salvadoran.size(), 1u);
    EXPECT_EQ(salvadoran[0].at("origin_country"), "SV");
    EXPECT_EQ(parse(client.get("/api/v1/cases?country=MX&status=Active").body)
                  .at("items")
                  .as_array()
                  .size(),
              6u);
    EXPECT_EQ(parse(client.get("/api/v1/cases?status=Closed").body).at("items").as_array().size(),
              0u);
}

TEST_P(CasesApi, UnknownAndMalformedIdsAreBothNotFound) {
    auto client = server.client();
    auto unknown = client.get("/api/v1/cases/0190a3c2-7b1e-7c3d-8e4f-5a6b7c8d9e0f");
    auto malformed = client.get("/api/v1/cases/not-an-id");
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(malformed.status, 404);
    EXPECT_EQ(parse(unknown.body).at("detail"), parse(malformed.body).at("detail"));
    EXPECT_EQ(unknown.header("content-type"), "application/problem+json");
}

TEST_P(CasesApi, AnswersMethodNotAllowedWithAllow) {
    auto reply = server.client().raw(testing::make_request("DELETE", "/api/v1/cases", {}, ""));
    EXPECT_EQ(reply.status, 405);
    EXPECT_EQ(reply.header("allow"), "POST, GET");
}

INSTANTIATE_TEST_SUITE_P(Store, CasesApi, ::testing::ValuesIn(testing::kBothBackends),
                         [](const auto& info) { return testing::backend_name(info.param); });

}  // namespace
}  // namespace retorno
