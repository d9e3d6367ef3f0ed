// Need-to-know over the API: who sees a case, and what of it. Runs on both stores.

#include <gtest/gtest.h>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "service/case_service.h"
#include "store/sqlite/sqlite_connection.h"
#include "support/api/test_server.h"
#include "support/estimated_age_case.h"
#include "support/manual_clock.h"
#include "support/voluntary_return.h"

namespace retorno {
namespace {

namespace json = boost::json;
using testing::TestServer;

json::object parse(const std::string& text) {
    return json::parse(text).as_object();
}

std::string case_body() {
    return R"({"person": {"prs_FirstName": "Ana Lucía", "prs_SecondName": "Pérez Xol",
               "prs_Birthdate": "2011-03-04", "prs_Gender": "Feminine",
               "prs_Citizenship": ["GT"], "prs_PrimaryLanguage": "es",
               "prs_MailingCity": "Tapachula"},
               "victim": {"vic_TypeOfExploitation": ["ForcedLabour"]},
               "origin_country": "GT", "destination_country": "MX"})";
}

// Whether the first page of the client's case list holds the case.
bool lists(const testing::HttpClient& client, const std::string& case_id) {
    auto list = client.get("/api/v1/cases");
    EXPECT_EQ(list.status, 200) << list.body;
    return list.body.find(case_id) != std::string::npos;
}

// A problem body without its "instance" (which repeats the path, and so the id).
json::object without_instance(const std::string& text) {
    auto body = parse(text);
    body.erase("instance");
    return body;
}

// Records on the case, as `client`, the steps before the consular notification, with the
// screening's finding, and then (unless `notify` is false) asks for the notification: done (201)
// when the child needs no protection, refused by the asylum hold (409) when she may.
void record_steps_before_the_notification(const testing::HttpClient& client,
                                          const std::string& case_id, bool may_need_protection,
                                          bool notify) {
    const std::vector<std::pair<const char*, std::string>> steps{
        {"immediate_protection",
         R"({"protection_measure": "specialised_shelter", "guardian_appointed": true,
             "medical_care_given": true, "psychological_care_given": true})"},
        {"interview", R"({"interview_date": "2026-03-03",
             "interviewer_profession": "psychologist", "consent_obtained": true,
             "assent_obtained": true})"},
        {"protection_screening",
         fmt::format(R"({{"international_protection_need": {}}})", may_need_protection)},
        {"consular_notification",
         R"({"notification_date": "2026-03-05", "consulate": "Consulado de Guatemala",
             "focal_point": "Focal A"})"}};
    int version = 1;
    for (const auto& [step, data] : steps) {
        if (!notify && step == std::string("consular_notification"))
            break;
        auto body =
            fmt::format(R"({{"kind": "step_completed", "step": "{}", "data": {}}})", step, data);
        auto reply = client.post_json("/api/v1/cases/" + case_id + "/events", body,
                                      {{"If-Match", std::to_string(version)}});
        const bool refused = may_need_protection && step == std::string("consular_notification");
        ASSERT_EQ(reply.status, refused ? 409 : 201) << step << ": " << reply.body;
        ++version;
    }
}

// Opens a case of a Guatemalan child in Mexico 20 days back, through a CaseService on a clock
// set then, and records its steps up to the consular notification an hour later: today the
// notification (the Mexican foreign ministry's) and the risk assessment (the child-protection
// authority's) are late, and escalated to the national committee that supervises them.
std::string open_late_case(TestServer& server) {
    testing::ManualClock then(now_utc() - std::chrono::hours(24 * 20));
    CaseService past(server.store(), then, server.protocols());
    auto opened =
        past.open_case(testing::estimated_age_case("Elena", "GT", "MX", then.now()), Actor{});
    if (!opened) {
        ADD_FAILURE() << opened.error().message;
        return {};
    }
    then.advance(std::chrono::hours(1));
    for (const auto& event : testing::voluntary_return_walk()) {
        if (event.step == std::string("consular_notification"))
            break;
        json::object body{
            {"kind", event.kind}, {"step", event.step}, {"data", json::parse(event.data)}};
        auto recorded = past.record_event(opened->id, past.get_case(opened->id).value().version,
                                          record_event_request_from_json(body).value(), Actor{});
        EXPECT_TRUE(recorded) << event.step << ": " << recorded.error().message;
    }
    return opened->id.to_string();
}

