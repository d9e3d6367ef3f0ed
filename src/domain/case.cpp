#include "domain/case.h"

#include <algorithm>

#include <boost/json.hpp>

namespace retorno {

namespace json = boost::json;

json::object case_to_json(const Case& c) {
    json::object out;
    out["id"] = c.id.to_string();
    out["version"] = c.version;
    out["cas_Status"] = c.status;
    out["protocol"] = json::object{{"id", c.protocol_id}, {"version", c.protocol_version}};
    out["destination_country"] = c.destination_country;
    out["origin_country"] = c.origin_country;
    out["opened_by_institution"] = c.opened_by_institution;
    out["opened_at"] = format_timestamp(c.opened_at);
    out["updated_at"] = format_timestamp(c.updated_at);
    out["person"] = person_to_json(c.person);
    out["victim"] = victim_context_to_json(c.victim);
    json::array steps;
    for (const auto& s : c.steps_completed)
        steps.emplace_back(s);
    out["steps_completed"] = std::move(steps);
    out["last_hash"] = c.last_hash;
    return out;
}

Result<Case> case_from_json(const json::object& object) {
    // This reads documents that retorno itself wrote, so a failure is an internal error, and
    // their values are not validated again (see core/stored_json.h).
    try {
        Case c;
        auto id = Id::parse(object.at("id").as_string());
        if (!id)
            return fail(Error::internal("case document with an invalid id"));
        c.id = *id;
        c.version = object.at("version").as_int64();
        c.status = object.at("cas_Status").as_string();
        const auto& protocol = object.at("protocol").as_object();
        c.protocol_id = protocol.at("id").as_string();
        c.protocol_version = static_cast<int>(protocol.at("version").as_int64());
        c.destination_country = object.at("destination_country").as_string();
        c.origin_country = object.at("origin_country").as_string();
        c.opened_by_institution = object.at("opened_by_institution").as_string();
        c.opened_at = parse_timestamp(object.at("opened_at").as_string()).value();
        c.updated_at = parse_timestamp(object.at("updated_at").as_string()).value();
        c.person = person_from_document(object.at("person").as_object());
        c.victim = victim_context_from_document(object.at("victim").as_object());
        for (const auto& s : object.at("steps_completed").as_array()) {
            c.steps_completed.emplace_back(s.as_string());
        }
        c.last_hash = object.at("last_hash").as_string();
        return c;
    } catch (const std::exception& e) {
        return fail(Error::internal(std::string("unreadable case document: ") + e.what()));
    }
}

Case apply_event(Case state, const Event& event) {
    state.version = event.version;
    state.updated_at = event.recorded_at;
    state.last_hash = event.hash;
    switch (event.kind) {
        case EventKind::CaseOpened:
            // The service builds the opening state itself; the event carries the same data.
            state.id = event.case_id;
            state.opened_at = event.recorded_at;
            break;
        case EventKind::PersonUpdated:
            if (auto it = event.data.find("person"); it != event.data.end()) {
                auto person = person_from_json(it->value().as_object(), "/data/person");
                if (person) {
                    bool verified = state.person.age_verified;
                    state.person = std::move(*person);
                    state.person.age_verified = verified;
                }
            }
            break;
        case EventKind::StepCompleted:
            if (std::find(state.steps_completed.begin(), state.steps_completed.end(), event.step) ==
                state.steps_completed.end()) {
                state.steps_completed.push_back(event.step);
            }
            if (event.step == "identity_verification") {
                if (auto it = event.data.find("verified_birthdate");
                    it != event.data.end() && it->value().is_string()) {
                    if (auto d = parse_date(it->value().as_string())) {
                        state.person.birthdate = *d;
                        state.person.age_verified = true;
                    }
                }
            }
            if (event.step == "follow_up")
                state.status = "FollowUp";
            if (event.step == "closure") {
                auto it = event.data.find("cas_Status");
                state.status = (it != event.data.end() && it->value() == "ClosedReferred")
                                   ? "ClosedReferred"
                                   : "Closed";
            }
            break;
        case EventKind::DecisionRecorded:
        case EventKind::NoteAdded:
        case EventKind::DeadlineEscalated:
        case EventKind::CaseShared:
            break;
    }
    return state;
}

}  // namespace retorno
