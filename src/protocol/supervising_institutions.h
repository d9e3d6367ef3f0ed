#pragma once

#include <optional>
#include <vector>

#include "protocol/acting_institutions.h"
#include "protocol/case_state.h"

namespace retorno::protocol {

// The institutions to which a case's overdue tasks are escalated: the type a step names as its
// supervisor, on the step's side, in that side's country, for every task of the state that is
// past its due date (Task::days_overdue), once each, in the order of the tasks. The scheduler
// records the escalation as an event (deadlines.h); the supervisor has a task in the case from
// the day the task is overdue until it is done: to find out why it is late and to see it done.
// A task whose country is not known escalates to nobody.
std::vector<ActingInstitution> supervising_institutions(const CaseState& state);
// The one institution to which `task` is escalated, if it is overdue and it has one.
std::optional<ActingInstitution> supervising_institution(const Task& task);

}  // namespace retorno::protocol
