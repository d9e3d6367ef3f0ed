#include "service/case_requests.h"

#include <fmt/format.h>
#include <boost/json.hpp>

#include "core/json_reader.h"
#include "domain/step.h"

namespace retorno {

namespace json = boost::json;

Result<OpenCaseRequest> open_case_request_from_json(const json::object& body) {
    JsonReader reader(body, "");
    OpenCaseRequest request;
    const auto* person = TRY(reader.optional_object("person"));
    if (person == nullptr) {
        return fail(Error::invalid("/person", InvalidReason::Required,
                                   "'person' is required: the child's details."));
    }
    request.person = TRY(person_from_json(*person, "/person"));
    if (const auto* victim = TRY(reader.optional_object("victim")); victim != nullptr) {
        request.victim = TRY(victim_context_from_json(*victim, "/victim"));
    }
    auto origin = TRY(reader.optional_country("origin_country"));
    auto destination = TRY(reader.optional_country("destination_country"));
    if (!destination) {
        return fail(
            Error::invalid("/destination_country", InvalidReason::Required,
                           "'destination_country' is required: where the child was found."));
    }
    if (!origin) {
        return fail(Error::invalid(
            "/origin_country", InvalidReason::Required,
            "'origin_country' is required: the child's nationality or habitual residence, or the "
            "destination country for a case inside one country."));
    }
    request.origin_country = *origin;
    request.destination_country = *destination;
    request.protocol_id = TRY(reader.optional_string("protocol")).value_or("");
    TRY_STATUS(reader.finish());
    return request;
}

Result<RecordEventRequest> record_event_request_from_json(const json::object& body) {
    JsonReader reader(body, "");
    RecordEventRequest request;
    auto kind_text = TRY(reader.required_string("kind"));
    auto kind = parse_event_kind(kind_text);
    if (!kind || !is_client_kind(*kind)) {
        return fail(Error::invalid("/kind", InvalidReason::NotInVocabulary,
                                   "'kind' must be one of: step_completed, decision_recorded, "
                                   "person_updated, note_added."));
    }
    request.kind = *kind;
    request.step = TRY(reader.optional_string("step")).value_or("");
    bool needs_step =
        request.kind == EventKind::StepCompleted || request.kind == EventKind::DecisionRecorded;
    if (needs_step && request.step.empty()) {
        return fail(Error::invalid("/step", InvalidReason::Required,
                                   fmt::format("'step' is required for {}.", kind_text)));
    }
    if (!needs_step && !request.step.empty()) {
        return fail(Error::invalid("/step", InvalidReason::NotApplicable,
                                   fmt::format("'step' does not apply to {}.", kind_text)));
    }
    if (const auto* data = TRY(reader.optional_object("data")); data != nullptr) {
        request.data = *data;
    }
    TRY_STATUS(reader.finish());
    if (request.kind == EventKind::PersonUpdated) {
        auto it = request.data.find("person");
        if (it == request.data.end() || !it->value().is_object()) {
            return fail(Error::invalid("/data/person", InvalidReason::Required,
                                       "'data.person' is required for person_updated."));
        }
        TRY(person_from_json(it->value().get_object(), "/data/person"));
    }
    if (request.kind == EventKind::NoteAdded) {
        JsonReader note(request.data, "/data");
        auto text = TRY(note.required_string("cco_CaseComment"));
        if (text.size() > 10000) {
            return fail(Error::invalid("/data/cco_CaseComment", InvalidReason::TooLong,
                                       "'cco_CaseComment' is longer than 10000 bytes."));
        }
        TRY_STATUS(note.finish());
    }
    return request;
}

}  // namespace retorno
