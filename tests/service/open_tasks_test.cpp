// The open-tasks projection that the inboxes read: the tasks it holds for a case are the tasks
// the protocol engine derives from the case's events, after every append, and after a refresh
// when they were missing or derived under other protocol files.

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>

#include <boost/json.hpp>

#include "domain/event_hash.h"
#include "protocol/open_tasks.h"
#include "service/case_service.h"
#include "store/sqlite/sqlite_store.h"
#include "support/estimated_age_case.h"
#include "support/manual_clock.h"
#include "support/throwaway_dir.h"
#include "support/voluntary_return.h"
#include "synthetic/generator.h"

namespace retorno {
namespace {

using testing::ManualClock;

class OpenTasks : public ::testing::Test {
  protected:
    void SetUp() override {
        auto opened = SqliteStore::open(dir.path() / "retorno.db");
        ASSERT_TRUE(opened);
        store = std::move(*opened);
        auto registry = protocol::ProtocolRegistry::load_default();
        ASSERT_TRUE(registry) << registry.error().message;
        protocols = std::move(*registry);
        cases = std::make_unique<CaseService>(*store, clock, protocols);
    }

    Id open_case() {
        auto drawn = generator.next_case();
        OpenCaseRequest request;
        request.person = drawn.person;
        request.victim = drawn.victim;
        request.origin_country = drawn.origin_country;
        request.destination_country = drawn.destination_country;
        auto opened = cases->open_case(request, Actor{});
        EXPECT_TRUE(opened) << opened.error().message;
        return opened->id;
    }

    // The case's tasks as the inboxes read them, in the engine's terms.
    std::vector<protocol::Task> projected(const Id& id, const std::vector<protocol::Task>& like) {
        std::vector<protocol::Task> out;
        std::vector<OpenTaskQuery> asked;
        for (const auto& task : like) {
            OpenTaskQuery query{task.institution_type, task.country};
            if (std::find_if(asked.begin(), asked.end(), [&](const OpenTaskQuery& q) {
                    return q.institution_type == query.institution_type &&
                           q.country == query.country;
                }) != asked.end())
                continue;
            asked.push_back(query);
            auto tasks = cases->open_tasks(query).value();
            for (auto& found : tasks) {
                if (found.case_id == id)
                    out.push_back(found.task);
            }
        }
        return out;
    }

    void expect_projection_matches_engine(const Id& id) {
        auto derived = cases->case_state(id).value().tasks;
        auto stored = projected(id, derived);
        auto by_step = [](const protocol::Task& a, const protocol::Task& b) {
            return std::tie(a.step, a.kind, a.institution_type) <
                   std::tie(b.step, b.kind, b.institution_type);
        };
        std::sort(derived.begin(), derived.end(), by_step);
        std::sort(stored.begin(), stored.end(), by_step);
        EXPECT_EQ(stored, derived);
    }

