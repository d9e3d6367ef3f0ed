#include <boost/json.hpp>

#include "http/api.h"

namespace retorno::http {

void add_meta_routes(Router& router, ApiContext& context) {
    router.add(
        "GET", "/healthz",
        [&context](const Request&, const PathParams&) -> Result<Response> {
            // A health check that touches the store, so that a dead database shows as 503.
            auto cases = TRY(context.store.count_cases());
            (void)cases;
            boost::json::object body{{"status", "ok"}, {"store", context.store.describe()}};
            if (context.reports != nullptr) {
                // The replica that reports read from, and how far behind the primary it is.
                auto freshness = TRY(context.reports->freshness());
                body["read_replica"] =
                    boost::json::object{{"store", context.reports->describe()},
                                        {"staleness_seconds", freshness.staleness_seconds}};
            }
            return Response{200, "application/json", boost::json::serialize(body), {}};
        },
        Access::Public);
    router.add(
        "GET", "/api/v1/openapi.json",
        [](const Request&, const PathParams&) -> Result<Response> {
            return Response{200, "application/json", std::string(openapi_document()), {}};
        },
        Access::Public);
}

}  // namespace retorno::http
