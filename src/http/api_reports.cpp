#include <boost/json.hpp>

#include "http/api.h"
#include "reports/dashboard_cache.h"

namespace retorno::http {

void add_report_routes(Router& router, ApiContext& context) {
    // The server's cache, else one of the route's own.
    auto cache =
        context.dashboards ? context.dashboards : std::make_shared<reports::DashboardCache>();
    router.add("GET", "/api/v1/reports/dashboard",
               [&context, cache](const Request& request, const PathParams&) -> Result<Response> {
                   if (!request.query.empty()) {
                       const auto& name = request.query.begin()->first;
                       return fail(Error{ErrorCode::UnknownField,
                                         "'" + name + "' is not a parameter of the dashboard.",
                                         {},
                                         "?" + name});
                   }
                   static const SystemClock clock;
                   // Reports read from the read replica when the deployment has one.
                   CaseService reading(report_store(context), clock, context.cases.protocols());
                   reports::DashboardService dashboard(reading, clock);
                   auto computed = TRY(cache->get(dashboard, clock, request.actor));
                   return Response{200,
                                   "application/json",
                                   boost::json::serialize(reports::dashboard_to_json(computed)),
                                   {}};
               });
}

}  // namespace retorno::http
