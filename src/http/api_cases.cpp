#include <charconv>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "core/iso_country.h"
#include "core/whole_number.h"
#include "domain/vocabulary.h"
#include "http/api.h"
#include "http/json_body.h"
#include "protocol/case_state.h"

namespace retorno::http {

namespace json = boost::json;

namespace {

Result<Id> case_id_of(const PathParams& params) {
    auto id = Id::parse(params.at("id"));
    // An id that cannot exist is answered exactly like one that does not exist.
    if (!id)
        return fail(Error::make(ErrorCode::NotFound,
                                "No case with that id exists, or you may not see it."));
    return *id;
}

std::string etag_of(std::int64_t version) {
    return fmt::format("\"{}\"", version);
}

Response json_response(int status, const json::value& body) {
    return Response{status, "application/json", json::serialize(body), {}};
}

Result<int> integer_param(const Request& request, const std::string& name, int fallback, int min,
                          int max) {
    const auto* text = request.query_value(name);
    if (text == nullptr)
        return fallback;
    auto value = whole_number<int>(*text);
    if (!value || *value < min || *value > max) {
        return fail(Error::invalid(
            "?" + name, fmt::format("'{}' must be a whole number from {} to {}.", name, min, max)));
    }
    return *value;
}

// The If-Match header names the version a change was made against: "7" or 7 (or W/"7").
Result<std::int64_t> expected_version(const Request& request) {
    const auto* header = request.header("if-match");
    if (header == nullptr) {
        return fail(Error::make(ErrorCode::PreconditionRequired,
                                "Send If-Match with the case version (its ETag) that this change "
                                "was made against."));
    }
    std::string_view text = *header;
    if (text.starts_with("W/"))
        text.remove_prefix(2);
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
        text = text.substr(1, text.size() - 2);
    }
    auto version = whole_number<std::int64_t>(text);
    if (!version || *version < 1) {
        Error error =
            Error::make(ErrorCode::InvalidInput,
                        "If-Match must be the case's ETag, a version number such as \"3\".");
        error.field = "If-Match";
        return fail(std::move(error));
    }
    return *version;
}

json::object event_to_json(const Event& event) {
    json::object out;
    out["id"] = event.id.to_string();
    out["case_id"] = event.case_id.to_string();
    out["version"] = event.version;
    out["kind"] = to_string(event.kind);
    if (!event.step.empty())
        out["step"] = event.step;
    out["data"] = event.data;
    out["actor_user"] = event.actor_user;
    out["actor_institution"] = event.actor_institution;
    out["recorded_at"] = format_timestamp(event.recorded_at);
    out["hash"] = event.hash;
    return out;
}

}  // namespace

