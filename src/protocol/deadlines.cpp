#include "protocol/deadlines.h"

#include <boost/json.hpp>

#include "protocol/case_facts.h"
#include "protocol/engine.h"

namespace retorno::protocol {

std::vector<Task> overdue_tasks(const Definition& definition, std::span<const Event> history,
                                Timestamp now, const Calendars& calendars) {
    std::vector<Task> out;
    for (const auto& t : derive_state(definition, history, now, calendars).tasks) {
        if (t.due && t.days_overdue > 0)
            out.push_back(t);
    }
    return out;
}

std::vector<Event> escalations_due(const Definition& definition, std::span<const Event> history,
                                   Timestamp now, const Calendars& calendars) {
    auto facts = facts_from_history(definition, history);
    std::vector<Event> out;
    for (const auto& t : state_from_facts(definition, facts, now, calendars).tasks) {
        if (!t.due || t.days_overdue <= 0)
            continue;
        auto due = format_date(*t.due);
        if (facts.escalated.count({t.step, due}) > 0)
            continue;
        Event e;
        e.id = Id::generate();
        e.case_id = facts.case_id;
        e.version = facts.last_version + static_cast<std::int64_t>(out.size()) + 1;
        e.kind = EventKind::DeadlineEscalated;
        e.step = t.step;
        e.data = boost::json::object{{"step", t.step},
                                     {"task", to_string(t.kind)},
                                     {"side", to_string(t.side)},
                                     {"country", t.country},
                                     {"institution_type", t.institution_type},
                                     {"supervisor_institution_type", t.supervisor_type},
                                     {"due_date", due},
                                     {"days_overdue", t.days_overdue}};
        e.actor_user = "system";
        e.recorded_at = now;
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace retorno::protocol
