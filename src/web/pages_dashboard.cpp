#include <memory>

#include "reports/dashboard_cache.h"
#include "reports/dashboard_charts.h"
#include "web/page.h"
#include "web/pages.h"

namespace retorno::web {

namespace {

// A published count in the reader's way of writing numbers: "1.234" / "1,234", or "<5".
std::string count_text(Lang lang, const reports::Cell& cell) {
    return cell.count ? Locales::number(lang, *cell.count) : reports::display(cell);
}

// A median of days with one decimal, with the reader's decimal separator: "18,5" / "18.5".
std::string days_text(Lang lang, double days) {
    auto tenths = static_cast<long long>(days * 10 + 0.5);
    return Locales::number(lang, tenths / 10) + (lang == Lang::Es ? "," : ".") +
           std::to_string(tenths % 10);
}

}  // namespace

// The dashboard of supervisors and statistics coordinators: the same figures as
// GET /api/v1/reports/dashboard (reports::DashboardService, already suppressed), with the
// server's inline-SVG charts and their tables. Other roles get 403 before anything is read.
void add_dashboard_pages(http::Router& router, WebContext& web) {
    // The server's cache, shared with the API, else one of the pages' own.
    auto cache = web.dashboards ? web.dashboards : std::make_shared<reports::DashboardCache>();
    add_page(router, web, "GET", "/dashboard",
             [cache](WebContext& web, const Page& page) -> Result<http::Response> {
                 if (!reports::may_see_dashboard(page.actor.roles)) {
                     return fail(Error::make(ErrorCode::Forbidden,
                                             "Only supervisors and statistics coordinators "
                                             "may see the dashboard."));
                 }
                 // Reports read from the read replica when the deployment has one.
                 CaseService reading(web.reports != nullptr ? *web.reports : web.store, web.clock,
                                     web.cases.protocols());
                 reports::DashboardService service(reading, web.clock);
                 auto dashboard = TRY(cache->get(service, web.clock, page.actor));
                 const auto* regional = web.protocols.latest("regional");
                 if (regional == nullptr)
                     return fail(Error::internal("the regional protocol is not loaded"));
                 auto charts = TRY(reports::render_dashboard_charts(dashboard, *regional,
                                                                    protocol_language(page.lang)));

                 const auto lang = page.lang;
                 Data context;
                 context.set("computed_at", web.locales.date_time(lang, dashboard.computed_at));
                 context.set("open_cases", count_text(lang, dashboard.open_cases));
                 context.set("overdue_tasks", count_text(lang, dashboard.overdue_tasks));
                 context.set("returns", count_text(lang, dashboard.returns));
                 context.set("median_days",
                             dashboard.median_days_to_return
                                 ? days_text(lang, *dashboard.median_days_to_return)
                                 : "<" + std::to_string(reports::kSmallestShownCount));
                 context.set("charts", charts);
                 return render_page(web, page, "dashboard", context, "dashboard.title");
             });
}

}  // namespace retorno::web
