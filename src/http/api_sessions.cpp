#include <boost/json.hpp>

#include "http/api.h"
#include "http/json_body.h"

namespace retorno::http {

namespace json = boost::json;

namespace {

// A credential of the wrong type, or missing, is a bad credential like any other: it gets the
// same answer as a wrong password, not a 400 that would tell a prober something.
std::string text_field(const json::object& body, std::string_view key) {
    const auto* value = body.if_contains(key);
    if (value == nullptr || !value->is_string())
        return {};
    return std::string(value->get_string());
}

Response no_content() {
    return Response{204, "text/plain; charset=utf-8", "", {}};
}

}  // namespace

void add_session_routes(Router& router, ApiContext& context) {
    router.add(
        "POST", "/api/v1/sessions",
        [&context](const Request& request, const PathParams&) -> Result<Response> {
            auto* security = TRY(security_of(context));
            // A body that cannot be read as credentials is answered as such (400), and audited
            // like every refused sign-in: someone may be probing the sign-in.
            auto body = parse_json_body(request, context.limits);
            if (!body) {
                security->auth.record_unreadable_sign_in(request.remote_address,
                                                         std::string(to_string(body.error().code)));
                return fail(body.error());
            }
            for (const auto& [key, value] : *body) {
                (void)value;
                if (key != "username" && key != "password" && key != "totp") {
                    security->auth.record_unreadable_sign_in(request.remote_address,
                                                             "unknown field");
                    return fail(Error{ErrorCode::UnknownField,
                                      "'" + std::string(key) + "' is not a field of a sign-in.",
                                      {},
                                      "/" + std::string(key)});
                }
            }
            access::SignInRequest sign_in{text_field(*body, "username"),
                                          text_field(*body, "password"), text_field(*body, "totp"),
                                          request.remote_address};
            auto signed_in = TRY(security->auth.sign_in(sign_in));
            json::object out{{"token", signed_in.token},
                             {"expires_at", format_timestamp(signed_in.expires_at)}};
            Response response{201, "application/json", json::serialize(out), {}};
            // A token must never be kept by a cache on the way.
            response.headers.emplace_back("Cache-Control", "no-store");
            return response;
        },
        Access::Public);

    router.add("DELETE", "/api/v1/sessions/current",
               [&context](const Request& request, const PathParams&) -> Result<Response> {
                   auto* security = TRY(security_of(context));
                   TRY_STATUS(security->auth.sign_out(request.actor));
                   return no_content();
               });

    router.add("DELETE", "/api/v1/sessions",
               [&context](const Request& request, const PathParams&) -> Result<Response> {
                   auto* security = TRY(security_of(context));
                   TRY(security->auth.sign_out_everywhere(request.actor));
                   return no_content();
               });
}

}  // namespace retorno::http
