#include "http/api.h"

#include <algorithm>
#include <cctype>

namespace retorno::http {

void add_api_routes(Router& router, ApiContext& context) {
    add_meta_routes(router, context);
    add_session_routes(router, context);
    add_case_routes(router, context);
    add_share_routes(router, context);
    if (context.security != nullptr) {
        auto* security = context.security;
        router.set_authenticator([security](const Request& request) -> Result<Actor> {
            const auto* header = request.header("authorization");
            constexpr std::string_view kScheme = "bearer ";
            if (header == nullptr) return fail(access::not_signed_in());
            std::string_view value = *header;
            if (value.size() < kScheme.size() ||
                !std::equal(kScheme.begin(), kScheme.end(), value.begin(),
                            [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); })) {
                return fail(access::not_signed_in());
            }
            value.remove_prefix(kScheme.size());
            return security->auth.authenticate(value, request.remote_address);
        });
    }
}

Result<access::AccessServices*> security_of(ApiContext& context) {
    if (context.security == nullptr) {
        return fail(Error::internal("the server was built without access control"));
    }
    return context.security;
}

}  // namespace retorno::http
