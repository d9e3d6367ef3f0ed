#include "domain/event.h"

#include <array>
#include <utility>

namespace retorno {

namespace {

constexpr std::array<std::pair<EventKind, std::string_view>, 7> kNames{{
    {EventKind::CaseOpened, "case_opened"},
    {EventKind::PersonUpdated, "person_updated"},
    {EventKind::StepCompleted, "step_completed"},
    {EventKind::DecisionRecorded, "decision_recorded"},
    {EventKind::NoteAdded, "note_added"},
    {EventKind::DeadlineEscalated, "deadline_escalated"},
    {EventKind::CaseShared, "case_shared"},
}};

}  // namespace

std::string_view to_string(EventKind kind) {
    for (const auto& [k, name] : kNames) {
        if (k == kind)
            return name;
    }
    return "unknown";
}

std::optional<EventKind> parse_event_kind(std::string_view text) {
    for (const auto& [k, name] : kNames) {
        if (name == text)
            return k;
    }
    return std::nullopt;
}

bool is_client_kind(EventKind kind) {
    return kind == EventKind::PersonUpdated || kind == EventKind::StepCompleted ||
           kind == EventKind::DecisionRecorded || kind == EventKind::NoteAdded;
}

}  // namespace retorno
