// The inbox: the tasks of the reader's institution, the most overdue first, then by deadline,
// then those without one; filters by status, step and country; pages of 50 rows. The tasks are
// written into the open-tasks projection directly, with the deadlines each row needs, so that
// the order does not depend on the protocol's calendar.

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "support/api/page_client.h"
#include "support/api/sample_case.h"
#include "support/api/test_server.h"

namespace retorno {
namespace {

using testing::PageClient;
using testing::TestServer;

class InboxPage : public ::testing::Test {
  protected:
    void SetUp() override {
        server.start();
        server.add_user(server.institution(), {Role::Caseworker}, "mx.bandeja");
        today = date_of(now_utc());
    }

    // Opens a case through the API and replaces its tasks by one per (step, due, type).
    struct Wanted {
        std::string step;
        std::optional<int> due_in_days;
        std::string institution_type = "ChildProtectionAuthority";
        std::string country = "MX";
        std::string supervisor_type = "CentralGovernmentOrganisation";
    };
    // `origin_notified` is what the projection keeps of the case's parties
    // (CaseParties::origin_notified); the case itself stays as opened.
    std::string case_with_tasks(const std::vector<Wanted>& wanted,
                                std::optional<bool> origin_notified = std::nullopt) {
        // value() throws when the case could not be opened: nothing below can go on without it.
        auto id = Id::parse(testing::open_sample_case(server.client())).value();
        auto c = server.store().find_case(id).value().value();
        CaseTasks tasks{c.version, server.protocols().fingerprint(), parties_of(c), {}};
        if (origin_notified)
            tasks.parties.origin_notified = *origin_notified;
        for (const auto& want : wanted) {
            OpenTask task;
            task.case_id = id;
            task.parties = tasks.parties;
            task.step = want.step;
            task.kind = "step";
            task.side = want.country == "MX" ? "DEST" : "ORIG";
            task.country = want.country;
            task.institution_type = want.institution_type;
            task.supervisor_type = want.supervisor_type;
            if (want.due_in_days)
                task.due =
                    Date{std::chrono::sys_days{today} + std::chrono::days{*want.due_in_days}};
            tasks.tasks.push_back(task);
        }
        EXPECT_TRUE(server.store().replace_case_tasks(id, tasks).value());
        return id.to_string();
    }

    PageClient signed_in() {
        PageClient client(server.anonymous_client().port());
        EXPECT_TRUE(client.sign_in("mx.bandeja", TestServer::kTestPassword));
        return client;
    }

    // The case ids of the rows, in the order of the page.
    static std::vector<std::string> rows(const std::string& html) {
        std::vector<std::string> out;
        const std::string marker = "<td><a href=\"/cases/";
        for (auto at = html.find(marker); at != std::string::npos; at = html.find(marker, at + 1)) {
            out.push_back(html.substr(at + marker.size(), 36));
        }
        return out;
    }

