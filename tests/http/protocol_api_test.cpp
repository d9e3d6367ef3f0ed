#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/api/test_server.h"

namespace retorno {
namespace {

namespace json = boost::json;
using testing::TestServer;

class ProtocolApi : public ::testing::TestWithParam<testing::Backend> {
  protected:
    ProtocolApi() : server(GetParam()) {}
    void SetUp() override {
        server.start();
        auto created = client().post_json("/api/v1/cases", R"({
            "person": {"prs_FirstName": "Mario", "age_estimate": 16, "age_estimate_date": "2026-03-02"},
            "origin_country": "NI", "destination_country": "CR"})");
        ASSERT_EQ(created.status, 201) << created.body;
        id = std::string(json::parse(created.body).at("id").as_string());
    }

    testing::HttpClient client() const { return server.client(); }

    testing::HttpReply post(std::int64_t version, const std::string& body) {
        return client().post_json("/api/v1/cases/" + id + "/events", body,
                                  {{"If-Match", std::to_string(version)}});
    }

    json::object state() {
        auto reply = client().get("/api/v1/cases/" + id + "/state");
        EXPECT_EQ(reply.status, 200);
        return json::parse(reply.body).as_object();
    }

    TestServer server;
    std::string id;
};

TEST_P(ProtocolApi, TheCaseIsPinnedToTheProtocolOfItsCountries) {
    auto c = json::parse(client().get("/api/v1/cases/" + id).body).as_object();
    EXPECT_EQ(c.at("protocol").at("id"), "regional");
    auto s = state();
    EXPECT_EQ(s.at("protocol").at("id"), "regional");
    EXPECT_EQ(s.at("version"), 1);
}

// The absolute guard of decision point D1: once the screening finds that the child may need
// international protection, the consulate of the country of origin is never contacted.
TEST_P(ProtocolApi, RefusesTheConsularNotificationWhenTheChildMayNeedAsylum) {
    ASSERT_EQ(post(1, R"({"kind": "step_completed", "step": "immediate_protection", "data":
        {"protection_measure": "specialised_shelter", "guardian_appointed": true,
         "medical_care_given": true, "psychological_care_given": true}})")
                  .status,
              201);
    ASSERT_EQ(post(2, R"({"kind": "step_completed", "step": "interview", "data":
        {"interview_date": "2026-03-03", "interviewer_profession": "social_worker",
         "consent_obtained": true, "assent_obtained": true}})")
                  .status,
              201);
    ASSERT_EQ(post(3, R"({"kind": "step_completed", "step": "protection_screening", "data":
        {"international_protection_need": true}})")
                  .status,
              201);

    auto before_events = client().get("/api/v1/cases/" + id + "/events").body;
    auto refused = post(4, R"({"kind": "step_completed", "step": "consular_notification", "data":
        {"notification_date": "2026-03-04", "consulate": "Consulado", "focal_point": "Focal A"}})");
    ASSERT_EQ(refused.status, 409) << refused.body;
    auto problem = json::parse(refused.body).as_object();
    EXPECT_EQ(problem.at("type"), "urn:retorno:problem:protocol-rule");
    EXPECT_EQ(problem.at("rule"), "asylum-hold");
    EXPECT_FALSE(problem.at("detail").as_string().empty());
    // Nothing was written: same events, same version.
    EXPECT_EQ(client().get("/api/v1/cases/" + id + "/events").body, before_events);
    EXPECT_EQ(client().get("/api/v1/cases/" + id).header("etag"), "\"4\"");

    auto s = state();
    bool held = false;
    for (const auto& hold : s.at("holds").as_array()) {
        if (hold.as_object().contains("rule")
                ? hold.at("rule") == "asylum-hold"
                : json::serialize(hold).find("asylum-hold") != std::string::npos) {
            held = true;
        }
    }
    EXPECT_TRUE(held) << json::serialize(s.at("holds"));
}

TEST_P(ProtocolApi, RefusesAStepWhoseRequiredFieldsAreMissing) {
    auto refused =
        post(1, R"({"kind": "step_completed", "step": "immediate_protection", "data": {}})");
    EXPECT_EQ(refused.status / 100, 4) << refused.body;
    EXPECT_EQ(client().get("/api/v1/cases/" + id).header("etag"), "\"1\"");
}

TEST_P(ProtocolApi, RefusesAStepTheProtocolDoesNotHave) {
    auto refused = post(1, R"({"kind": "step_completed", "step": "teleportation", "data": {}})");
    EXPECT_EQ(refused.status, 409) << refused.body;
    EXPECT_EQ(json::parse(refused.body).at("rule"), "unknown-step");
}

TEST_P(ProtocolApi, TheStateOfAnUnknownCaseIsNotFound) {
    EXPECT_EQ(client().get("/api/v1/cases/0190a3c2-7b1e-7c3d-8e4f-5a6b7c8d9e0f/state").status, 404);
}

INSTANTIATE_TEST_SUITE_P(Store, ProtocolApi, ::testing::ValuesIn(testing::kBothBackends),
                         [](const auto& info) { return testing::backend_name(info.param); });

}  // namespace
}  // namespace retorno
