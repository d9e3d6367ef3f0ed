// GET /api/v1/persons/candidates: the search-or-create screen's "is this child already known?",
// on both stores. The index follows the event log, so cases opened or edited before a search,
// through this server or another process on the same database, are found; and the access
// policy leaves out every case the caller may not see, without a trace.

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "service/case_service.h"
#include "support/api/test_server.h"

namespace retorno {
namespace {

namespace json = boost::json;
using testing::TestServer;

constexpr const char* kCandidates = "/api/v1/persons/candidates";

json::object parse(const std::string& text) {
    return json::parse(text).as_object();
}

// A case body for a synthetic child (invented names; no real person is described).
std::string case_body(const std::string& first, const std::string& surnames,
                      const std::string& birthdate, const std::string& origin = "GT",
                      const std::string& destination = "MX") {
    return json::serialize(json::object{
        {"person", json::object{{"prs_FirstName", first},
                                {"prs_SecondName", surnames},
                                {"prs_Birthdate", birthdate},
                                {"prs_Gender", "Feminine"},
                                {"prs_Citizenship", json::array{origin}}}},
        {"victim", json::object{{"vic_TypeOfExploitation", json::array{"ForcedLabour"}}}},
        {"origin_country", origin},
        {"destination_country", destination}});
}

std::vector<std::string> case_ids_of(const testing::HttpReply& reply) {
    std::vector<std::string> ids;
    const auto body = parse(reply.body);
    for (const auto& item : body.at("items").as_array())
        ids.emplace_back(item.at("case_id").as_string());
    return ids;
}

bool has_reason(const json::value& item, std::string_view code) {
    for (const auto& reason : item.at("reasons").as_array()) {
        if (reason.at("code").as_string() == code)
            return true;
    }
    return false;
}

class PersonsApi : public ::testing::TestWithParam<testing::Backend> {
  protected:
    PersonsApi() : server(GetParam()) {}
    void SetUp() override { server.start(); }

    std::string open(const testing::HttpClient& client, const std::string& body) {
        auto created = client.post_json("/api/v1/cases", body);
        EXPECT_EQ(created.status, 201) << created.body;
        return std::string(parse(created.body).at("id").as_string());
    }

    testing::HttpClient as(const Institution& institution, Role role) {
        auto name = fmt::format("{}.{}.{}", to_string(role), institution.country, ++m_users);
        server.add_user(institution, {role}, name);
        return server.anonymous_client().with_bearer(server.sign_in(name));
    }

