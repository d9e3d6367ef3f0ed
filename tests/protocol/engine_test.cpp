#include <gtest/gtest.h>

#include "protocol/engine.h"
#include "protocol/scenario_support.h"

namespace retorno::protocol {
namespace {

namespace json = boost::json;

std::vector<Event> opened(const char* destination, const char* origin) {
    YAML::Node c;
    c["destination_country"] = destination;
    c["origin_country"] = origin;
    c["opened_at"] = "2026-03-02T09:00:00Z";
    return {testing::opening_event(c, Id::generate())};
}

TEST(Engine, RefusalBecomesARuleViolationNamingTheRule) {
    const auto* d = testing::shipped_registry().find("regional", 1);
    ASSERT_NE(d, nullptr);
    auto history = opened("MX", "GT");
    Event e;
    e.kind = EventKind::StepCompleted;
    e.step = "escorted_transfer";
    e.recorded_at = history[0].recorded_at;
    auto status = check_event(*d, history, e, e.recorded_at);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code, ErrorCode::RuleViolation);
    EXPECT_EQ(status.error().field, "step-order");
    EXPECT_FALSE(status.error().message.empty());
}

TEST(Engine, UnknownStepAndEventsBeforeOpeningAreRefused) {
    const auto* d = testing::shipped_registry().find("regional", 1);
    auto history = opened("MX", "GT");
    Event e;
    e.kind = EventKind::StepCompleted;
    e.step = "teleportation";
    auto verdict = evaluate_event(*d, history, e, history[0].recorded_at);
    ASSERT_FALSE(verdict);
    EXPECT_EQ(verdict.error().rule, "unknown-step");
    EXPECT_EQ(verdict.error().field, "/step");
    std::vector<Event> none;
    e.step = "interview";
    EXPECT_EQ(evaluate_event(*d, none, e, history[0].recorded_at).error().rule, "case-not-opened");
    EXPECT_EQ(evaluate_event(*d, history, history[0], history[0].recorded_at).error().rule,
              "case-already-opened");
}

TEST(Engine, NotesAndSystemEventsDoNotAdvanceTheProtocol) {
    const auto* d = testing::shipped_registry().find("regional", 1);
    auto history = opened("MX", "GT");
    Event note;
    note.kind = EventKind::NoteAdded;
    note.version = 2;
    EXPECT_TRUE(evaluate_event(*d, history, note, history[0].recorded_at));
    auto before =
        derive_state(*d, history, history[0].recorded_at, testing::shipped_registry().calendars());
    history.push_back(note);
    auto after =
        derive_state(*d, history, history[0].recorded_at, testing::shipped_registry().calendars());
    EXPECT_EQ(before.steps, after.steps);
    EXPECT_EQ(after.version, 2);
}

TEST(Engine, StateJsonNamesStepsTasksAndBranch) {
    const auto& registry = testing::shipped_registry();
    const auto* d = registry.find("gt", 1);
    ASSERT_NE(d, nullptr);
    auto history = opened("GT", "SV");
    auto state = derive_state(*d, history, history[0].recorded_at, registry.calendars());
    auto j = case_state_to_json(state);
    EXPECT_EQ(j.at("protocol").at("id"), "gt");
    EXPECT_EQ(j.at("direction"), "foreign_child_in_country");
    EXPECT_EQ(j.at("branch").at("id"), "return");
    EXPECT_EQ(j.at("branch").at("kind"), "return");
    EXPECT_EQ(j.at("presumed_child"), true);
    EXPECT_EQ(j.at("steps").as_array().size(), d->steps.size());
    const auto& first = j.at("steps").as_array()[0].as_object();
    EXPECT_EQ(first.at("step"), "identification");
    EXPECT_EQ(first.at("status"), "done");
    bool found = false;
    for (const auto& t : j.at("tasks").as_array()) {
        if (t.at("step") == "immediate_protection") {
            found = true;
            EXPECT_EQ(t.at("side"), "DEST");
            EXPECT_EQ(t.at("country"), "GT");
            EXPECT_EQ(t.at("due"), "2026-03-03");
            EXPECT_EQ(t.at("days_overdue"), 0);
        }
    }
    EXPECT_TRUE(found);
}

}  // namespace
}  // namespace retorno::protocol
