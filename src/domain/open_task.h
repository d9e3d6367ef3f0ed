#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/id.h"
#include "core/time.h"
#include "domain/case.h"

namespace retorno {

// A task that a case's protocol state gives an institution now, as the store keeps it for the
// inboxes (the open-tasks projection, docs/architecture.md). It holds what protocol::Task
// holds except how late the task is, which depends on the day it is read: a task's due date
// depends only on the case's events, its protocol definition and the calendars.
// The parties of a case that decide who may see it (access::CasePolicy), without its document.
struct CaseParties {
    std::string origin_country;
    std::string destination_country;
    std::string opened_by_institution;
    // The step consular_notification is done: the country of origin has been told of the child
    // and its institutions act in the case. Until then they have no task in it (the protocol's
    // guards refuse the notification before the protection screening and under an asylum hold).
    bool origin_notified = false;
    bool operator==(const CaseParties&) const = default;
};

// The step after which the country of origin takes part in a case.
inline constexpr std::string_view kOriginNotifiedStep = "consular_notification";

inline CaseParties parties_of(const Case& c) {
    const bool notified = std::find(c.steps_completed.begin(), c.steps_completed.end(),
                                    kOriginNotifiedStep) != c.steps_completed.end();
    return CaseParties{c.origin_country, c.destination_country, c.opened_by_institution, notified};
}

struct OpenTask {
    Id case_id;
    CaseParties parties;  // of the case, as of its tasks' version (filled when read)
    std::string step;
    std::string kind;  // "step" or "decision" (protocol::to_string(TaskKind))
    std::string side;  // "DEST" or "ORIG" (protocol::to_string(Side))
    std::string country;
    std::string institution_type;
    std::string institution_name;
    std::string supervisor_type;
    std::optional<Date> due;
    bool operator==(const OpenTask&) const = default;
};

// The open tasks of one case at one version, derived under the protocol definitions and
// calendars that `fingerprint` names (protocol::ProtocolRegistry::fingerprint). A projection
// whose version or fingerprint differs from the case's is stale and derived again.
struct CaseTasks {
    std::int64_t case_version = 0;
    std::string fingerprint;
    CaseParties parties;
    std::vector<OpenTask> tasks;
};

// What the dashboard needs of every case, without its document: its status and countries,
// when it was opened, and when its child was last handed over (the "handover" step).
struct CaseSummary {
    Id case_id;
    std::string status;
    std::string origin_country;
    std::string destination_country;
    Timestamp opened_at{};
    std::optional<Timestamp> handover_at;
};

// Which open tasks an inbox asks for: those of an institution type, in one country or in no
// particular one. An empty institution type asks for every open task (the dashboard).
struct OpenTaskQuery {
    std::string institution_type;
    std::string country;
    // When set, also the tasks that the institution type supervises in exactly that country and
    // whose due date is before this day: the overdue ones, which are escalated to it
    // (protocol::supervising_institutions). A task may be both; it comes once.
    std::optional<Date> supervised_overdue_on;
};

}  // namespace retorno
