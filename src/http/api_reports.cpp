#include <boost/json.hpp>

#include "http/api.h"
#include "reports/dashboard_service.h"

namespace retorno::http {

void add_report_routes(Router& router, ApiContext& context) {
    router.add("GET", "/api/v1/reports/dashboard",
               [&context](const Request& request, const PathParams&) -> Result<Response> {
                   if (!request.query.empty()) {
                       const auto& name = request.query.begin()->first;
                       return fail(Error{ErrorCode::UnknownField,
                                         "'" + name + "' is not a parameter of the dashboard.",
                                         {},
                                         "?" + name});
                   }
                   static const SystemClock clock;
                   reports::DashboardService dashboard(context.cases, clock);
                   auto computed = TRY(dashboard.compute(request.actor));
                   return Response{200,
                                   "application/json",
                                   boost::json::serialize(reports::dashboard_to_json(computed)),
                                   {}};
               });
}

}  // namespace retorno::http