    testing::ThrowawayDir dir;
    std::unique_ptr<SqliteStore> store;
    protocol::ProtocolRegistry protocols;
    ManualClock clock{*parse_timestamp("2026-03-02T09:00:00Z")};
    std::unique_ptr<CaseService> cases;
    synthetic::Generator generator{31};
};

TEST_F(OpenTasks, EveryAppendLeavesTheTasksThatTheEngineDerives) {
    std::vector<Id> ids;
    for (int i = 0; i < 12; ++i)
        ids.push_back(open_case());
    int with_tasks = 0;
    for (const auto& id : ids) {
        expect_projection_matches_engine(id);
        with_tasks += cases->case_state(id).value().tasks.empty() ? 0 : 1;
    }
    EXPECT_GT(with_tasks, 0);
    // Ten days on, the same tasks are late by as many days as the engine says, and the
    // escalations appended meanwhile keep the projection in step.
    clock.advance(std::chrono::hours(24 * 10));
    ASSERT_GT(cases->raise_escalations().value(), 0);
    for (const auto& id : ids)
        expect_projection_matches_engine(id);
    EXPECT_EQ(cases->refresh_open_tasks().value(), 0);
}

TEST_F(OpenTasks, ARefreshDerivesTheTasksOfCasesAppendedWithoutThem) {
    Id kept = open_case();
    Id bare = open_case();
    // An event appended by something that did not derive tasks (an older binary, a copy).
    auto before = cases->get_case(bare).value();
    Event note;
    note.id = Id::generate();
    note.case_id = bare;
    note.version = before.version + 1;
    note.kind = EventKind::NoteAdded;
    note.data = boost::json::object{{"note", "nota de prueba"}};
    note.actor_user = "system";
    note.recorded_at = clock.now();
    note.previous_hash = before.last_hash;
    note.hash = event_hash(note);
    Case after = apply_event(before, note);
    ASSERT_TRUE(store->append(note, after));
    EXPECT_TRUE(projected(bare, cases->case_state(bare).value().tasks).empty());

    EXPECT_EQ(cases->refresh_open_tasks().value(), 1);
    expect_projection_matches_engine(bare);
    expect_projection_matches_engine(kept);
    EXPECT_EQ(cases->refresh_open_tasks().value(), 0);
}

TEST_F(OpenTasks, OtherProtocolFilesMakeEveryCaseDerivedAgain) {
    open_case();
    open_case();
    const auto before = protocols.fingerprint();
    auto copy = *protocols.latest("regional");
    copy.version += 100;
    protocols.add(copy);
    EXPECT_NE(protocols.fingerprint(), before);
    EXPECT_EQ(cases->refresh_open_tasks().value(), 2);
    EXPECT_EQ(cases->refresh_open_tasks().value(), 0);
}

TEST_F(OpenTasks, TheFingerprintNamesTheFilesNotTheLoad) {
    auto again = protocol::ProtocolRegistry::load_default();
    ASSERT_TRUE(again);
    EXPECT_EQ(again->fingerprint(), protocols.fingerprint());
    EXPECT_EQ(protocols.fingerprint().size(), 16u);
}

// The projection keeps whether the case's country of origin has been notified, which decides
// whether its consulate and its child-protection authority see the case's tasks in their
// inboxes (access::has_protocol_task); a head written under an older form of the projection,
// which did not keep it, is derived again.
TEST_F(OpenTasks, TheProjectionKeepsWhetherTheOriginWasNotified) {
    const Id id =
        cases
            ->open_case(testing::estimated_age_case("Nombre Sintético", "GT", "MX", clock.now()),
                        Actor{})
            .value()
            .id;
    auto origin_notified = [&]() -> std::optional<bool> {
        const auto every_task = cases->open_tasks({}).value();
        for (const auto& found : every_task) {
            if (found.case_id == id)
                return found.parties.origin_notified;
        }
        return std::nullopt;
    };
    EXPECT_EQ(origin_notified(), false);

    const auto& walk = testing::voluntary_return_walk();
    for (std::size_t i = 0; walk[i].step != std::string("identity_verification"); ++i) {
        boost::json::object body{{"kind", walk[i].kind},
                                 {"step", walk[i].step},
                                 {"data", boost::json::parse(walk[i].data)}};
        auto event = record_event_request_from_json(body);
        ASSERT_TRUE(event) << event.error().message;
        auto recorded =
            cases->record_event(id, cases->get_case(id).value().version, *event, Actor{});
        ASSERT_TRUE(recorded) << walk[i].step << ": " << recorded.error().message;
        EXPECT_EQ(origin_notified(), walk[i].step == std::string("consular_notification"))
            << "after " << walk[i].step;
    }

    auto c = cases->get_case(id).value();
    auto tasks =
        protocol::open_tasks_after(*protocols.find(c.protocol_id, c.protocol_version),
                                   store->case_events(id, 0, 1000).value(), protocols, clock.now());
    tasks.fingerprint = "0123456789abcdef";  // written by an older binary
    tasks.parties.origin_notified = false;   // which had no such column
    ASSERT_TRUE(store->replace_case_tasks(id, tasks).value());
    EXPECT_EQ(origin_notified(), false);
    EXPECT_EQ(cases->refresh_open_tasks().value(), 1);
    EXPECT_EQ(origin_notified(), true);
}

// An inbox asks for the overdue tasks its institution supervises as of a day; their days
// overdue are counted on that same day, not on a second reading of the clock, which at midnight
// could give a day earlier and a late task with no days late.
TEST_F(OpenTasks, TheDaysOverdueAreCountedOnTheDayTheQueryNames) {
    const auto id = open_case();
    std::optional<protocol::Task> dated;
    const auto state = cases->case_state(id).value();
    for (const auto& task : state.tasks) {
        if (task.due && !task.supervisor_type.empty() && !dated)
            dated = task;
    }
    ASSERT_TRUE(dated) << "an opened case has a task with a deadline and a supervisor";
    ASSERT_EQ(dated->days_overdue, 0);
    const Date three_days_late{std::chrono::sys_days{*dated->due} + std::chrono::days{3}};
    std::optional<protocol::Task> supervised;
    const auto tasks =
        cases->open_tasks({dated->supervisor_type, dated->country, three_days_late}).value();
    for (const auto& found : tasks) {
        if (found.case_id == id && found.task.step == dated->step)
            supervised = found.task;
    }
    ASSERT_TRUE(supervised);
    EXPECT_EQ(supervised->days_overdue, 3);
}

}  // namespace
}  // namespace retorno
