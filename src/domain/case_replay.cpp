#include "domain/case_replay.h"

#include <boost/json.hpp>

#include "domain/person.h"
#include "domain/victim_context.h"

namespace retorno {

namespace {

Error not_replayable(const Event& event, const std::string& why) {
    return Error::make(
        ErrorCode::InvalidInput, "The case cannot be rebuilt from its events: " + why + ".",
        "case " + event.case_id.to_string() + ", version " + std::to_string(event.version));
}

}  // namespace

Result<Case> case_opened_by(const Event& event) {
    const auto& data = event.data;
    const auto* person = data.if_contains("person");
    const auto* victim = data.if_contains("victim");
    const auto* origin = data.if_contains("origin_country");
    const auto* destination = data.if_contains("destination_country");
    const auto* protocol = data.if_contains("protocol");
    if (person == nullptr || !person->is_object() || origin == nullptr || !origin->is_string() ||
        destination == nullptr || !destination->is_string() || protocol == nullptr ||
        !protocol->is_object()) {
        return fail(not_replayable(event,
                                   "its opening event lacks the child, a country or the "
                                   "protocol"));
    }
    const auto* protocol_id = protocol->as_object().if_contains("id");
    const auto* protocol_version = protocol->as_object().if_contains("version");
    if (protocol_id == nullptr || !protocol_id->is_string() || protocol_version == nullptr ||
        !protocol_version->is_int64()) {
        return fail(not_replayable(event, "its opening event names no protocol version"));
    }
    Case opened;
    try {
        opened.person = person_from_document(person->as_object());
        if (victim != nullptr && victim->is_object())
            opened.victim = victim_context_from_document(victim->as_object());
    } catch (const std::exception&) {
        return fail(not_replayable(event, "its opening event's child cannot be read"));
    }
    opened.person.age_verified = false;
    opened.origin_country = origin->as_string();
    opened.destination_country = destination->as_string();
    opened.protocol_id = protocol_id->as_string();
    opened.protocol_version = static_cast<int>(protocol_version->as_int64());
    opened.opened_by_institution = event.actor_institution;
    opened.steps_completed = {"identification"};
    return opened;
}

Status CaseReplay::add(const Event& event) {
    const auto expected = m_state ? m_state->version + 1 : 1;
    if (event.version != expected) {
        return fail(not_replayable(event, "version " + std::to_string(expected) + " is missing"));
    }
    if (!m_state) {
        if (event.kind != EventKind::CaseOpened)
            return fail(not_replayable(event, "its first event does not open it"));
        m_state = TRY(case_opened_by(event));
    }
    m_state = apply_event(std::move(*m_state), event);
    return {};
}

}  // namespace retorno
