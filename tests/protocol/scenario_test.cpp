// Runs every protocol scenario of tests/data/protocol/*.yaml: a case, a sequence of events and,
// after each, what the engine must have said and what the case state must be. The format is
// described in tests/data/protocol/README.md.
#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "protocol/acting_institutions.h"
#include "protocol/deadlines.h"
#include "protocol/engine.h"
#include "protocol/scenario_support.h"
#include "protocol/supervising_institutions.h"

namespace retorno::protocol {
namespace {

namespace json = boost::json;
using testing::shipped_registry;

std::vector<std::filesystem::path> scenario_files() {
    std::vector<std::filesystem::path> files;
    auto dir = std::filesystem::path(RETORNO_SOURCE_ROOT) / "tests" / "data" / "protocol";
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        if (e.path().extension() == ".yaml")
            files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

class Scenario : public ::testing::TestWithParam<std::filesystem::path> {};

std::string where(const std::filesystem::path& file, const YAML::Node& node) {
    return file.filename().string() + ":" + std::to_string(node.Mark().line + 1);
}

void check_expectations(const std::filesystem::path& file, const YAML::Node& expect,
                        const CaseState& state, const std::string& at) {
    if (!expect)
        return;
    auto here = where(file, expect) + " (" + at + ")";
    if (auto branch = expect["branch"]) {
        EXPECT_EQ(state.branch, branch.as<std::string>()) << here;
    }
    if (auto v = expect["presumed_child"]) {
        EXPECT_EQ(state.presumed_child, v.as<bool>()) << here;
    }
    if (auto v = expect["closed"]) {
        EXPECT_EQ(state.closed, v.as<bool>()) << here;
    }
    if (auto v = expect["direction"]) {
        EXPECT_EQ(to_string(state.direction), v.as<std::string>()) << here;
    }
    if (auto status = expect["status"]) {
        for (auto it = status.begin(); it != status.end(); ++it) {
            const auto* s = state.step(it->first.as<std::string>());
            ASSERT_NE(s, nullptr) << here << ": no step " << it->first.as<std::string>();
            EXPECT_EQ(to_string(s->status), it->second.as<std::string>())
                << here << ": status of " << s->step;
        }
    }
    if (auto blocked = expect["blocked"]) {
        for (auto it = blocked.begin(); it != blocked.end(); ++it) {
            const auto* s = state.step(it->first.as<std::string>());
            ASSERT_NE(s, nullptr) << here;
            EXPECT_EQ(to_string(s->status), "blocked") << here << ": " << s->step;
            EXPECT_EQ(s->blocked_rule, it->second.as<std::string>()) << here << ": " << s->step;
        }
    }
    if (auto tasks = expect["tasks"]) {
        std::set<std::string> expected, actual;
        for (const auto& t : tasks)
            expected.insert(t.as<std::string>());
        for (const auto& t : state.tasks) {
            actual.insert(t.kind == TaskKind::Decision ? t.step + ":decision" : t.step);
        }
        EXPECT_EQ(actual, expected) << here << ": open tasks";
    }
    if (auto details = expect["task_details"]) {
        for (const auto& d : details) {
            auto step = d["step"].as<std::string>();
            auto found = std::find_if(state.tasks.begin(), state.tasks.end(),
                                      [&](const Task& t) { return t.step == step; });
            ASSERT_NE(found, state.tasks.end()) << here << ": no task " << step;
            if (d["side"]) {
                EXPECT_EQ(to_string(found->side), d["side"].as<std::string>()) << here;
            }
            if (d["country"]) {
                EXPECT_EQ(found->country, d["country"].as<std::string>()) << here;
            }
            if (d["institution_type"]) {
                EXPECT_EQ(found->institution_type, d["institution_type"].as<std::string>()) << here;
            }
            if (d["institution_name"]) {
                EXPECT_EQ(found->institution_name, d["institution_name"].as<std::string>()) << here;
            }
            if (d["due"]) {
                ASSERT_TRUE(found->due) << here;
                EXPECT_EQ(format_date(*found->due), d["due"].as<std::string>())
                    << here << ": " << step;
            }
            if (d["days_overdue"]) {
                EXPECT_EQ(found->days_overdue, d["days_overdue"].as<int>()) << here << ": " << step;
            }
        }
    }
    if (auto holds = expect["holds"]) {
        std::set<std::string> expected, actual;
        for (const auto& h : holds)
            expected.insert(h.as<std::string>());
        for (const auto& h : state.holds)
            actual.insert(h.id);
        EXPECT_EQ(actual, expected) << here << ": holds";
    }
    // "Type SIDE CC" for each institution, as the scenario files write them.
    auto named = [](const std::vector<ActingInstitution>& institutions) {
        std::set<std::string> out;
        for (const auto& a : institutions)
            out.insert(a.institution_type + " " + std::string(to_string(a.side)) + " " + a.country);
        return out;
    };
    if (auto acting = expect["acting"]) {
        std::set<std::string> expected;
        for (const auto& a : acting)
            expected.insert(a.as<std::string>());
        EXPECT_EQ(named(acting_institutions(state)), expected) << here << ": acting institutions";
    }
    if (auto supervising = expect["supervising"]) {
        std::set<std::string> expected;
        for (const auto& a : supervising)
            expected.insert(a.as<std::string>());
        EXPECT_EQ(named(supervising_institutions(state)), expected)
            << here << ": supervising institutions";
    }
    if (auto decisions = expect["decisions"]) {
        std::vector<std::string> expected, actual;
        for (const auto& d : decisions)
            expected.push_back(d.as<std::string>());
        for (const auto& d : state.decisions)
            actual.push_back(d.decision + ":" + d.outcome);
        EXPECT_EQ(actual, expected) << here << ": decisions";
    }
}

TEST_P(Scenario, Runs) {
    const auto& file = GetParam();
    YAML::Node doc = YAML::LoadFile(file.string());
    const auto& registry = shipped_registry();
    auto protocol = doc["protocol"].as<std::string>();
    int version = doc["version"] ? doc["version"].as<int>() : 1;
    const Definition* definition = registry.find(protocol, version);
    ASSERT_NE(definition, nullptr) << "no protocol " << protocol;
    Id case_id = Id::generate();
    std::vector<Event> history{testing::opening_event(doc["case"], case_id)};
    check_expectations(
        file, doc["case"]["expect"],
        derive_state(*definition, history, history[0].recorded_at, registry.calendars()),
        "opening");
    for (const auto& entry : doc["events"]) {
        auto at_text = entry["at"].as<std::string>();
        auto at = parse_timestamp(at_text);
        ASSERT_TRUE(at) << where(file, entry) << ": bad 'at'";
        auto here = where(file, entry);
        if (entry["escalate"]) {
            auto raised = escalations_due(*definition, history, *at, registry.calendars());
            std::vector<std::string> actual, expected;
            for (const auto& e : raised) {
                actual.push_back(e.step + ":" +
                                 std::to_string(e.data.at("days_overdue").as_int64()) + ":" +
                                 std::string(e.data.at("supervisor_institution_type").as_string()));
            }
            for (const auto& x : entry["escalate"])
                expected.push_back(x.as<std::string>());
            EXPECT_EQ(actual, expected) << here << ": escalations";
            for (auto& e : raised) {
                ASSERT_TRUE(evaluate_event(*definition, history, e, *at)) << here;
                history.push_back(std::move(e));
            }
            // The same overdue tasks are raised only once.
            EXPECT_TRUE(escalations_due(*definition, history, *at, registry.calendars()).empty())
                << here;
        } else if (!entry["check"]) {
            Event e;
            e.id = Id::generate();
            e.case_id = case_id;
            e.version = history.back().version + 1;
            if (entry["step_completed"]) {
                e.kind = EventKind::StepCompleted;
                e.step = entry["step_completed"].as<std::string>();
            } else if (entry["decision_recorded"]) {
                e.kind = EventKind::DecisionRecorded;
                e.step = entry["decision_recorded"].as<std::string>();
            } else {
                FAIL() << here
                       << ": an entry needs step_completed, decision_recorded, check or escalate";
            }
            if (entry["data"])
                e.data = testing::yaml_to_json(entry["data"]).as_object();
            e.actor_user = "scenario";
            e.recorded_at = *at;
            auto verdict = evaluate_event(*definition, history, e, *at);
            // Reads through a const node: yaml-cpp's non-const operator[] would insert the key.
            const YAML::Node expect = entry["expect"];
            const YAML::Node refused =
                expect ? expect["refused"] : YAML::Node(YAML::NodeType::Undefined);
            if (refused) {
                ASSERT_FALSE(verdict) << here << ": expected refusal " << refused.as<std::string>();
                EXPECT_EQ(verdict.error().rule, refused.as<std::string>())
                    << here << ": " << verdict.error().message.en;
                EXPECT_FALSE(verdict.error().message.es.empty());
                EXPECT_FALSE(verdict.error().message.en.empty());
                if (const YAML::Node field = expect["field"]) {
                    EXPECT_EQ(verdict.error().field, field.as<std::string>()) << here;
                }
            } else {
                ASSERT_TRUE(verdict) << here << ": refused " << verdict.error().rule << ": "
                                     << verdict.error().message.en << " " << verdict.error().field;
                history.push_back(std::move(e));
            }
        }
        check_expectations(file, entry["expect"],
                           derive_state(*definition, history, *at, registry.calendars()), at_text);
    }
}

INSTANTIATE_TEST_SUITE_P(
    Protocol, Scenario, ::testing::ValuesIn(scenario_files()), [](const auto& info) {
        auto name = info.param.stem().string();
        std::replace_if(
            name.begin(), name.end(),
            [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
        return name;
    });

}  // namespace
}  // namespace retorno::protocol