    TestServer server;
    int m_users = 0;
};

TEST_P(PersonsApi, FindsAChildWrittenAnotherWayWithTheReasonsInWords) {
    auto client = server.client();
    const auto id = open(client, case_body("María José", "Hernández López", "2011-03-04"));
    open(client, case_body("Rosa Elena", "Quintero Baldez", "2009-10-21"));
    // A nickname, the surnames in the other order without accents, day and month swapped.
    auto reply = client.get(std::string(kCandidates) +
                            "?prs_FirstName=Majo&prs_SecondName=Lopez%20Hernandez"
                            "&prs_Birthdate=2011-04-03&prs_Nationality=GT");
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(reply.header("content-type"), "application/json");
    auto items = parse(reply.body).at("items").as_array();
    ASSERT_EQ(items.size(), 1u) << reply.body;
    const auto& best = items[0];
    EXPECT_EQ(best.at("case_id").as_string(), id);
    EXPECT_GE(best.at("score").as_double(), 0.5);
    EXPECT_LE(best.at("score").as_double(), 1.0);
    EXPECT_TRUE(has_reason(best, "given_nickname")) << reply.body;
    EXPECT_TRUE(has_reason(best, "surnames_swapped")) << reply.body;
    EXPECT_TRUE(has_reason(best, "birth_day_month_swapped")) << reply.body;
    for (const auto& reason : best.at("reasons").as_array())
        EXPECT_FALSE(reason.at("text").as_string().empty());
    // The child as the caller may see her, to tell the candidates apart on the screen.
    EXPECT_EQ(best.at("person").at("prs_FirstName").as_string(), "María José");
    EXPECT_EQ(best.at("person").at("prs_Birthdate").as_string(), "2011-03-04");
    // Showing a candidate is a read of her identity, and the audit trail says so.
    int candidate_reads = 0;
    const auto entries = server.store().audit_entries(0, 10'000, id).value();
    for (const auto& entry : entries) {
        if (entry.action == "read" && entry.categories == "identity" &&
            entry.reason.starts_with("person candidates: "))
            ++candidate_reads;
    }
    EXPECT_EQ(candidate_reads, 1);

    auto nobody = client.get(std::string(kCandidates) +
                             "?prs_FirstName=Wilfredo&prs_SecondName=Ixcot%20Tum"
                             "&prs_Birthdate=2014-01-09");
    ASSERT_EQ(nobody.status, 200) << nobody.body;
    EXPECT_EQ(nobody.body, R"({"items":[]})");
}

TEST_P(PersonsApi, AnswersTheBestFirstAndNoMoreThanTheLimit) {
    auto client = server.client();
    const auto exact = open(client, case_body("Ana Lucía", "Pérez Xol", "2011-03-04"));
    const auto year_off = open(client, case_body("Ana Lucía", "Pérez Xol", "2012-03-04"));
    auto both = client.get(std::string(kCandidates) +
                           "?prs_FirstName=Ana%20Luc%C3%ADa&prs_SecondName=P%C3%A9rez%20Xol"
                           "&prs_Birthdate=2011-03-04");
    ASSERT_EQ(both.status, 200) << both.body;
    EXPECT_EQ(case_ids_of(both), (std::vector<std::string>{exact, year_off}));
    auto items = parse(both.body).at("items").as_array();
    EXPECT_GT(items[0].at("score").as_double(), items[1].at("score").as_double());
    EXPECT_TRUE(has_reason(items[1], "birth_year_off_by_one")) << both.body;

    auto one = client.get(std::string(kCandidates) +
                          "?prs_FirstName=Ana%20Luc%C3%ADa&prs_SecondName=P%C3%A9rez%20Xol"
                          "&prs_Birthdate=2011-03-04&limit=1");
    ASSERT_EQ(one.status, 200) << one.body;
    EXPECT_EQ(case_ids_of(one), (std::vector<std::string>{exact}));
}

TEST_P(PersonsApi, ACaseTheCallerMayNotSeeIsAbsentAsIfItDidNotExist) {
    // The test user's institution (a Mexican child-protection authority) opens one case; a
    // Costa Rican NGO opens another for the same child, between El Salvador and Guatemala,
    // where the Mexican authority has no task.
    auto ngo = server.add_institution("CR", "NGO");
    auto ngo_worker = as(ngo, Role::Caseworker);
    auto mine = open(server.client(), case_body("Xiomara", "Ajú Coc", "2010-06-15"));
    auto theirs = open(ngo_worker, case_body("Xiomara", "Ajú Coc", "2010-06-15", "SV", "GT"));
    const std::string search = std::string(kCandidates) +
                               "?prs_FirstName=Xiomara&prs_SecondName=Aju%20Coc"
                               "&prs_Birthdate=2010-06-15";

    auto for_me = server.client().get(search);
    ASSERT_EQ(for_me.status, 200) << for_me.body;
    EXPECT_EQ(case_ids_of(for_me), (std::vector<std::string>{mine}));
    auto for_them = ngo_worker.get(search);
    ASSERT_EQ(for_them.status, 200) << for_them.body;
    EXPECT_EQ(case_ids_of(for_them), (std::vector<std::string>{theirs}));

    // A user of a third institution sees exactly what it would see if neither case existed.
    auto stranger = as(server.add_institution("PA", "NGO"), Role::Supervisor);
    auto hidden = stranger.get(search);
    auto missing = stranger.get(std::string(kCandidates) +
                                "?prs_FirstName=Wilfredo&prs_SecondName=Ixcot%20Tum");
    ASSERT_EQ(hidden.status, 200);
    EXPECT_EQ(hidden.body, missing.body);
    EXPECT_EQ(hidden.body, R"({"items":[]})");
    EXPECT_EQ(hidden.header("content-length"), missing.header("content-length"));

    // A share without the identity category does not let its recipient find the case by
    // name; a share with it does.
    auto share = [&](const char* category) {
        auto reply = ngo_worker.post_json(
            "/api/v1/cases/" + theirs + "/shares",
            json::serialize(json::object{{"institution_id", server.institution().id.to_string()},
                                         {"purpose", "family tracing"},
                                         {"legal_basis", "court order 7/2026"},
                                         {"categories", json::array{category}}}));
        ASSERT_EQ(reply.status, 201) << reply.body;
    };
    share("whereabouts");
    EXPECT_EQ(case_ids_of(server.client().get(search)), (std::vector<std::string>{mine}));
    share("identity");
    auto shared = server.client().get(search);
    auto ids = case_ids_of(shared);
    std::sort(ids.begin(), ids.end());
    auto want = std::vector<std::string>{mine, theirs};
    std::sort(want.begin(), want.end());
    EXPECT_EQ(ids, want);
    // What the share allows, and no more: the identity, but not the whereabouts it never had.
    const auto shared_body = parse(shared.body);
    for (const auto& item : shared_body.at("items").as_array()) {
        if (item.at("case_id").as_string() == theirs) {
            EXPECT_TRUE(item.at("person").as_object().contains("prs_FirstName"));
        }
    }
}

TEST_P(PersonsApi, RolesThatSeeNoCasesMayNotSearch) {
    auto statistics = as(server.institution(), Role::StatisticsCoordinator);
    auto reply = statistics.get(std::string(kCandidates) + "?prs_FirstName=Ana");
    EXPECT_EQ(reply.status, 403) << reply.body;
    EXPECT_EQ(server.anonymous_client().get(std::string(kCandidates) + "?prs_FirstName=Ana").status,
              401);
}

TEST_P(PersonsApi, AnEditedNameIsFoundUnderItsNewSpellingAtOnce) {
    auto client = server.client();
    const auto id = open(client, case_body("Juana", "Tzoc Choc", "2012-08-30"));
    const std::string new_name = std::string(kCandidates) +
                                 "?prs_FirstName=Guadalupe&prs_SecondName=Tzoc%20Choc"
                                 "&prs_Birthdate=2012-08-30";
    EXPECT_TRUE(case_ids_of(client.get(new_name)).empty());
    auto updated =
        client.send("POST", "/api/v1/cases/" + id + "/events",
                    {{"Content-Type", "application/json"}, {"If-Match", "\"1\""}},
                    R"({"kind": "person_updated", "data": {"person": {"prs_FirstName": "Guadalupe",
            "prs_SecondName": "Tzoc Choc", "prs_Birthdate": "2012-08-30",
            "prs_Gender": "Feminine", "prs_Citizenship": ["GT"]}}})");
    ASSERT_EQ(updated.status, 201) << updated.body;
    auto found = client.get(new_name);
    ASSERT_EQ(found.status, 200) << found.body;
    EXPECT_EQ(case_ids_of(found), (std::vector<std::string>{id}));
    // By a nickname of the new name, too.
    EXPECT_EQ(case_ids_of(client.get(std::string(kCandidates) +
                                     "?prs_FirstName=Lupe&prs_SecondName=Tzoc%20Choc"
                                     "&prs_Birthdate=2012-08-30")),
              (std::vector<std::string>{id}));
}

