#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "core/time.h"
#include "protocol/case_facts.h"
#include "protocol/definition.h"

namespace retorno::protocol {

enum class StepStatus {
    Done,             // recorded (and decided, when the step's decision was required)
    Open,             // may be done now
    DecisionPending,  // recorded; its decision is still to be taken
    Blocked,          // its turn has come but a guard refuses it (see blocked_rule)
    NotYetAvailable,  // earlier steps are not done yet (see waiting_for)
    NotApplicable,    // not part of the case's branch or direction, or the case is closed
};
enum class TaskKind { Step, Decision };

std::string_view to_string(StepStatus status);
std::string_view to_string(TaskKind kind);

struct StepState {
    std::string step;
    StepStatus status = StepStatus::NotYetAvailable;
    Side side = Side::Dest;
    std::string institution_type;
    int times_done = 0;
    std::optional<Timestamp> completed_at;  // the latest completion
    std::string blocked_rule;
    Text blocked_reason;
    std::vector<std::string> waiting_for;
    bool operator==(const StepState&) const = default;
};

// Work that an institution of one side must do now.
struct Task {
    std::string step;
    TaskKind kind = TaskKind::Step;
    Side side = Side::Dest;
    std::string country;  // the country of that side, when known
    std::string institution_type;
    std::string institution_name;  // from a country variant, when it names one
    std::string supervisor_type;   // where it is escalated when overdue
    std::optional<Date> due;
    int days_overdue = 0;
    bool operator==(const Task&) const = default;
};

struct HoldState {
    std::string id;
    std::string step;
    Text message;
    Timestamp since{};
    bool operator==(const HoldState&) const = default;
};

struct CaseState {
    std::string protocol_id;
    int protocol_version = 0;
    Direction direction = Direction::Any;
    std::string destination_country;
    std::string origin_country;
    std::string branch;
    BranchKind branch_kind = BranchKind::Return;
    bool closed = false;
    bool presumed_child = true;  // the age is not verified as adult
    bool age_verified = false;
    std::int64_t version = 0;
    std::vector<StepState> steps;
    std::vector<Task> tasks;
    std::vector<DecisionRecord> decisions;
    std::vector<HoldState> holds;  // every guard that currently holds the case back
    bool operator==(const CaseState&) const = default;

    const StepState* step(std::string_view id) const;
};

// The JSON of GET /api/v1/cases/{id}/state.
boost::json::object case_state_to_json(const CaseState& state);

}  // namespace retorno::protocol
