#include <boost/json.hpp>

#include "http/api.h"
#include "http/json_body.h"

namespace retorno::http {

namespace json = boost::json;

void add_share_routes(Router& router, ApiContext& context) {
    router.add("POST", "/api/v1/cases/{id}/shares",
               [&context](const Request& request, const PathParams& params) -> Result<Response> {
                   auto* security = TRY(security_of(context));
                   auto id = Id::parse(params.at("id"));
                   if (!id)
                       return fail(access::case_not_found());
                   auto body = TRY(parse_json_body(request, context.limits));
                   auto share_request = TRY(access::share_request_from_json(body));
                   auto share = TRY(security->cases.share_case(*id, share_request, request.actor));
                   Response response{
                       201, "application/json", json::serialize(access::share_to_json(share)), {}};
                   response.headers.emplace_back("Location", "/api/v1/cases/" + id->to_string() +
                                                                 "/shares/" + share.id.to_string());
                   return response;
               });
}

}  // namespace retorno::http