class NeedToKnow : public ::testing::TestWithParam<testing::Backend> {
  protected:
    NeedToKnow() : server(GetParam()) {}
    void SetUp() override {
        server.start();
        auto created = server.client().post_json("/api/v1/cases", case_body());
        ASSERT_EQ(created.status, 201) << created.body;
        case_id = std::string(parse(created.body).at("id").as_string());
    }

    testing::HttpClient as(const Institution& institution, Role role) {
        auto name = fmt::format("{}.{}.{}", to_string(role), institution.country, ++m_users);
        server.add_user(institution, {role}, name);
        return server.anonymous_client().with_bearer(server.sign_in(name));
    }

    void record_steps_up_to_the_consular_notification(bool may_need_protection,
                                                      bool notify = true) {
        record_steps_before_the_notification(server.client(), case_id, may_need_protection, notify);
    }

    TestServer server;
    std::string case_id;
    int m_users = 0;
};

TEST_P(NeedToKnow, AnotherInstitutionsCaseAnswersExactlyLikeAMissingOne) {
    auto outsider = as(server.add_institution("CR", "NGO"), Role::Supervisor);
    auto hidden = outsider.get("/api/v1/cases/" + case_id);
    auto missing = outsider.get("/api/v1/cases/" + Id::generate().to_string());
    ASSERT_EQ(hidden.status, 404);
    ASSERT_EQ(missing.status, 404);
    EXPECT_EQ(without_instance(hidden.body), without_instance(missing.body));
    EXPECT_EQ(hidden.headers.count("etag"), 0u);
    for (const char* suffix : {"/events", "/state"}) {
        auto a = outsider.get("/api/v1/cases/" + case_id + suffix);
        auto b = outsider.get("/api/v1/cases/" + Id::generate().to_string() + suffix);
        EXPECT_EQ(a.status, 404) << suffix;
        EXPECT_EQ(without_instance(a.body), without_instance(b.body)) << suffix;
    }
    auto list = parse(outsider.get("/api/v1/cases").body);
    EXPECT_TRUE(list.at("items").as_array().empty());

    // Both refusals are in the audit trail, with the true reason.
    auto entries = server.store().audit_entries(0, 10'000, case_id).value();
    ASSERT_FALSE(entries.empty());
    int refused = 0;
    for (const auto& entry : entries) {
        if (entry.action == "access_refused") {
            ++refused;
            EXPECT_NE(entry.reason.find("not a party"), std::string::npos) << entry.reason;
            EXPECT_EQ(entry.categories, "");
        }
    }
    EXPECT_EQ(refused, 3);  // the case, its events and its state
    bool missing_audited = false;
    const auto everything = server.store().audit_entries(0, 10'000, "").value();
    for (const auto& entry : everything)
        missing_audited = missing_audited || entry.reason.find("no such case") != std::string::npos;
    EXPECT_TRUE(missing_audited);
}

TEST_P(NeedToKnow, EachRoleSeesOnlyItsCategoriesAndTheRestIsAbsent) {
    const auto& own = server.institution();
    auto psychologist = parse(as(own, Role::Psychologist).get("/api/v1/cases/" + case_id).body);
    EXPECT_EQ(psychologist.at("person").at("prs_FirstName"), "Ana Lucía");
    EXPECT_FALSE(psychologist.at("person").as_object().contains("prs_MailingCity"));
    EXPECT_TRUE(psychologist.at("victim").as_object().contains("vic_TypeOfExploitation"));

    auto consul = parse(as(own, Role::ConsularOfficer).get("/api/v1/cases/" + case_id).body);
    EXPECT_EQ(consul.at("person").at("prs_MailingCity"), "Tapachula");
    EXPECT_FALSE(consul.at("victim").as_object().contains("vic_TypeOfExploitation"));
    // Fields of no category are seen by every case role.
    EXPECT_EQ(consul.at("person").at("prs_Gender"), "Feminine");

    auto supervisor = parse(server.client().get("/api/v1/cases/" + case_id).body);
    EXPECT_EQ(supervisor.at("person").at("prs_MailingCity"), "Tapachula");
    EXPECT_TRUE(supervisor.at("victim").as_object().contains("vic_TypeOfExploitation"));

    // The same redaction applies to the events, which carry the data the case was opened with.
    auto events =
        parse(as(own, Role::Psychologist).get("/api/v1/cases/" + case_id + "/events").body);
    auto opened = events.at("items").as_array().at(0).at("data").as_object();
    EXPECT_FALSE(opened.at("person").as_object().contains("prs_MailingCity"));
    EXPECT_EQ(opened.at("person").at("prs_FirstName"), "Ana Lucía");

    for (auto role : {Role::StatisticsCoordinator, Role::Administrator}) {
        auto client = as(own, role);
        EXPECT_EQ(client.get("/api/v1/cases/" + case_id).status, 404) << to_string(role);
        EXPECT_EQ(client.get("/api/v1/cases").status, 403) << to_string(role);
    }
}

// Who sees the case because the protocol gives it a task, and from when. The case is a
// Guatemalan child's, opened in Mexico.
TEST_P(NeedToKnow, TheOriginTakesPartOnlyOnceItHasBeenNotified) {
    auto reads = [&](const char* country, const char* type, Role role) {
        return as(server.add_institution(country, type), role)
            .get("/api/v1/cases/" + case_id)
            .status;
    };
    // From the opening: the child-protection authority of the destination.
    EXPECT_EQ(reads("MX", "ChildProtectionAuthority", Role::Caseworker), 200);
    // Before the notification, the origin's consulate and authority do not know of the child.
    EXPECT_EQ(reads("GT", "Consulate", Role::ConsularOfficer), 404);
    EXPECT_EQ(reads("GT", "ChildProtectionAuthority", Role::Caseworker), 404);
    auto consul = as(server.add_institution("GT", "Consulate"), Role::ConsularOfficer);
    auto listed = consul.get("/api/v1/cases");
    ASSERT_EQ(listed.status, 200) << listed.body;
    EXPECT_EQ(listed.body.find(case_id), std::string::npos) << "listed before the notification";

    record_steps_up_to_the_consular_notification(false);

    EXPECT_EQ(reads("GT", "Consulate", Role::ConsularOfficer), 200);
    EXPECT_EQ(reads("GT", "ChildProtectionAuthority", Role::Caseworker), 200);
    EXPECT_EQ(consul.get("/api/v1/cases/" + case_id).status, 200);
    EXPECT_NE(consul.get("/api/v1/cases").body.find(case_id), std::string::npos);
    // Another country's institutions never.
    EXPECT_EQ(reads("HN", "Consulate", Role::ConsularOfficer), 404);
    EXPECT_EQ(reads("HN", "ChildProtectionAuthority", Role::Caseworker), 404);
}

// A child who may need international protection is never shown to the consulate of the state
// she may be fleeing: the notification is refused (asylum hold), so the origin never becomes a
// party, and its consulate's inbox has no task of hers.
TEST_P(NeedToKnow, UnderAnAsylumHoldTheOriginsConsulateNeverSeesTheChild) {
    record_steps_up_to_the_consular_notification(true);
    auto consul = as(server.add_institution("GT", "Consulate"), Role::ConsularOfficer);
    EXPECT_EQ(consul.get("/api/v1/cases/" + case_id).status, 404);
    EXPECT_EQ(consul.get("/api/v1/cases/" + case_id + "/events").status, 404);
    EXPECT_EQ(consul.get("/api/v1/cases").body.find(case_id), std::string::npos);
    EXPECT_EQ(as(server.add_institution("GT", "ChildProtectionAuthority"), Role::Caseworker)
                  .get("/api/v1/cases/" + case_id)
                  .status,
              404);
    // Nor the destination's foreign ministry, whose notification is held back.
    auto ministry = as(server.add_institution("MX", "ForeignMinistry"), Role::Caseworker);
    EXPECT_EQ(ministry.get("/api/v1/cases/" + case_id).status, 404);
    EXPECT_EQ(ministry.get("/api/v1/cases").body.find(case_id), std::string::npos);
}

// Every other institution that the protocol names in a step sees the case once its task has
// come, and keeps seeing it once the task is done; not before, and not in another country.
// The police who identified the child act at the opening; the destination's foreign ministry
// notifies the origin after the screening; the origin's migration service receives the child.
TEST_P(NeedToKnow, AnInstitutionTheProtocolNamesSeesTheCaseOnceItsTaskHasCome) {
    auto mx_ministry = server.add_institution("MX", "ForeignMinistry");
    auto ministry = as(mx_ministry, Role::Caseworker);
    auto migration = as(server.add_institution("GT", "ImmigrationService"), Role::Caseworker);
    auto police = as(server.add_institution("MX", "LawEnforcement"), Role::Caseworker);
    EXPECT_EQ(police.get("/api/v1/cases/" + case_id).status, 200);
    EXPECT_TRUE(lists(police, case_id));
    EXPECT_EQ(ministry.get("/api/v1/cases/" + case_id).status, 404);
    EXPECT_FALSE(lists(ministry, case_id));

    record_steps_up_to_the_consular_notification(false, /*notify=*/false);
    auto state = ministry.get("/api/v1/cases/" + case_id + "/state");
    ASSERT_EQ(state.status, 200) << state.body;
    EXPECT_NE(state.body.find(R"("institution_type":"ForeignMinistry")"), std::string::npos);
    EXPECT_TRUE(lists(ministry, case_id));
    EXPECT_EQ(migration.get("/api/v1/cases/" + case_id).status, 404);
    // The ministry records its own step, and still sees the case it notified.
    auto notified =
        ministry.post_json("/api/v1/cases/" + case_id + "/events",
                           R"({"kind": "step_completed", "step": "consular_notification",
            "data": {"notification_date": "2026-03-05", "consulate": "Consulado de Guatemala",
                     "focal_point": "Focal A"}})",
                           {{"If-Match", "4"}});
    ASSERT_EQ(notified.status, 201) << notified.body;
    EXPECT_EQ(ministry.get("/api/v1/cases/" + case_id).status, 200);
    EXPECT_TRUE(lists(ministry, case_id));
    // The origin is notified, but the handover is far off: migration has no task yet.
    EXPECT_EQ(migration.get("/api/v1/cases/" + case_id).status, 404);
    EXPECT_FALSE(lists(migration, case_id));
    // The same types elsewhere, or on the other side, never.
    EXPECT_EQ(as(server.add_institution("GT", "ForeignMinistry"), Role::Caseworker)
                  .get("/api/v1/cases/" + case_id)
                  .status,
              404);
    EXPECT_EQ(as(server.add_institution("HN", "LawEnforcement"), Role::Caseworker)
                  .get("/api/v1/cases/" + case_id)
                  .status,
              404);
    EXPECT_EQ(as(server.add_institution("MX", "ImmigrationService"), Role::Caseworker)
                  .get("/api/v1/cases/" + case_id)
                  .status,
              404);
    // The trail says on what basis the ministry read.
    bool audited = false;
    const auto entries = server.store().audit_entries(0, 10'000, case_id).value();
    for (const auto& entry : entries) {
        audited = audited || (entry.action == "read" && entry.reason == "protocol task" &&
                              entry.actor_institution == mx_ministry.id.to_string());
    }
    EXPECT_TRUE(audited);
}

// A task past its due date is escalated to the institution that supervises its step (for most
// steps the national committee against trafficking of the country whose side it is), which then
// sees the case, on that basis, until the step is done; not before the task is late, and not in
// another country. The case was opened twenty days ago and the screening done the same day: the
// notification (due two business days later) and the risk assessment (ten) are late.
TEST_P(NeedToKnow, AnOverdueTaskMakesItsSupervisorAPartyUntilItIsDone) {
    auto mx_committee = server.add_institution("MX", "CentralGovernmentOrganisation");
    auto committee = as(mx_committee, Role::Caseworker);
    // The fixture's case was opened today: nothing of it is late.
    EXPECT_EQ(committee.get("/api/v1/cases/" + case_id).status, 404);

    const auto late_id = open_late_case(server);
    const auto late = Id::parse(late_id).value();

    auto read = committee.get("/api/v1/cases/" + late_id);
    EXPECT_EQ(read.status, 200) << read.body;
    EXPECT_TRUE(lists(committee, late_id));
    EXPECT_FALSE(lists(committee, case_id));
    bool audited = false;
    const auto entries = server.store().audit_entries(0, 10'000, late_id).value();
    for (const auto& entry : entries) {
        audited = audited || (entry.action == "read" && entry.reason == "escalated task" &&
                              entry.actor_institution == mx_committee.id.to_string());
    }
    EXPECT_TRUE(audited) << "the trail says on what basis the committee read";
    // It follows the late step up; it does not bring other institutions into the child's file.
    json::object share{{"institution_id", server.add_institution("MX", "NGO").id.to_string()},
                       {"purpose", "follow-up"},
                       {"legal_basis", "committee mandate"},
                       {"categories", json::array{"identity"}}};
    auto shared =
        committee.post_json("/api/v1/cases/" + late_id + "/shares", json::serialize(share));
    EXPECT_EQ(shared.status, 403) << shared.body;
    EXPECT_TRUE(server.store().case_shares(late).value().empty());
    // The committee of another country, or of the origin (not notified), never.
    for (const char* country : {"GT", "CR"}) {
        EXPECT_EQ(
            as(server.add_institution(country, "CentralGovernmentOrganisation"), Role::Caseworker)
                .get("/api/v1/cases/" + late_id)
                .status,
            404)
            << country;
    }

    // The child-protection authority of the destination records the two late steps today:
    // nothing is late any more, and the committee has no task left in the case.
    auto authority = as(server.institution(), Role::Caseworker);
    int version = static_cast<int>(server.store().find_case(late).value()->version);
    for (const auto& event : testing::voluntary_return_walk()) {
        if (event.step != std::string("consular_notification") &&
            event.step != std::string("risk_assessment"))
            continue;
        auto body = fmt::format(R"({{"kind": "{}", "step": "{}", "data": {}}})", event.kind,
                                event.step, event.data);
        auto reply = authority.post_json("/api/v1/cases/" + late_id + "/events", body,
                                         {{"If-Match", std::to_string(version++)}});
        ASSERT_EQ(reply.status, 201) << event.step << ": " << reply.body;
    }
    EXPECT_EQ(committee.get("/api/v1/cases/" + late_id).status, 404);
    EXPECT_FALSE(lists(committee, late_id));
}

// Where a country has two institutions of the supervising type (a committee and a civil
// registry are both central-government bodies), the directory's escalation routes say which one
// the late steps' institutions answer to: only that one becomes a party. Without a route, every
// institution of the type does (the test above), so that a late task reaches someone.
TEST_P(NeedToKnow, ALateTaskIsEscalatedAlongTheDirectorysRoutesOnly) {
    auto mx_committee = server.add_institution("MX", "CentralGovernmentOrganisation");
    auto registry = server.add_institution("MX", "CentralGovernmentOrganisation");
    auto ministry = server.add_institution("MX", "ForeignMinistry");
    auto committee = as(mx_committee, Role::Caseworker);
    auto civil_registry = as(registry, Role::Caseworker);
    const auto late_id = open_late_case(server);
    EXPECT_EQ(civil_registry.get("/api/v1/cases/" + late_id).status, 200)
        << "no route yet: the protocol's type alone";

    // The authority and the foreign ministry, whose steps are late, answer to the committee;
    // so does the registry, whose own late tasks would go there too.
    for (auto institution : {server.institution(), ministry, registry}) {
        institution.parent = mx_committee.id;
        ASSERT_TRUE(server.store().put_institution(institution));
    }
    EXPECT_EQ(committee.get("/api/v1/cases/" + late_id).status, 200);
    EXPECT_TRUE(lists(committee, late_id));
    EXPECT_EQ(civil_registry.get("/api/v1/cases/" + late_id).status, 404);
    EXPECT_FALSE(lists(civil_registry, late_id));

    // A route of the ministry alone: the authority's late task still reaches every committee of
    // the type, since the directory says nothing for authorities.
    auto authority = server.institution();
    authority.parent.reset();
    ASSERT_TRUE(server.store().put_institution(authority));
    EXPECT_EQ(civil_registry.get("/api/v1/cases/" + late_id).status, 200);
}

// A case pinned to a protocol definition that is no longer loaded (an operator removed its
// file) gives nobody a task: the ministry gets 404 for it and a list without it, not an error
// that would hide every other case; its opener still reads it, and its state says what is wrong.
TEST(NeedToKnowSqlite, ACaseWhoseDefinitionIsNotLoadedGivesNoTaskAndFailsNoList) {
    TestServer server;
    server.start();
    auto opened = server.client().post_json("/api/v1/cases", case_body());
    ASSERT_EQ(opened.status, 201) << opened.body;
    const auto case_id = std::string(parse(opened.body).at("id").as_string());
    auto other = server.client().post_json("/api/v1/cases", case_body());
    ASSERT_EQ(other.status, 201) << other.body;
    const auto other_id = std::string(parse(other.body).at("id").as_string());
    for (const auto& id : {case_id, other_id})
        record_steps_before_the_notification(server.client(), id, false, /*notify=*/false);
    server.add_user(server.add_institution("MX", "ForeignMinistry"), {Role::Caseworker}, "sre");
    auto ministry = server.anonymous_client().with_bearer(server.sign_in("sre"));
    ASSERT_EQ(ministry.get("/api/v1/cases/" + case_id).status, 200);

    auto db = sqlite::Connection::open(server.sqlite_file(), sqlite::Durability::Normal).value();
    ASSERT_TRUE(
        db->execute("UPDATE cases SET document = json_set(document, '$.protocol.version', "
                    "99) WHERE id = '" +
                    case_id + "'"));
    EXPECT_EQ(ministry.get("/api/v1/cases/" + case_id).status, 404);
    auto list = ministry.get("/api/v1/cases");
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_EQ(list.body.find(case_id), std::string::npos);
    EXPECT_NE(list.body.find(other_id), std::string::npos);
    EXPECT_EQ(server.client().get("/api/v1/cases/" + case_id).status, 200);
    EXPECT_EQ(server.client().get("/api/v1/cases/" + case_id + "/state").status, 503);
}

// A foreign ministry is offered every case of its country to list, and sees those where its
// notification has come: a page reads at most CaseAccess::kMostPagesExamined pages of them, and
// may come back short or empty with `next`; following `next` finds every case it sees, once.
TEST_P(NeedToKnow, ACaseListReadsABoundedNumberOfCasesAPageAndNextFindsTheRest) {
    record_steps_up_to_the_consular_notification(false, /*notify=*/false);
    constexpr int kLimit = 2;
    const int newer = access::CaseAccess::kMostPagesExamined * kLimit + 3;
    for (int i = 0; i < newer; ++i)
        ASSERT_EQ(server.client().post_json("/api/v1/cases", case_body()).status, 201);
    auto ministry = as(server.add_institution("MX", "ForeignMinistry"), Role::Caseworker);
    std::vector<std::string> seen;
    std::string after;
    int requests = 0;
    while (requests < 100) {
        ++requests;
        auto reply = ministry.get(fmt::format("/api/v1/cases?limit={}{}", kLimit,
                                              after.empty() ? "" : "&after=" + after));
        ASSERT_EQ(reply.status, 200) << reply.body;
        auto page = parse(reply.body);
        if (requests == 1) {
            EXPECT_TRUE(page.at("items").as_array().empty()) << "the first page read them all";
        }
        for (const auto& item : page.at("items").as_array())
            seen.emplace_back(item.at("id").as_string());
        if (page.at("next").is_null())
            break;
        after = std::string(page.at("next").as_string());
    }
    EXPECT_EQ(seen, std::vector<std::string>{case_id});
    EXPECT_EQ(requests, 2);  // the empty page and the one with the oldest case
    // The opener's pages are full as before: it is a party to every case it is offered.
    auto own = parse(server.client().get(fmt::format("/api/v1/cases?limit={}", kLimit)).body);
    EXPECT_EQ(own.at("items").as_array().size(), static_cast<std::size_t>(kLimit));
}

// Sharing the case with an authority of the origin before the notification would be the very
// contact the screening must clear: refused, and nothing is stored. A shelter of the origin
// country may still be given what it needs, and once the origin is notified its authorities
// may be given more.
TEST_P(NeedToKnow, NoShareReachesTheOriginsAuthoritiesBeforeTheNotification) {
    auto gt_consulate = server.add_institution("GT", "Consulate");
    auto consul = as(gt_consulate, Role::ConsularOfficer);
    auto share_with = [&](const Institution& to) {
        json::object share{{"institution_id", to.id.to_string()},
                           {"purpose", "family tracing"},
                           {"legal_basis", "request of the child-protection authority"},
                           {"categories", json::array{"identity"}}};
        return server.client().post_json("/api/v1/cases/" + case_id + "/shares",
                                         json::serialize(share));
    };
    auto events_before = server.client().get("/api/v1/cases/" + case_id + "/events").body;
    for (const auto& authority : {gt_consulate, server.add_institution("GT", "Prosecutor"),
                                  server.add_institution("GT", "ChildProtectionAuthority")}) {
        auto refused = share_with(authority);
        ASSERT_EQ(refused.status, 409) << authority.type << ": " << refused.body;
        auto problem = parse(refused.body);
        EXPECT_EQ(problem.at("rule"), "origin-not-notified");
        EXPECT_NE(problem.at("detail").as_string().find("GT"), std::string::npos);
    }
    EXPECT_EQ(consul.get("/api/v1/cases/" + case_id).status, 404);
    EXPECT_EQ(server.client().get("/api/v1/cases/" + case_id + "/events").body, events_before);
    EXPECT_TRUE(server.store().case_shares(*Id::parse(case_id)).value().empty());

    EXPECT_EQ(share_with(server.add_institution("GT", "Shelter")).status, 201);
    EXPECT_EQ(share_with(server.add_institution("HN", "Consulate")).status, 201);

    record_steps_up_to_the_consular_notification(false);
    EXPECT_EQ(share_with(server.add_institution("GT", "Prosecutor")).status, 201);
}

TEST_P(NeedToKnow, AShareOpensTheCaseToAnotherInstitutionForItsCategoriesOnly) {
    auto shelter = server.add_institution("MX", "NGO");
    auto shelter_worker = as(shelter, Role::Supervisor);
    ASSERT_EQ(shelter_worker.get("/api/v1/cases/" + case_id).status, 404);
    EXPECT_EQ(shelter_worker.get("/api/v1/cases").body.find(case_id), std::string::npos);

    json::object share{{"institution_id", shelter.id.to_string()},
                       {"purpose", "shelter placement"},
                       {"legal_basis", "order of the child-protection authority"},
                       {"categories", json::array{"identity", "whereabouts"}}};
    auto shared =
        server.client().post_json("/api/v1/cases/" + case_id + "/shares", json::serialize(share));
    ASSERT_EQ(shared.status, 201) << shared.body;
    EXPECT_EQ(parse(shared.body).at("purpose"), "shelter placement");

    auto seen = shelter_worker.get("/api/v1/cases/" + case_id);
    ASSERT_EQ(seen.status, 200) << seen.body;
    EXPECT_NE(shelter_worker.get("/api/v1/cases").body.find(case_id), std::string::npos);
    auto body = parse(seen.body);
    EXPECT_EQ(body.at("person").at("prs_MailingCity"), "Tapachula");
    EXPECT_FALSE(body.at("victim").as_object().contains("vic_TypeOfExploitation"));
    // A party only through a share may not share further.
    json::object onward = share;
    onward["institution_id"] = server.add_institution("CR", "NGO").id.to_string();
    EXPECT_EQ(
        shelter_worker.post_json("/api/v1/cases/" + case_id + "/shares", json::serialize(onward))
            .status,
        403);

    // Bad shares are refused with the field that is wrong.
    json::object bad = share;
    bad["categories"] = json::array{"everything"};
    auto refused =
        server.client().post_json("/api/v1/cases/" + case_id + "/shares", json::serialize(bad));
    EXPECT_EQ(refused.status, 400);
    EXPECT_EQ(parse(refused.body).at("pointer"), "/categories/0");
}

TEST_P(NeedToKnow, ReadsAndWritesOfPersonalDataAreAudited) {
    auto before = server.store().audit_entries(0, 10'000, case_id).value().size();
    ASSERT_EQ(server.client().get("/api/v1/cases/" + case_id).status, 200);
    auto entries = server.store().audit_entries(0, 10'000, case_id).value();
    ASSERT_EQ(entries.size(), before + 1);
    const auto& read = entries.back();
    EXPECT_EQ(read.action, "read");
    EXPECT_EQ(read.actor_institution, server.institution().id.to_string());
    EXPECT_EQ(read.address, "127.0.0.1");
    EXPECT_EQ(read.categories, "identity,whereabouts,exploitation,legal");
    EXPECT_EQ(read.reason, "opened");
    EXPECT_EQ(entries.front().action, "write");
}

INSTANTIATE_TEST_SUITE_P(Backends, NeedToKnow, ::testing::ValuesIn(testing::kBothBackends),
                         [](const auto& info) { return testing::backend_name(info.param); });

}  // namespace
}  // namespace retorno
