#pragma once

#include <functional>
#include <memory>

#include "core/error.h"
#include "core/time.h"
#include "protocol/case_state.h"
#include "protocol/registry.h"
#include "service/actor.h"
#include "service/case_requests.h"
#include "store/store.h"

namespace retorno {

struct RecordedEvent {
    Event event;
    Case after;
};

// The use cases of a case's life. The API, the web pages and the CLI all call these; nothing
// here knows about HTTP. Every event passes the protocol engine before it is stored: a refused
// event is a RuleViolation naming the rule, and nothing is written.
class CaseService {
  public:
    CaseService(Store& store, const Clock& clock, const protocol::ProtocolRegistry& protocols)
        : m_store(store), m_clock(clock), m_protocols(protocols) {}

    // Opens a case under the protocol named in the request, or else the variant of the
    // destination country, or else that of the origin country, or else the regional baseline;
    // the case stays pinned to that definition's version for its whole life.
    Result<Case> open_case(const OpenCaseRequest& request, const Actor& actor);

    // Appends an event made against `expected_version` of the case. A stale version is a
    // Conflict; nothing is written unless the whole event is accepted.
    Result<RecordedEvent> record_event(const Id& case_id, std::int64_t expected_version,
                                       const RecordEventRequest& request, const Actor& actor);

    // Appends an event the system itself raises (an escalation), against the current version.
    Result<RecordedEvent> record_system_event(const Id& case_id, EventKind kind, std::string step,
                                              boost::json::object data);

    Result<Case> get_case(const Id& case_id);
    // The protocol state of a case now: steps, open tasks and deadlines, decisions, holds.
    Result<protocol::CaseState> case_state(const Id& case_id);
    // The same for a case already read (its events are read here).
    Result<protocol::CaseState> state_of(const Case& c);
    // Appends the escalations of every overdue task of every open case (idempotent: a task
    // already escalated for its due date is not escalated again). Answers how many were added.
    // Reads only the cases that the open-tasks projection shows with a task past its date.
    Result<int> raise_escalations();
    Result<CasePage> list_cases(const CaseFilter& filter);
    // The open tasks of an institution type in a country, from the store's projection (the
    // inboxes); each as the engine would give it today.
    struct TaskOfCase {
        Id case_id;
        CaseParties parties;
        protocol::Task task;
    };
    Result<std::vector<TaskOfCase>> open_tasks(const OpenTaskQuery& query);
    // The same one task at a time, in the store's order (Store::each_open_task).
    Status each_open_task(const OpenTaskQuery& query,
                          const std::function<Status(TaskOfCase&&)>& visit);
    // Every case, summarised for the dashboard, from the store's columns and index.
    Result<std::vector<CaseSummary>> case_summaries() { return m_store.case_summaries(); }
    // Derives again the open tasks of every case whose projection is missing or stale (another
    // case version, or other protocol files); the server calls it when it starts. Answers how
    // many cases it derived. Safe while other processes append: a case that moved on meanwhile
    // keeps the tasks its append wrote.
    Result<int> refresh_open_tasks();
    Result<std::vector<Event>> case_events(const Id& case_id, std::int64_t after_version,
                                           int limit);

    // The definitions cases are pinned to, for titles and field labels in documents and reports.
    const protocol::ProtocolRegistry& protocols() const { return m_protocols; }
    const Clock& clock() const { return m_clock; }

  private:
    // Appends `event` after `history` (the case's events so far) with the open tasks it leaves.
    Result<RecordedEvent> append_next(const Case& before, Event event, std::vector<Event> history);
    Result<const protocol::Definition*> definition_of(const Case& c) const;
    Result<std::vector<Event>> history_of(const Id& case_id);

    Store& m_store;
    const Clock& m_clock;
    const protocol::ProtocolRegistry& m_protocols;
};

}  // namespace retorno
