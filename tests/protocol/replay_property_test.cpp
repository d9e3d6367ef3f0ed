// Property: for random valid event sequences (seeded, so any failure can be replayed), the state
// derived event by event equals the state derived from the whole history, and the engine's
// verdict on the folded facts equals its verdict on the history.
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "protocol/deadlines.h"
#include "protocol/engine.h"
#include "protocol/scenario_support.h"

namespace retorno::protocol {
namespace {

namespace json = boost::json;

json::value random_value(const FieldDef& f, std::mt19937& rng) {
    auto pick = [&](std::size_t n) {
        return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
    };
    switch (f.type) {
        case FieldType::String:
        case FieldType::Text:
            return "texto sintético";
        // Mostly true, so that guards on booleans let the sequence advance.
        case FieldType::Boolean:
            return pick(5) != 0;
        case FieldType::Integer:
            return 1;
        case FieldType::Date:
            return "2026-03-10";
        case FieldType::Timestamp:
            return "2026-03-10T10:00:00Z";
        case FieldType::Country:
            return "GT";
        case FieldType::Enum:
            return json::string(f.vocabulary[pick(f.vocabulary.size())]);
        case FieldType::List:
            return json::array{json::string(f.vocabulary.empty() ? "x" : f.vocabulary[0])};
    }
    return nullptr;
}

json::object random_data(const std::vector<FieldDef>& fields, std::mt19937& rng) {
    json::object out;
    for (const auto& f : fields) {
        if (f.required || rng() % 2 == 0)
            out[f.name] = random_value(f, rng);
    }
    // The caregiver must not be involved, or no return could ever be decided.
    if (out.contains("caregiver_involved_in_trafficking") && rng() % 4 != 0) {
        out["caregiver_involved_in_trafficking"] = false;
    }
    return out;
}

struct Pair {
    const char* protocol;
    const char* destination;
    const char* origin;
};

TEST(ReplayProperty, StepByStepStateEqualsStateFromWholeHistory) {
    const auto& registry = testing::shipped_registry();
    const Pair pairs[] = {{"regional", "MX", "GT"},
                          {"gt", "GT", "HN"},
                          {"gt", "MX", "GT"},
                          {"sv", "SV", "NI"},
                          {"sv", "US", "SV"}};
    int accepted_total = 0;
    for (unsigned seed = 1; seed <= 40; ++seed) {
        std::mt19937 rng(seed);
        const auto& pair = pairs[seed % std::size(pairs)];
        const Definition* d = registry.find(pair.protocol, 1);
        ASSERT_NE(d, nullptr);
        YAML::Node c;
        c["destination_country"] = pair.destination;
        c["origin_country"] = pair.origin;
        c["opened_at"] = "2026-03-02T09:00:00Z";
        Id case_id = Id::generate();
        std::vector<Event> history{testing::opening_event(c, case_id)};
        CaseReplay replay(*d);
        replay.apply(history[0]);
        Timestamp now = history[0].recorded_at;
        for (int i = 0; i < 80 && !replay.facts().closed; ++i) {
            now += std::chrono::hours(1 + rng() % 60);
            auto state = replay.state(now, registry.calendars());
            if (rng() % 6 == 0) {
                for (auto& e : escalations_due(*d, history, now, registry.calendars())) {
                    replay.apply(e);
                    history.push_back(std::move(e));
                }
            }
            std::vector<Event> candidates;
            for (const auto& t : state.tasks) {
                const auto* step = d->step(t.step);
                Event e;
                e.case_id = case_id;
                e.step = t.step;
                e.recorded_at = now;
                if (t.kind == TaskKind::Step) {
                    e.kind = EventKind::StepCompleted;
                    e.data = random_data(step->fields, rng);
                } else {
                    e.kind = EventKind::DecisionRecorded;
                    e.data = random_data(step->decision->fields, rng);
                    const auto& outcomes = step->decision->outcomes;
                    e.data["decision"] = outcomes[rng() % outcomes.size()].id;
                }
                candidates.push_back(std::move(e));
            }
            if (candidates.empty())
                break;
            Event e = candidates[rng() % candidates.size()];
            e.id = Id::generate();
            e.version = history.back().version + 1;
            auto folded = replay.evaluate(e, now);
            auto whole = evaluate_event(*d, history, e, now);
            ASSERT_EQ(folded.has_value(), whole.has_value()) << "seed " << seed;
            if (!folded) {
                EXPECT_EQ(folded.error().rule, whole.error().rule) << "seed " << seed;
                continue;
            }
            ++accepted_total;
            replay.apply(e);
            history.push_back(std::move(e));
            auto step_by_step = replay.state(now, registry.calendars());
            auto from_history = derive_state(*d, history, now, registry.calendars());
            ASSERT_EQ(step_by_step, from_history)
                << "seed " << seed << " after " << history.back().step;
            ASSERT_EQ(json::serialize(case_state_to_json(step_by_step)),
                      json::serialize(case_state_to_json(from_history)));
            // Every event of a valid history is accepted against the events before it.
            std::span<const Event> before(history.data(), history.size() - 1);
            ASSERT_TRUE(evaluate_event(*d, before, history.back(), now)) << "seed " << seed;
        }
    }
    // The generator must actually drive cases forward, or the property proves nothing.
    EXPECT_GT(accepted_total, 40 * 8);
}

}  // namespace
}  // namespace retorno::protocol
