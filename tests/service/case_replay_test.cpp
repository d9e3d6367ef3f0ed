// A case rebuilt from its events alone (domain/case_replay.h) is the projection the service
// stored, field for field, at every version of a whole return: the child as opened, a person
// update, every step of the voluntary-return branch (the verified birth date, the closure). A
// replay refuses a history that does not start with the opening or skips a version. Backups,
// restores and migrations rely on this to find a projection that disagrees with its events.

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "domain/case_replay.h"
#include "protocol/registry.h"
#include "service/case_service.h"
#include "store/sqlite/sqlite_store.h"
#include "support/manual_clock.h"
#include "support/throwaway_dir.h"
#include "support/voluntary_return.h"
#include "synthetic/generator.h"

namespace retorno {
namespace {

TEST(CaseReplay, RebuildsTheStoredProjectionAtEveryVersionOfAReturn) {
    testing::ThrowawayDir dir;
    auto store = SqliteStore::open(dir.path() / "retorno.db").value();
    auto protocols = protocol::ProtocolRegistry::load_default().value();
    testing::ManualClock clock;
    CaseService cases(*store, clock, protocols);
    synthetic::Generator generator(20261202);
    const auto drawn = generator.next_case();
    OpenCaseRequest request;
    request.person = drawn.person;
    request.victim = drawn.victim;
    request.origin_country = "GT";
    request.destination_country = "MX";
    Actor actor;
    actor.institution_id = "018cc251-f402-7b59-bc01-5da42ce1c952";
    const Id id = cases.open_case(request, actor).value().id;

    auto record = [&](const boost::json::object& body) {
        auto event = record_event_request_from_json(body);
        ASSERT_TRUE(event) << event.error().message;
        auto recorded = cases.record_event(id, cases.get_case(id).value().version, *event, actor);
        ASSERT_TRUE(recorded) << boost::json::serialize(body) << ": " << recorded.error().message;
    };
    auto expect_replay_matches = [&](const std::string& after) {
        CaseReplay replay;
        const auto events = store->case_events(id, 0, 1000).value();
        for (const auto& event : events)
            ASSERT_TRUE(replay.add(event)) << after;
        ASSERT_TRUE(replay.state().has_value());
        EXPECT_EQ(boost::json::serialize(case_to_json(*replay.state())),
                  boost::json::serialize(case_to_json(cases.get_case(id).value())))
            << "after " << after;
    };
    expect_replay_matches("the opening");

    clock.advance(std::chrono::hours(2));
    record(
        {{"kind", "person_updated"},
         {"data",
          {{"person",
            {{"prs_FirstName", "Nombre Sintético"}, {"prs_SecondName", "Apellido Inventado"}}}}}});
    expect_replay_matches("the person update");
    for (const auto& step : testing::voluntary_return_walk()) {
        clock.advance(std::chrono::hours(5));
        record({{"kind", step.kind}, {"step", step.step}, {"data", boost::json::parse(step.data)}});
        expect_replay_matches(step.step);
    }
    EXPECT_TRUE(cases.get_case(id).value().person.age_verified)
        << "the walk verified the birth date, which the replay had to take from its step";
}

TEST(CaseReplay, RefusesAHistoryThatDoesNotStartWithTheOpeningOrSkipsAVersion) {
    Event note;
    note.case_id = Id::generate();
    note.kind = EventKind::NoteAdded;
    note.version = 1;
    CaseReplay without_opening;
    EXPECT_FALSE(without_opening.add(note));

    Event opening = note;
    opening.kind = EventKind::CaseOpened;
    opening.data =
        boost::json::parse(
            R"({"person": {"prs_FirstName": "Nombre", "age_verified": false}, "victim": {},
                           "origin_country": "GT", "destination_country": "MX",
                           "protocol": {"id": "mx", "version": 1}})")
            .as_object();
    CaseReplay replay;
    auto opened = replay.add(opening);
    ASSERT_TRUE(opened) << opened.error().message << " " << opened.error().detail;
    note.version = 3;
    auto skipped = replay.add(note);
    ASSERT_FALSE(skipped);
    EXPECT_NE(skipped.error().message.find("version 2 is missing"), std::string::npos);
    note.version = 2;
    EXPECT_TRUE(replay.add(note));
    EXPECT_EQ(replay.state()->version, 2);
    EXPECT_EQ(replay.state()->origin_country, "GT");
}

}  // namespace
}  // namespace retorno
