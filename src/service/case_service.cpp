#include "service/case_service.h"

#include <fmt/format.h>
#include <boost/json.hpp>

#include "domain/case_replay.h"
#include "domain/event_hash.h"
#include "protocol/deadlines.h"
#include "protocol/engine.h"
#include "protocol/open_tasks.h"

namespace retorno {

namespace json = boost::json;

namespace {

Error case_not_found() {
    return Error::make(ErrorCode::NotFound, "No case with that id exists, or you may not see it.");
}

// Every event of a case, however long its history.
constexpr int kWholeHistory = 1'000'000;

}  // namespace

Result<Case> CaseService::open_case(const OpenCaseRequest& request, const Actor& actor) {
    auto now = m_clock.now();
    Event event;
    event.id = Id::generate(now);
    event.case_id = Id::generate(now);
    event.version = 1;
    event.kind = EventKind::CaseOpened;
    event.step = "identification";
    event.data["person"] = person_to_json(request.person);
    event.data["victim"] = victim_context_to_json(request.victim);
    event.data["origin_country"] = request.origin_country;
    event.data["destination_country"] = request.destination_country;
    event.actor_user = actor.user_id;
    event.actor_institution = actor.institution_id;
    event.recorded_at = now;

    const protocol::Definition* definition = nullptr;
    if (!request.protocol_id.empty()) {
        definition = m_protocols.latest(request.protocol_id);
        if (definition == nullptr) {
            return fail(Error::invalid(
                "/protocol", "No protocol definition has the id '" + request.protocol_id + "'."));
        }
    } else {
        auto lower = [](std::string code) {
            for (auto& c : code)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            return code;
        };
        definition = m_protocols.latest(lower(request.destination_country));
        if (definition == nullptr)
            definition = m_protocols.latest(lower(request.origin_country));
        if (definition == nullptr)
            definition = m_protocols.latest("regional");
        if (definition == nullptr) {
            return fail(Error::internal("no regional protocol definition is loaded"));
        }
    }
    event.data["protocol"] = json::object{{"id", definition->id}, {"version", definition->version}};
    TRY_STATUS(protocol::check_event(*definition, {}, event, now));
    // What the event records is the case: the same reading of it as a replay's.
    Case opened = TRY(case_opened_by(event));
    auto recorded = TRY(append_next(opened, std::move(event), {}));
    return recorded.after;
}

Result<RecordedEvent> CaseService::append_next(const Case& before, Event event,
                                               std::vector<Event> history) {
    event.previous_hash = before.last_hash;
    event.hash = event_hash(event);
    Case after = apply_event(before, event);
    const auto* definition = TRY(definition_of(after));
    history.push_back(event);
    auto tasks = protocol::open_tasks_after(*definition, history, m_protocols, m_clock.now());
    tasks.parties = parties_of(after);
    TRY_STATUS(m_store.append(event, after, &tasks));
    return RecordedEvent{std::move(event), std::move(after)};
}

Result<RecordedEvent> CaseService::record_event(const Id& case_id, std::int64_t expected_version,
                                                const RecordEventRequest& request,
                                                const Actor& actor) {
    auto found = TRY(m_store.find_case(case_id));
    if (!found)
        return fail(case_not_found());
    const Case& before = *found;
    if (before.version != expected_version) {
        return fail(Error::make(
            ErrorCode::Conflict,
            fmt::format("The case is at version {}; this change was made against version {}. "
                        "Reload the case and try again.",
                        before.version, expected_version)));
    }
    auto now = m_clock.now();
    Event event;
    event.id = Id::generate(now);
    event.case_id = case_id;
    event.version = expected_version + 1;
    event.kind = request.kind;
    event.step = request.step;
    event.data = request.data;
    event.actor_user = actor.user_id;
    event.actor_institution = actor.institution_id;
    event.recorded_at = now;
    const auto* definition = TRY(definition_of(before));
    auto history = TRY(history_of(case_id));
    TRY_STATUS(protocol::check_event(*definition, history, event, now));
    return append_next(before, std::move(event), std::move(history));
}

Result<const protocol::Definition*> CaseService::definition_of(const Case& c) const {
    const auto* definition = m_protocols.find(c.protocol_id, c.protocol_version);
    if (definition == nullptr) {
        // A case is pinned to its definition; removing a definition file that running cases
        // use is an operator error that must be visible, not silently bypassed.
        return fail(Error::make(ErrorCode::Unavailable,
                                "The protocol definition of this case is not loaded.",
                                c.protocol_id + " version " + std::to_string(c.protocol_version)));
    }
    return definition;
}

Result<std::vector<Event>> CaseService::history_of(const Id& case_id) {
    return m_store.case_events(case_id, 0, kWholeHistory);
}

Result<protocol::CaseState> CaseService::case_state(const Id& case_id) {
    return state_of(TRY(get_case(case_id)));
}

Result<protocol::CaseState> CaseService::state_of(const Case& c) {
    const auto* definition = TRY(definition_of(c));
    auto history = TRY(history_of(c.id));
    return protocol::derive_state(*definition, history, m_clock.now(), m_protocols.calendars());
}

Result<int> CaseService::raise_escalations() {
    // Only the cases with a task past its due date are read (the open-tasks projection, indexed
    // by due date); the engine then decides from each one's events what is still to raise.
    // refresh_open_tasks, at the server's start, makes sure no case's tasks are missing.
    constexpr int kBatch = 500;
    int raised = 0;
    std::string after;
    const Date today = date_of(m_clock.now());
    for (;;) {
        auto due = TRY(m_store.cases_with_tasks_due_before(today, after, kBatch));
        for (const auto& case_id : due) {
            auto found = TRY(m_store.find_case(case_id));
            if (!found)
                continue;
            const auto* definition = TRY(definition_of(*found));
            auto history = TRY(history_of(case_id));
            auto now = m_clock.now();
            Case state = *found;
            for (auto& event :
                 protocol::escalations_due(*definition, history, now, m_protocols.calendars())) {
                event.id = Id::generate(now);
                event.actor_user = "system";
                event.version = state.version + 1;
                auto appended = append_next(state, std::move(event), history);
                if (!appended) {
                    // Another process escalated or changed the case first; the next run
                    // sees its events and escalates only what is still due.
                    if (appended.error().code == ErrorCode::Conflict)
                        break;
                    return fail(appended.error());
                }
                state = appended->after;
                history.push_back(std::move(appended->event));
                ++raised;
            }
        }
        if (static_cast<int>(due.size()) < kBatch)
            break;
        after = due.back().to_string();
    }
    return raised;
}

Result<RecordedEvent> CaseService::record_system_event(const Id& case_id, EventKind kind,
                                                       std::string step, json::object data) {
    auto found = TRY(m_store.find_case(case_id));
    if (!found)
        return fail(case_not_found());
    auto now = m_clock.now();
    Event event;
    event.id = Id::generate(now);
    event.case_id = case_id;
    event.version = found->version + 1;
    event.kind = kind;
    event.step = std::move(step);
    event.data = std::move(data);
    event.actor_user = "system";
    event.recorded_at = now;
    auto history = TRY(history_of(case_id));
    return append_next(*found, std::move(event), std::move(history));
}

Result<Case> CaseService::get_case(const Id& case_id) {
    auto found = TRY(m_store.find_case(case_id));
    if (!found)
        return fail(case_not_found());
    return *found;
}

Result<CasePage> CaseService::list_cases(const CaseFilter& filter) {
    return m_store.list_cases(filter);
}

Result<std::vector<Event>> CaseService::case_events(const Id& case_id, std::int64_t after_version,
                                                    int limit) {
    // A case that does not exist has no events, but answering an empty list would let a caller
    // probe which ids exist differently from GET /cases/{id}; both answer 404.
    TRY(get_case(case_id));
    return m_store.case_events(case_id, after_version, limit);
}

Status CaseService::each_open_task(const OpenTaskQuery& query,
                                   const std::function<Status(TaskOfCase&&)>& visit) {
    // The day on which the query finds the overdue tasks it supervises, when it names one: a
    // request that runs across midnight then counts the days overdue on the day it asked for.
    const Date today = query.supervised_overdue_on.value_or(date_of(m_clock.now()));
    return m_store.each_open_task(query, [&](OpenTask&& stored) -> Status {
        auto parties = std::move(stored.parties);
        return visit(TaskOfCase{stored.case_id, std::move(parties),
                                protocol::task_from(std::move(stored), today)});
    });
}

Result<std::vector<CaseService::TaskOfCase>> CaseService::open_tasks(const OpenTaskQuery& query) {
    std::vector<TaskOfCase> out;
    TRY_STATUS(each_open_task(query, [&](TaskOfCase&& task) -> Status {
        out.push_back(std::move(task));
        return {};
    }));
    return out;
}

Result<int> CaseService::refresh_open_tasks() {
    constexpr int kBatch = 200;
    int derived = 0;
    std::string after;
    for (;;) {
        auto stale = TRY(m_store.cases_with_stale_tasks(m_protocols.fingerprint(), after, kBatch));
        for (const auto& case_id : stale) {
            auto found = TRY(m_store.find_case(case_id));
            if (!found)
                continue;
            auto definition = definition_of(*found);
            // A case whose definition is not loaded has no tasks to show; get_case and the case
            // page report the missing definition.
            if (!definition)
                continue;
            auto history = TRY(history_of(case_id));
            if (history.empty() || history.back().version != found->version)
                continue;  // appended meanwhile: that append wrote its own tasks
            auto tasks =
                protocol::open_tasks_after(**definition, history, m_protocols, m_clock.now());
            tasks.parties = parties_of(*found);
            if (TRY(m_store.replace_case_tasks(case_id, tasks)))
                ++derived;
        }
        if (static_cast<int>(stale.size()) < kBatch)
            break;
        after = stale.back().to_string();
    }
    return derived;
}

}  // namespace retorno
