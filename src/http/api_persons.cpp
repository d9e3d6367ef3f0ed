#include <charconv>
#include <cmath>
#include <map>

#include <boost/json.hpp>

#include "access/categories.h"
#include "core/whole_number.h"
#include "http/api.h"

namespace retorno::http {

namespace json = boost::json;

namespace {

// The query parameters of GET /api/v1/persons/candidates: the HTCDS names of a person's fields
// (as in the CSV files of `retorno match`), and `limit`.
const std::map<std::string, std::string PersonQuery::*, std::less<>>& query_fields() {
    static const std::map<std::string, std::string PersonQuery::*, std::less<>> fields{
        {"prs_FirstName", &PersonQuery::first_name},
        {"prs_MiddleName", &PersonQuery::middle_name},
        {"prs_SecondName", &PersonQuery::second_name},
        {"prs_Birthdate", &PersonQuery::birthdate},
        {"prs_Gender", &PersonQuery::gender},
        {"prs_Nationality", &PersonQuery::nationality},
        {"age_estimate", &PersonQuery::age_estimate},
        {"age_estimate_date", &PersonQuery::age_estimate_date},
    };
    return fields;
}

Result<PersonQuery> person_query_of(const Request& request) {
    PersonQuery query;
    for (const auto& [name, value] : request.query) {
        const auto field = query_fields().find(name);
        if (field == query_fields().end() && name != "limit") {
            return fail(Error{ErrorCode::UnknownField,
                              "'" + name + "' is not a parameter of this search.",
                              {},
                              "?" + name});
        }
        if (request.query.count(name) > 1)
            return fail(Error::invalid("?" + name, "'" + name + "' is given more than once."));
        if (field != query_fields().end()) {
            query.*(field->second) = value;
            continue;
        }
        query.limit = whole_number<int>(value).value_or(0);  // 0 is refused with the range below
    }
    return query;
}

json::object candidate_to_json(const access::Seen<access::PersonMatch>& seen) {
    const auto& result = seen.value.result;
    json::array reasons;
    for (std::size_t i = 0; i < result.reason_count; ++i) {
        reasons.emplace_back(json::object{{"code", matching::reason_code(result.reasons[i])},
                                          {"text", matching::reason_text(result.reasons[i])}});
    }
    auto document = access::redact_case(case_to_json(seen.value.found), seen.visibility);
    json::object out;
    out["case_id"] = seen.value.found.id.to_string();
    out["score"] = std::round(result.score * 10000.0) / 10000.0;
    out["reasons"] = std::move(reasons);
    out["person"] = document.at("person");
    return out;
}

}  // namespace

void add_person_routes(Router& router, ApiContext& context) {
    router.add("GET", "/api/v1/persons/candidates",
               [&context](const Request& request, const PathParams&) -> Result<Response> {
                   auto query = TRY(person_query_of(request));
                   auto* security = TRY(security_of(context));
                   auto found = security->persons.find(query, request.actor);
                   if (!found) {
                       Error error = found.error();
                       // The search names fields as HTCDS does; here they are parameters.
                       if (error.code == ErrorCode::InvalidInput && !error.field.empty())
                           error.field = "?" + error.field;
                       return fail(std::move(error));
                   }
                   json::array items;
                   for (const auto& seen : *found)
                       items.emplace_back(candidate_to_json(seen));
                   return Response{200,
                                   "application/json",
                                   json::serialize(json::object{{"items", std::move(items)}}),
                                   {}};
               });
}

}  // namespace retorno::http
