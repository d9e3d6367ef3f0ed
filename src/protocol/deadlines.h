#pragma once

#include <span>
#include <vector>

#include "core/time.h"
#include "domain/event.h"
#include "protocol/calendar.h"
#include "protocol/case_state.h"
#include "protocol/definition.h"

namespace retorno::protocol {

// The open tasks of a case that are past their due date at `now`.
std::vector<Task> overdue_tasks(const Definition& definition, std::span<const Event> history,
                                Timestamp now, const Calendars& calendars);

// The DeadlineEscalated events to append for a case at `now`: one per overdue task that has not
// been escalated already for the same due date, so running the scheduler twice appends nothing
// new. Each names the step, the side, the acting and the supervising institution types, the due
// date and the days overdue. Versions continue from the last event of `history`.
std::vector<Event> escalations_due(const Definition& definition, std::span<const Event> history,
                                   Timestamp now, const Calendars& calendars);

}  // namespace retorno::protocol