    TestServer server;
    Date today{};
};

TEST_F(InboxPage, MostOverdueFirstThenByDeadlineThenUndated) {
    auto undated = case_with_tasks({{"immediate_protection", std::nullopt}});
    auto soon = case_with_tasks({{"immediate_protection", 5}});
    auto late_two = case_with_tasks({{"immediate_protection", -2}});
    auto late_ten = case_with_tasks({{"immediate_protection", -10}});
    auto consulate = case_with_tasks({{"consular_notification", -20, "Consulate"}});

    auto worker = signed_in();
    auto inbox = worker.get("/inbox");
    ASSERT_EQ(inbox.status, 200) << inbox.body;
    EXPECT_EQ(rows(inbox.body), (std::vector<std::string>{late_ten, late_two, soon, undated}));
    EXPECT_NE(inbox.body.find("10 días"), std::string::npos) << "days overdue are shown";
    EXPECT_NE(inbox.body.find("aria-label=\"tareas pendientes\">4<"), std::string::npos);

    auto overdue = worker.get("/inbox?status=overdue");
    EXPECT_EQ(rows(overdue.body), (std::vector<std::string>{late_ten, late_two}));
    auto due = worker.get("/inbox?status=due");
    EXPECT_EQ(rows(due.body), (std::vector<std::string>{soon}));
    auto none = worker.get("/inbox?status=undated");
    EXPECT_EQ(rows(none.body), (std::vector<std::string>{undated}));
    auto elsewhere = worker.get("/inbox?country=HN");
    EXPECT_TRUE(rows(elsewhere.body).empty());
    (void)consulate;
}

// The inbox decides who sees a task from the parties the projection keeps: a task of the
// origin's consulate in a case whose origin has not been notified is not shown to it.
TEST_F(InboxPage, TheOriginsConsulateSeesTasksOnlyOfCasesItWasNotifiedOf) {
    server.add_user(server.add_institution("GT", "Consulate"), {Role::ConsularOfficer},
                    "gt.consul.bandeja");
    const Wanted verification{"identity_verification", 5, "Consulate", "GT"};
    auto notified = case_with_tasks({verification}, true);
    auto not_notified = case_with_tasks({verification}, false);

    PageClient consul(server.anonymous_client().port());
    ASSERT_TRUE(consul.sign_in("gt.consul.bandeja", TestServer::kTestPassword));
    auto inbox = consul.get("/inbox");
    ASSERT_EQ(inbox.status, 200) << inbox.body;
    EXPECT_EQ(rows(inbox.body), (std::vector<std::string>{notified}));
    EXPECT_EQ(inbox.body.find(not_notified), std::string::npos);
}

// Every institution the protocol names has its own inbox: the destination's foreign ministry
// sees its notifications, and the origin's migration service its handovers, once the origin
// has been notified (the same rule as the consulate's).
TEST_F(InboxPage, EveryInstitutionTheProtocolNamesSeesItsOwnTasks) {
    server.add_user(server.add_institution("MX", "ForeignMinistry"), {Role::Caseworker},
                    "mx.sre.bandeja");
    server.add_user(server.add_institution("GT", "ImmigrationService"), {Role::Caseworker},
                    "gt.igm.bandeja");
    auto notification = case_with_tasks({{"consular_notification", 2, "ForeignMinistry"}});
    const Wanted handover{"handover", 1, "ImmigrationService", "GT"};
    auto notified = case_with_tasks({handover}, true);
    case_with_tasks({handover}, false);  // not shown: the origin has not been notified

    auto inbox_of = [&](const char* username) {
        PageClient client(server.anonymous_client().port());
        EXPECT_TRUE(client.sign_in(username, TestServer::kTestPassword));
        auto inbox = client.get("/inbox");
        EXPECT_EQ(inbox.status, 200) << inbox.body;
        return rows(inbox.body);
    };
    EXPECT_EQ(inbox_of("mx.sre.bandeja"), (std::vector<std::string>{notification}));
    EXPECT_EQ(inbox_of("gt.igm.bandeja"), (std::vector<std::string>{notified}));
}

TEST_F(InboxPage, FiftyRowsAPageWithTheFiltersInThePageLinks) {
    std::vector<Wanted> many;
    for (int i = 0; i < 53; ++i)
        many.push_back({"step_" + std::to_string(100 + i), i});
    auto busy = case_with_tasks(many);
    auto other = case_with_tasks({{"immediate_protection", 60}});

    auto worker = signed_in();
    auto first = worker.get("/inbox");
    ASSERT_EQ(first.status, 200);
    EXPECT_EQ(rows(first.body).size(), 50u);
    EXPECT_NE(first.body.find("Página 1 de 2"), std::string::npos);
    EXPECT_NE(first.body.find("href=\"/inbox?country=&amp;step=&amp;status=&amp;page=2\""),
              std::string::npos);
    auto second = worker.get("/inbox?page=2");
    EXPECT_EQ(rows(second.body), (std::vector<std::string>{busy, busy, busy, other}));
    // A page past the end shows the last; a page that is not a number, the first.
    EXPECT_EQ(rows(worker.get("/inbox?page=9").body), rows(second.body));
    EXPECT_EQ(rows(worker.get("/inbox?page=x").body), rows(first.body));

    auto one_step = worker.get("/inbox?step=step_152");
    EXPECT_EQ(rows(one_step.body), (std::vector<std::string>{busy}));
    EXPECT_EQ(one_step.body.find("class=\"pager\""), std::string::npos);
}

// An overdue task is escalated to the institution that supervises its step: a national
// committee finds the late tasks of the other institutions of its country in its inbox, marked
// as escalated with whose task it is, the most overdue first; not the tasks still on time (one
// due today is not late yet), not another country's, and not the origin's side before the
// origin has been notified.
TEST_F(InboxPage, AnOverdueTaskIsEscalatedToTheInstitutionThatSupervisesItsStep) {
    server.add_user(server.add_institution("MX", "CentralGovernmentOrganisation"),
                    {Role::Caseworker}, "mx.comision.bandeja");
    server.add_user(server.add_institution("GT", "CentralGovernmentOrganisation"),
                    {Role::Caseworker}, "gt.comision.bandeja");
    auto late_ten = case_with_tasks({{"immediate_protection", -10}});
    auto late_two = case_with_tasks({{"consular_notification", -2, "ForeignMinistry"}});
    case_with_tasks({{"interview", 3}});
    case_with_tasks({{"interview", 0}});
    case_with_tasks({{"identity_verification", -5, "Consulate", "GT", "ForeignMinistry"}}, true);
    const Wanted family{"family_assessment", -4, "ChildProtectionAuthority", "GT"};
    auto notified = case_with_tasks({family}, true);
    case_with_tasks({family}, false);

    PageClient committee(server.anonymous_client().port());
    ASSERT_TRUE(committee.sign_in("mx.comision.bandeja", TestServer::kTestPassword));
    auto inbox = committee.get("/inbox");
    ASSERT_EQ(inbox.status, 200) << inbox.body;
    EXPECT_EQ(rows(inbox.body), (std::vector<std::string>{late_ten, late_two}));
    EXPECT_NE(inbox.body.find("Escalada a su institución; la tarea es de Autoridad de protección "
                              "de la niñez (México)"),
              std::string::npos)
        << inbox.body;
    EXPECT_NE(inbox.body.find("Cancillería (México)"), std::string::npos);
    EXPECT_EQ(rows(committee.get("/inbox?status=escalated").body),
              (std::vector<std::string>{late_ten, late_two}));
    EXPECT_TRUE(rows(committee.get("/inbox?status=due").body).empty());

    PageClient origin(server.anonymous_client().port());
    ASSERT_TRUE(origin.sign_in("gt.comision.bandeja", TestServer::kTestPassword));
    EXPECT_EQ(rows(origin.get("/inbox").body), (std::vector<std::string>{notified}));

    // The institution whose task it is sees it as its own, not as escalated.
    auto own = signed_in().get("/inbox?status=escalated");
    ASSERT_EQ(own.status, 200) << own.body;
    EXPECT_TRUE(rows(own.body).empty());
    EXPECT_EQ(own.body.find("Escalada a su institución"), std::string::npos);
}

// Of two institutions of the supervising type in one country (a committee, a civil registry),
// the late task goes to the one that the directory's routes name for the acting institution; a
// task whose institution type has no route there goes to both.
TEST_F(InboxPage, AnEscalationFollowsTheDirectorysRoutes) {
    auto committee = server.add_institution("MX", "CentralGovernmentOrganisation");
    auto registry = server.add_institution("MX", "CentralGovernmentOrganisation");
    server.add_user(registry, {Role::Caseworker}, "mx.registro.bandeja");
    for (auto institution : {server.institution(), registry}) {
        institution.parent = committee.id;
        ASSERT_TRUE(server.store().put_institution(institution));
    }
    case_with_tasks({{"immediate_protection", -10}});
    auto ministry_late = case_with_tasks({{"consular_notification", -2, "ForeignMinistry"}});

    PageClient client(server.anonymous_client().port());
    ASSERT_TRUE(client.sign_in("mx.registro.bandeja", TestServer::kTestPassword));
    auto inbox = client.get("/inbox");
    ASSERT_EQ(inbox.status, 200) << inbox.body;
    EXPECT_EQ(rows(inbox.body), (std::vector<std::string>{ministry_late}));
    EXPECT_EQ(inbox.body.find("Autoridad de protección de la niñez (México)"), std::string::npos);
}

}  // namespace
}  // namespace retorno
