#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "core/id.h"
#include "core/time.h"

namespace retorno {

// Everything that happens to a case is one of these, appended once and never edited.
enum class EventKind {
    CaseOpened,         // a child was detected and a case opened; data: person, victim, countries
    PersonUpdated,      // corrected or completed identity data; data: the person fields changed
    StepCompleted,      // a protocol step was done; `step` names it, data: the step's fields
    DecisionRecorded,   // a decision point was decided; `step` names it, data: decision and reasons
    NoteAdded,          // a case note (HTCDS cco_CaseComment)
    DeadlineEscalated,  // a task went past its deadline and was raised to a supervising body
    CaseShared,         // the case was shared with another institution, for a purpose
};

std::string_view to_string(EventKind kind);
std::optional<EventKind> parse_event_kind(std::string_view text);

// Which kinds a client may post; the others are recorded only by the system itself.
bool is_client_kind(EventKind kind);

struct Event {
    Id id;
    Id case_id;
    std::int64_t version = 0;  // 1 for case_opened, then +1 for each event of the case
    EventKind kind = EventKind::NoteAdded;
    std::string step;  // empty for kinds that are not about a step
    boost::json::object data;
    std::string actor_user;         // user id, or "system"
    std::string actor_institution;  // institution id, or empty for the system
    Timestamp recorded_at;
    // Hex SHA-256 of the previous event of the case (empty for the first) and of this one;
    // see domain/event_hash.h.
    std::string previous_hash;
    std::string hash;
};

}  // namespace retorno
