#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <boost/json/object.hpp>

#include "core/id.h"
#include "core/time.h"
#include "domain/event.h"
#include "protocol/definition.h"

namespace retorno::protocol {

// What the events of a case have established, folded one event at a time. The engine decides
// on these facts; the case state (case_state.h) is computed from them at an instant.
struct StepRecord {
    int times = 0;
    Timestamp first_at{};
    Timestamp last_at{};
    boost::json::object data;            // the latest completion, then the latest decision's fields
    std::optional<std::string> outcome;  // the latest decision recorded on this step
    Timestamp decided_at{};
};

struct ActiveHold {
    std::string id;
    std::string step;  // where the decision that placed it was recorded
    std::vector<std::string> blocks;
    Text message;
    Timestamp since{};
};

struct DecisionRecord {
    std::string step;
    std::string decision;  // D1, D2 ...
    std::string outcome;
    Timestamp at{};
    bool operator==(const DecisionRecord&) const = default;
};

struct CaseFacts {
    bool opened = false;
    bool closed = false;
    Id case_id;
    std::int64_t last_version = 0;
    std::string destination_country;
    std::string origin_country;
    // Age as the case was opened, and as identity_verification established it.
    std::optional<Date> birthdate;
    std::optional<int> age_estimate;
    std::optional<Date> age_estimate_date;
    std::optional<Date> verified_birthdate;
    std::string branch;
    std::map<std::string, StepRecord> steps;
    std::vector<ActiveHold> holds;
    std::vector<DecisionRecord> decisions;
    std::set<std::pair<std::string, std::string>> escalated;  // (step, due date)
};

CaseFacts initial_facts(const Definition& definition);

// Folds one event that the engine accepted (or that the system recorded) into the facts.
void apply_event(const Definition& definition, CaseFacts& facts, const Event& event);

CaseFacts facts_from_history(const Definition& definition, std::span<const Event> history);

// How the variant's country stands in this case (Any for the regional baseline).
Direction case_direction(const Definition& definition, const CaseFacts& facts);

// The latest recorded value of a step's field, or nullptr.
const boost::json::value* recorded_value(const CaseFacts& facts, std::string_view step,
                                         std::string_view field);

// A JSON scalar as the text a definition compares it with ("true", "12", "return").
std::string scalar_text(const boost::json::value& value);

}  // namespace retorno::protocol