void add_case_routes(Router& router, ApiContext& context) {
    router.add(
        "POST", "/api/v1/cases",
        [&context](const Request& request, const PathParams&) -> Result<Response> {
            auto body = TRY(parse_json_body(request, context.limits));
            auto open = TRY(open_case_request_from_json(body));
            auto* security = TRY(security_of(context));
            auto seen = TRY(security->cases.open_case(open, request.actor));
            const Case& opened = seen.value;
            auto response =
                json_response(201, access::redact_case(case_to_json(opened), seen.visibility));
            response.headers.emplace_back("ETag", etag_of(opened.version));
            response.headers.emplace_back("Location", "/api/v1/cases/" + opened.id.to_string());
            return response;
        });

    // The list stays on the handler pool: a page may read many cases (and more pages when few
    // are visible to the actor), which would hold a network thread and every connection on it.
    router.add(
        "GET", "/api/v1/cases",
        [&context](const Request& request, const PathParams&) -> Result<Response> {
            CaseFilter filter;
            filter.limit = TRY(integer_param(request, "limit", 50, 1, 500));
            if (const auto* status = request.query_value("status")) {
                const auto statuses = vocabulary::case_status();
                if (std::find(statuses.begin(), statuses.end(), *status) == statuses.end()) {
                    return fail(Error::invalid(
                        "?status",
                        "'status' must be one of: Active, FollowUp, Closed, ClosedReferred."));
                }
                filter.status = *status;
            }
            if (const auto* country = request.query_value("country")) {
                if (find_country(*country) == nullptr) {
                    return fail(Error::invalid(
                        "?country", "'country' must be an ISO 3166-1 alpha-2 code such as GT."));
                }
                filter.country = *country;
            }
            if (const auto* after = request.query_value("after")) {
                if (!Id::parse(*after)) {
                    return fail(Error::invalid(
                        "?after", "'after' must be the 'next' value of a previous page."));
                }
                filter.after = *after;
            }
            for (const auto& [name, value] : request.query) {
                if (name != "limit" && name != "status" && name != "country" && name != "after") {
                    return fail(Error{ErrorCode::UnknownField,
                                      "'" + name + "' is not a filter of this list.",
                                      {},
                                      "?" + name});
                }
            }
            auto* security = TRY(security_of(context));
            auto page = TRY(security->cases.list_cases(filter, request.actor));
            json::array items;
            for (const auto& c : page.cases)
                items.emplace_back(access::redact_case(case_to_json(c.value), c.visibility));
            json::object body{{"items", std::move(items)}};
            body["next"] = page.next.empty() ? json::value(nullptr) : json::value(page.next);
            return json_response(200, body);
        });

    router.add(
        "GET", "/api/v1/cases/{id}",
        [&context](const Request& request, const PathParams& params) -> Result<Response> {
            auto id = TRY(case_id_of(params));
            auto* security = TRY(security_of(context));
            auto seen = TRY(security->cases.get_case(id, request.actor));
            auto response =
                json_response(200, access::redact_case(case_to_json(seen.value), seen.visibility));
            response.headers.emplace_back("ETag", etag_of(seen.value.version));
            return response;
        },
        Access::Session, Work::Quick);

    router.add(
        "GET", "/api/v1/cases/{id}/state",
        [&context](const Request& request, const PathParams& params) -> Result<Response> {
            auto id = TRY(case_id_of(params));
            // The protocol state names steps, tasks and deadlines, no personal data; it is
            // still answered only to a party, so that it does not reveal that the case
            // exists.
            auto* security = TRY(security_of(context));
            TRY(security->cases.require_party(id, request.actor, "read protocol state"));
            auto state = TRY(context.cases.case_state(id));
            auto response = json_response(200, protocol::case_state_to_json(state));
            response.headers.emplace_back("ETag", etag_of(state.version));
            return response;
        },
        Access::Session, Work::Quick);

    router.add("POST", "/api/v1/cases/{id}/events",
               [&context](const Request& request, const PathParams& params) -> Result<Response> {
                   auto id = TRY(case_id_of(params));
                   auto version = TRY(expected_version(request));
                   auto body = TRY(parse_json_body(request, context.limits));
                   auto event_request = TRY(record_event_request_from_json(body));
                   auto* security = TRY(security_of(context));
                   auto seen =
                       TRY(security->cases.record_event(id, version, event_request, request.actor));
                   auto response = json_response(
                       201, access::redact_event(event_to_json(seen.value.event), seen.visibility));
                   response.headers.emplace_back("ETag", etag_of(seen.value.after.version));
                   return response;
               });

    router.add(
        "GET", "/api/v1/cases/{id}/events",
        [&context](const Request& request, const PathParams& params) -> Result<Response> {
            auto id = TRY(case_id_of(params));
            int after = TRY(integer_param(request, "after_version", 0, 0, 1'000'000'000));
            int limit = TRY(integer_param(request, "limit", 100, 1, 1000));
            auto* security = TRY(security_of(context));
            auto seen = TRY(security->cases.case_events(id, after, limit, request.actor));
            json::array items;
            for (const auto& e : seen.value)
                items.emplace_back(access::redact_event(event_to_json(e), seen.visibility));
            return json_response(200, json::object{{"items", std::move(items)}});
        },
        Access::Session, Work::Quick);
}

}  // namespace retorno::http
