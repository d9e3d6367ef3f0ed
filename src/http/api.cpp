#include "http/api.h"

#include <algorithm>
#include <cctype>

#include <spdlog/spdlog.h>

#include "audit/audit_deferral.h"
#include "store/store.h"

namespace retorno::http {

namespace {

// The detail carries the seconds to wait; problem_response turns it into Retry-After.
Error too_many_requests(int retry_after) {
    return Error::make(ErrorCode::RateLimited,
                       "Too many requests; wait a moment before trying again.",
                       std::to_string(retry_after));
}

}  // namespace

void add_api_routes(Router& router, ApiContext& context) {
    add_meta_routes(router, context);
    add_session_routes(router, context);
    add_case_routes(router, context);
    add_share_routes(router, context);
    add_document_routes(router, context);
    add_report_routes(router, context);
    add_person_routes(router, context);
    if (context.security != nullptr) {
        auto* security = context.security;
        auto* store = &context.store;
        // A Quick route run on a network thread records its audit entries in a deferral; the
        // server has them appended by the trail's writer and sends the answer once they are
        // stored. A read is never answered without its entry in the trail. A Quick route only
        // reads, so its lookups (the session, the user, the case) share one read snapshot.
        router.set_deferral([security, store](const std::function<void()>& dispatch) -> Settle {
            std::vector<audit::Record> records;
            {
                audit::AuditDeferral deferral;
                {
                    ReadSnapshot snapshot(*store);
                    dispatch();
                }
                records = deferral.take();
            }
            if (records.empty())
                return {};
            return [security, records = std::move(records)](std::function<void(bool)> done) {
                security->audit.append_async(records, [done = std::move(done)](Status stored) {
                    if (!stored) {
                        spdlog::error("audit append: {}", stored.error().detail.empty()
                                                              ? stored.error().message
                                                              : stored.error().detail);
                    }
                    done(static_cast<bool>(stored));
                });
            };
        });
        router.set_authenticator([security](const Request& request) -> Result<Actor> {
            const auto* header = request.header("authorization");
            constexpr std::string_view kScheme = "bearer ";
            if (header == nullptr)
                return fail(access::not_signed_in());
            std::string_view value = *header;
            if (value.size() < kScheme.size() ||
                !std::equal(kScheme.begin(), kScheme.end(), value.begin(), [](char a, char b) {
                    return a == std::tolower(static_cast<unsigned char>(b));
                })) {
                return fail(access::not_signed_in());
            }
            value.remove_prefix(kScheme.size());
            int retry_after = 0;
            if (!security->addresses.allow(request.remote_address, &retry_after)) {
                return fail(too_many_requests(retry_after));
            }
            auto actor = TRY(security->auth.authenticate(value, request.remote_address));
            if (!security->sessions.allow(actor.session_id, &retry_after)) {
                return fail(too_many_requests(retry_after));
            }
            return actor;
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
