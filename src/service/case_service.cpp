#include "service/case_service.h"

#include <boost/json.hpp>
#include <fmt/format.h>

#include "domain/event_hash.h"

namespace retorno {

namespace json = boost::json;

namespace {

Error case_not_found() {
    return Error::make(ErrorCode::NotFound, "No case with that id exists, or you may not see it.");
}

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

    Case opened;
    opened.id = event.case_id;
    opened.person = request.person;
    opened.person.age_verified = false;
    opened.victim = request.victim;
    opened.origin_country = request.origin_country;
    opened.destination_country = request.destination_country;
    opened.protocol_id = request.protocol_id.empty() ? "regional" : request.protocol_id;
    opened.protocol_version = 1;
    opened.opened_by_institution = actor.institution_id;
    opened.steps_completed = {"identification"};
    event.data["protocol"] = json::object{{"id", opened.protocol_id},
                                          {"version", opened.protocol_version}};
    auto recorded = TRY(append_next(opened, std::move(event)));
    return recorded.after;
}

Result<RecordedEvent> CaseService::append_next(const Case& before, Event event) {
    event.previous_hash = before.last_hash;
    event.hash = event_hash(event);
    Case after = apply_event(before, event);
    TRY_STATUS(m_store.append(event, after));
    return RecordedEvent{std::move(event), std::move(after)};
}

Result<RecordedEvent> CaseService::record_event(const Id& case_id, std::int64_t expected_version,
                                                const RecordEventRequest& request,
                                                const Actor& actor) {
    auto found = TRY(m_store.find_case(case_id));
    if (!found) return fail(case_not_found());
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
    return append_next(before, std::move(event));
}

Result<RecordedEvent> CaseService::record_system_event(const Id& case_id, EventKind kind,
                                                       std::string step, json::object data) {
    auto found = TRY(m_store.find_case(case_id));
    if (!found) return fail(case_not_found());
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
    return append_next(*found, std::move(event));
}

Result<Case> CaseService::get_case(const Id& case_id) {
    auto found = TRY(m_store.find_case(case_id));
    if (!found) return fail(case_not_found());
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

}  // namespace retorno
