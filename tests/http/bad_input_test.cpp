#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/api/sample_case.h"
#include "support/api/store_snapshot.h"
#include "support/api/test_server.h"

namespace retorno {
namespace {

namespace json = boost::json;
using testing::TestServer;

struct BadRequest {
    const char* name;
    const char* method;
    const char* target;  // "{id}" is replaced by an existing case id
    std::map<std::string, std::string> headers;
    std::string body;
    int status;
    const char* type;     // urn:retorno:problem:<type>
    const char* pointer;  // expected "pointer" member, or "" when none
};

std::string with_person(const std::string& person_fields) {
    return R"({"origin_country": "GT", "destination_country": "MX", "person": {)" + person_fields +
           "}}";
}

const std::map<std::string, std::string> kJson{{"Content-Type", "application/json"}};

std::vector<BadRequest> bad_requests() {
    auto json_v1 = kJson;
    json_v1["If-Match"] = "\"1\"";
    auto stale = kJson;
    stale["If-Match"] = "\"7\"";
    auto garbled = kJson;
    garbled["If-Match"] = "seven";
    std::string deep = R"({"person": )";
    for (int i = 0; i < 40; ++i)
        deep += "[";
    for (int i = 0; i < 40; ++i)
        deep += "]";
    deep += "}";
    const std::string note = R"({"kind": "note_added", "data": {"cco_CaseComment": "x"}})";
    static const std::string long_name_target =
        "/api/v1/persons/candidates?prs_SecondName=L%C3%B3pez&prs_FirstName=" +
        std::string(201, 'a');
    return {
        {"not json", "POST", "/api/v1/cases", kJson, "{\"person\": ", 400, "malformed-json", ""},
        {"json but not an object", "POST", "/api/v1/cases", kJson, "[1, 2]", 400, "malformed-json",
         ""},
        {"wrong media type",
         "POST",
         "/api/v1/cases",
         {{"Content-Type", "text/plain"}},
         testing::sample_case_body(),
         415,
         "unsupported-media-type",
         ""},
        {"unknown top-level field", "POST", "/api/v1/cases", kJson,
         R"({"origin_country": "GT", "destination_country": "MX", "person": {"prs_FirstName": "Ana"}, "nickname": "x"})",
         400, "unknown-field", "/nickname"},
        {"unknown person field", "POST", "/api/v1/cases", kJson,
         with_person(R"("prs_FirstName": "Ana", "prs_Nickname": "Anita")"), 400, "unknown-field",
         "/person/prs_Nickname"},
        {"missing person", "POST", "/api/v1/cases", kJson,
         R"({"origin_country": "GT", "destination_country": "MX"})", 400, "invalid-input",
         "/person"},
        {"missing first name", "POST", "/api/v1/cases", kJson,
         with_person(R"("prs_SecondName": "Pérez")"), 400, "invalid-input",
         "/person/prs_FirstName"},
        {"name of the wrong type", "POST", "/api/v1/cases", kJson,
         with_person(R"("prs_FirstName": 5)"), 400, "invalid-input", "/person/prs_FirstName"},
        {"impossible birth date", "POST", "/api/v1/cases", kJson,
         with_person(R"("prs_FirstName": "Ana", "prs_Birthdate": "2011-02-30")"), 400,
         "invalid-input", "/person/prs_Birthdate"},
        {"birth date in the future", "POST", "/api/v1/cases", kJson,
         with_person(R"("prs_FirstName": "Ana", "prs_Birthdate": "2999-01-01")"), 400,
         "invalid-input", "/person/prs_Birthdate"},
        {"gender outside the vocabulary", "POST", "/api/v1/cases", kJson,
         with_person(R"("prs_FirstName": "Ana", "prs_Gender": "F")"), 400, "invalid-input",
         "/person/prs_Gender"},
        {"unknown citizenship code", "POST", "/api/v1/cases", kJson,
         with_person(R"("prs_FirstName": "Ana", "prs_Citizenship": ["GT", "XX"])"), 400,
         "invalid-input", "/person/prs_Citizenship/1"},
        {"unknown country code", "POST", "/api/v1/cases", kJson,
         R"({"origin_country": "XX", "destination_country": "MX", "person": {"prs_FirstName": "Ana"}})",
         400, "invalid-input", "/origin_country"},
        {"lower-case country code", "POST", "/api/v1/cases", kJson,
         R"({"origin_country": "gt", "destination_country": "MX", "person": {"prs_FirstName": "Ana"}})",
         400, "invalid-input", "/origin_country"},
        {"exploitation outside the vocabulary", "POST", "/api/v1/cases", kJson,
         R"({"origin_country": "GT", "destination_country": "MX", "person": {"prs_FirstName": "Ana"}, "victim": {"vic_TypeOfExploitation": ["Kidnap"]}})",
         400, "invalid-input", "/victim/vic_TypeOfExploitation/0"},
        {"name longer than its limit", "POST", "/api/v1/cases", kJson,
         with_person("\"prs_FirstName\": \"" + std::string(300, 'a') + "\""), 400, "invalid-input",
         "/person/prs_FirstName"},
        {"string longer than the JSON limit", "POST", "/api/v1/cases", kJson,
         with_person("\"prs_FirstName\": \"" + std::string(20000, 'a') + "\""), 400,
         "string-too-long", "/person/prs_FirstName"},
        {"nesting too deep", "POST", "/api/v1/cases", kJson, deep, 400, "nesting-too-deep", ""},
        {"body too large", "POST", "/api/v1/cases", kJson, std::string(2 * 1024 * 1024, ' '), 413,
         "payload-too-large", ""},
        {"headers too large",
         "GET",
         "/api/v1/cases",
         {{"X-Padding", std::string(9000, 'a')}},
         "",
         431,
         "headers-too-large",
         ""},
        {"event without If-Match", "POST", "/api/v1/cases/{id}/events", kJson, note, 428,
         "precondition-required", ""},
        {"event with a garbled If-Match", "POST", "/api/v1/cases/{id}/events", garbled, note, 400,
         "invalid-input", "If-Match"},
        {"event against a stale version", "POST", "/api/v1/cases/{id}/events", stale, note, 409,
         "version-conflict", ""},
        {"event of a system-only kind", "POST", "/api/v1/cases/{id}/events", json_v1,
         R"({"kind": "case_opened"})", 400, "invalid-input", "/kind"},
        {"step event without a step", "POST", "/api/v1/cases/{id}/events", json_v1,
         R"({"kind": "step_completed", "data": {}})", 400, "invalid-input", "/step"},
        {"event with an unknown field", "POST", "/api/v1/cases/{id}/events", json_v1,
         R"({"kind": "note_added", "data": {"cco_CaseComment": "x"}, "by": "me"})", 400,
         "unknown-field", "/by"},
        {"person update with an invalid date", "POST", "/api/v1/cases/{id}/events", json_v1,
         R"({"kind": "person_updated", "data": {"person": {"prs_FirstName": "Ana", "prs_Birthdate": "2011-13-01"}}})",
         400, "invalid-input", "/data/person/prs_Birthdate"},
        {"event for a case that does not exist", "POST",
         "/api/v1/cases/0190a3c2-7b1e-7c3d-8e4f-5a6b7c8d9e0f/events", json_v1, note, 404,
         "not-found", ""},
        {"list with an unknown filter",
         "GET",
         "/api/v1/cases?colour=red",
         {},
         "",
         400,
         "unknown-field",
         "?colour"},
        {"list with a bad limit",
         "GET",
         "/api/v1/cases?limit=0",
         {},
         "",
         400,
         "invalid-input",
         "?limit"},
        {"list with an unknown status",
         "GET",
         "/api/v1/cases?status=Lost",
         {},
         "",
         400,
         "invalid-input",
         "?status"},
        {"candidates without any parameter",
         "GET",
         "/api/v1/persons/candidates",
         {},
         "",
         400,
         "invalid-input",
         "?prs_FirstName"},
        {"candidates with a date but no name",
         "GET",
         "/api/v1/persons/candidates?prs_Birthdate=2011-03-04",
         {},
         "",
         400,
         "invalid-input",
         "?prs_FirstName"},
        {"candidates with only blank names",
         "GET",
         "/api/v1/persons/candidates?prs_FirstName=%20%20&prs_SecondName=",
         {},
         "",
         400,
         "invalid-input",
         "?prs_FirstName"},
        {"candidates with an unknown parameter",
         "GET",
         "/api/v1/persons/candidates?prs_FirstName=Ana&colour=red",
         {},
         "",
         400,
         "unknown-field",
         "?colour"},
        {"candidates with a repeated parameter",
         "GET",
         "/api/v1/persons/candidates?prs_FirstName=Ana&prs_FirstName=Eva",
         {},
         "",
         400,
         "invalid-input",
         "?prs_FirstName"},
        {"candidates with an impossible birth date",
         "GET",
         "/api/v1/persons/candidates?prs_FirstName=Ana&prs_Birthdate=2011-02-30",
         {},
         "",
         400,
         "invalid-input",
         "?prs_Birthdate"},
        {"candidates with a birth date in the future",
         "GET",
         "/api/v1/persons/candidates?prs_FirstName=Ana&prs_Birthdate=2999",
         {},
         "",
         400,
         "invalid-input",
         "?prs_Birthdate"},
        {"candidates with a birth date centuries ago",
         "GET",
         "/api/v1/persons/candidates?prs_FirstName=Ana&prs_Birthdate=1703-05-01",
         {},
         "",
         400,
         "invalid-input",
         "?prs_Birthdate"},
        {"candidates with a birth date in another format",
         "GET",
         "/api/v1/persons/candidates?prs_FirstName=Ana&prs_Birthdate=04%2F03%2F2011",
         {},
         "",
         400,
         "invalid-input",
         "?prs_Birthdate"},
        {"candidates with a name that is not UTF-8",
         "GET",
         "/api/v1/persons/candidates?prs_FirstName=Ana%FF",
         {},
         "",
         400,
         "invalid-input",
         "?prs_FirstName"},
        {"candidates with a control character in a name",
         "GET",
         "/api/v1/persons/candidates?prs_SecondName=P%C3%A9rez%00",
         {},
         "",
         400,
         "invalid-input",
         "?prs_SecondName"},
        {"candidates with a gender outside the vocabulary",
         "GET",
         "/api/v1/persons/candidates?prs_FirstName=Ana&prs_Gender=F",
         {},
         "",
         400,
         "invalid-input",
         "?prs_Gender"},
        {"candidates with an unknown nationality",
         "GET",
         "/api/v1/persons/candidates?prs_FirstName=Ana&prs_Nationality=XX",
         {},
         "",
         400,
         "invalid-input",
         "?prs_Nationality"},
        {"candidates with an age estimate without its date",
         "GET",
         "/api/v1/persons/candidates?prs_FirstName=Ana&age_estimate=12",
         {},
         "",
         400,
         "invalid-input",
         "?age_estimate_date"},
        {"candidates with an absurd age estimate",
         "GET",
         "/api/v1/persons/"
         "candidates?prs_FirstName=Ana&age_estimate=300&age_estimate_date=2026-01-01",
         {},
         "",
         400,
         "invalid-input",
         "?age_estimate"},
        {"candidates with a limit of zero",
         "GET",
         "/api/v1/persons/candidates?prs_FirstName=Ana&limit=0",
         {},
         "",
         400,
         "invalid-input",
         "?limit"},
        {"candidates with a limit above the maximum",
         "GET",
         "/api/v1/persons/candidates?prs_FirstName=Ana&limit=51",
         {},
         "",
         400,
         "invalid-input",
         "?limit"},
        {"candidates with a limit that is not a number",
         "GET",
         "/api/v1/persons/candidates?prs_FirstName=Ana&limit=ten",
         {},
         "",
         400,
         "invalid-input",
         "?limit"},
        {"candidates with a name longer than its limit",
         "GET",
         long_name_target.c_str(),
         {},
         "",
         400,
         "invalid-input",
         "?prs_FirstName"},
        {"sign-in that is not json", "POST", "/api/v1/sessions", kJson, "{\"username\": ", 400,
         "malformed-json", ""},
        {"sign-in with an unknown field", "POST", "/api/v1/sessions", kJson,
         R"({"username": "tester", "password": "x", "remember": true})", 400, "unknown-field",
         "/remember"},
        {"sign-in with a wrong password", "POST", "/api/v1/sessions", kJson,
         R"({"username": "tester", "password": "not the password"})", 401, "unauthenticated", ""},
        {"share with an unknown category", "POST", "/api/v1/cases/{id}/shares", kJson,
         R"({"institution_id": "0190a3c2-7b1e-7c3d-8e4f-5a6b7c8d9e0f", "purpose": "p", "legal_basis": "b", "categories": ["everything"]})",
         400, "invalid-input", "/categories/0"},
        {"share without a purpose", "POST", "/api/v1/cases/{id}/shares", kJson,
         R"({"institution_id": "0190a3c2-7b1e-7c3d-8e4f-5a6b7c8d9e0f", "legal_basis": "b", "categories": ["identity"]})",
         400, "invalid-input", "/purpose"},
        {"share with an unknown field", "POST", "/api/v1/cases/{id}/shares", kJson,
         R"({"institution_id": "0190a3c2-7b1e-7c3d-8e4f-5a6b7c8d9e0f", "purpose": "p", "legal_basis": "b", "categories": ["identity"], "why": "x"})",
         400, "unknown-field", "/why"},
        {"share with an institution that does not exist", "POST", "/api/v1/cases/{id}/shares",
         kJson,
         R"({"institution_id": "0190a3c2-7b1e-7c3d-8e4f-5a6b7c8d9e0f", "purpose": "p", "legal_basis": "b", "categories": ["identity"]})",
         400, "invalid-input", "/institution_id"},
        {"share of a case that does not exist", "POST",
         "/api/v1/cases/0190a3c2-7b1e-7c3d-8e4f-5a6b7c8d9e0f/shares", kJson,
         R"({"institution_id": "0190a3c2-7b1e-7c3d-8e4f-5a6b7c8d9e0f", "purpose": "p", "legal_basis": "b", "categories": ["identity"]})",
         404, "not-found", ""},
        {"document in an unknown language",
         "GET",
         "/api/v1/cases/{id}/documents/handover-record.pdf?lang=fr",
         {},
         "",
         400,
         "invalid-input",
         "?lang"},
        {"document with an unknown parameter",
         "GET",
         "/api/v1/cases/{id}/documents/case-summary.pdf?format=docx",
         {},
         "",
         400,
         "unknown-field",
         "?format"},
        {"document of a case id that cannot exist",
         "GET",
         "/api/v1/cases/not-an-id/documents/escort-authorisation.pdf",
         {},
         "",
         404,
         "not-found",
         ""},
        {"document of a case that does not exist",
         "GET",
         "/api/v1/cases/0190a3c2-7b1e-7c3d-8e4f-5a6b7c8d9e0f/documents/handover-record.pdf",
         {},
         "",
         404,
         "not-found",
         ""},
        {"document that does not exist",
         "GET",
         "/api/v1/cases/{id}/documents/passport.pdf",
         {},
         "",
         404,
         "not-found",
         ""},
        {"dashboard with a parameter",
         "GET",
         "/api/v1/reports/dashboard?country=MX",
         {},
         "",
         400,
         "unknown-field",
         "?country"},
    };
}

class BadInput : public ::testing::TestWithParam<std::tuple<BadRequest, testing::Backend>> {};

TEST_P(BadInput, IsRefusedPreciselyAndChangesNothing) {
    const auto& bad = std::get<0>(GetParam());
    TestServer server(std::get<1>(GetParam()));
    server.start();
    auto client = server.client();
    auto id = testing::open_sample_case(client);
    ASSERT_FALSE(id.empty());
    std::string target = bad.target;
    if (auto at = target.find("{id}"); at != std::string::npos)
        target.replace(at, 4, id);

    auto before = testing::store_snapshot(server.store());
    auto reply = client.send(bad.method, target, bad.headers, bad.body);
    EXPECT_EQ(reply.status, bad.status) << reply.body;
    EXPECT_EQ(reply.header("content-type"), "application/problem+json");
    auto problem = json::parse(reply.body).as_object();
    EXPECT_EQ(problem.at("type").as_string(), std::string("urn:retorno:problem:") + bad.type);
    EXPECT_EQ(problem.at("status"), bad.status);
    EXPECT_FALSE(problem.at("detail").as_string().empty());
    if (*bad.pointer != '\0') {
        ASSERT_TRUE(problem.contains("pointer")) << reply.body;
        EXPECT_EQ(problem.at("pointer"), bad.pointer);
    }
    EXPECT_EQ(testing::store_snapshot(server.store()), before) << "the store changed";
    // The server still works after the refusal.
    EXPECT_EQ(client.get("/api/v1/cases/" + id).status, 200);
}

INSTANTIATE_TEST_SUITE_P(Api, BadInput,
                         ::testing::Combine(::testing::ValuesIn(bad_requests()),
                                            ::testing::ValuesIn(testing::kBothBackends)),
                         [](const auto& info) {
                             std::string name;
                             for (char c : std::string(std::get<0>(info.param).name)) {
                                 name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                             }
                             return name + "_" + testing::backend_name(std::get<1>(info.param));
                         });

// A refused field also says why as a stable code, so that a client can say it in its reader's
// language without parsing the English detail.
TEST(BadInputReason, NamesWhyTheFieldWasRefused) {
    struct Case {
        std::string person;
        const char* pointer;
        const char* reason;
    };
    const Case cases[] = {
        {R"("prs_SecondName": "Pérez")", "/person/prs_FirstName", "required"},
        {R"("prs_FirstName": 5)", "/person/prs_FirstName", "not_a_string"},
        {R"("prs_FirstName": "Ana", "prs_Birthdate": "2011-02-30")", "/person/prs_Birthdate",
         "not_a_date"},
        {R"("prs_FirstName": "Ana", "prs_Birthdate": "2999-01-01")", "/person/prs_Birthdate",
         "in_the_future"},
        {R"("prs_FirstName": "Ana", "prs_Birthdate": "1850-01-01")", "/person/prs_Birthdate",
         "too_long_ago"},
        {R"("prs_FirstName": "Ana", "prs_Gender": "F")", "/person/prs_Gender", "not_in_vocabulary"},
        {R"("prs_FirstName": "Ana", "prs_Citizenship": ["GT", "XX"])", "/person/prs_Citizenship/1",
         "not_a_country"},
        {R"("prs_FirstName": "Ana", "age_estimate": 40, "age_estimate_date": "2026-01-01")",
         "/person/age_estimate", "out_of_range"},
        {R"("prs_FirstName": ")" + std::string(201, 'a') + "\"", "/person/prs_FirstName",
         "too_long"},
    };
    TestServer server;
    server.start();
    auto client = server.client();
    for (const auto& bad : cases) {
        auto reply = client.post_json("/api/v1/cases", with_person(bad.person));
        ASSERT_EQ(reply.status, 400) << bad.person;
        auto problem = json::parse(reply.body).as_object();
        EXPECT_EQ(problem.at("pointer"), bad.pointer) << reply.body;
        ASSERT_TRUE(problem.contains("reason")) << reply.body;
        EXPECT_EQ(problem.at("reason"), bad.reason) << reply.body;
    }
    // An error that is not about one field's value names no reason.
    auto unknown = client.post_json("/api/v1/cases",
                                    with_person(R"("prs_FirstName": "Ana", "prs_Nickname": "x")"));
    ASSERT_EQ(unknown.status, 400);
    EXPECT_FALSE(json::parse(unknown.body).as_object().contains("reason")) << unknown.body;
}

}  // namespace
}  // namespace retorno