TEST_P(PersonsApi, ACaseOpenedByAnotherServerProcessIsFoundOnTheNextSearch) {
    auto client = server.client();
    // The index is built by this first search.
    EXPECT_TRUE(case_ids_of(client.get(std::string(kCandidates) + "?prs_FirstName=Keyla"
                                                                  "&prs_SecondName=Cux%20Pop"))
                    .empty());
    // Another process: its own store handle and use cases, on the same database.
    auto other_store = server.open_another_store();
    SystemClock clock;
    CaseService other(*other_store, clock, server.protocols());
    Actor actor;
    actor.user_id = Id::generate().to_string();
    actor.institution_id = server.institution().id.to_string();
    auto request =
        open_case_request_from_json(parse(case_body("Keyla Marisol", "Cux Pop", "2013-02-11")));
    ASSERT_TRUE(request) << request.error().message;
    auto opened = other.open_case(*request, actor);
    ASSERT_TRUE(opened) << opened.error().message << " / " << opened.error().detail;

    auto found = client.get(std::string(kCandidates) +
                            "?prs_FirstName=Keila"
                            "&prs_SecondName=Cux%20Pop");
    ASSERT_EQ(found.status, 200) << found.body;
    EXPECT_EQ(case_ids_of(found), (std::vector<std::string>{opened->id.to_string()}));
}

TEST_P(PersonsApi, SearchesRunAlongsideCasesBeingOpened) {
    auto client = server.client();
    std::atomic<int> failures{0};
    std::thread writer([&] {
        for (int i = 0; i < 8; ++i) {
            auto created = client.post_json(
                "/api/v1/cases",
                case_body("Marta", "Ical Caal", fmt::format("2010-01-{:02}", i + 1)));
            if (created.status != 201)
                ++failures;
        }
    });
    std::thread reader([&] {
        for (int i = 0; i < 16; ++i) {
            auto reply = client.get(std::string(kCandidates) +
                                    "?prs_FirstName=Marta&prs_SecondName=Ical%20Caal"
                                    "&prs_Birthdate=2010&limit=50");
            if (reply.status != 200)
                ++failures;
        }
    });
    writer.join();
    reader.join();
    EXPECT_EQ(failures.load(), 0);
    // Once the writes are done, every one of them is found.
    auto all = client.get(std::string(kCandidates) +
                          "?prs_FirstName=Marta&prs_SecondName=Ical%20Caal&prs_Birthdate=2010"
                          "&limit=50");
    ASSERT_EQ(all.status, 200) << all.body;
    EXPECT_EQ(case_ids_of(all).size(), 8u) << all.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, PersonsApi, ::testing::ValuesIn(testing::kBothBackends),
                         [](const auto& info) { return testing::backend_name(info.param); });

}  // namespace
}  // namespace retorno
