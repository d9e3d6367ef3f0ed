#include <chrono>
#include <set>

#include "web/inbox.h"
#include "web/inbox_counts.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/view_helpers.h"

namespace retorno::web {

void add_inbox_pages(http::Router& router, WebContext& web) {
    add_page(
        router, web, "GET", "/inbox",
        [](WebContext& web, const Page& page) -> Result<http::Response> {
            InboxFilter filter{page.query("country"), page.query("step"), page.query("status")};
            auto all = TRY(institution_tasks(web, page.actor));
            inbox_counts().put(page.actor.institution_id, all.size(),
                               std::chrono::steady_clock::now());
            std::set<std::string> countries;
            std::set<std::string> steps;
            const auto today = date_of(web.clock.now());
            List rows;
            for (const auto& item : all) {
                countries.insert(item.seen.value.origin_country);
                countries.insert(item.seen.value.destination_country);
                steps.insert(item.task.step);
                if (matches_filter(item, filter))
                    rows.push_back(task_row(web, page, item, today));
            }
            Data context;
            context.set("empty", rows.empty());
            context.set("count", Locales::number(page.lang, static_cast<long long>(rows.size())));
            context.set("tasks", rows);
            List country_options;
            for (const auto& code : countries) {
                country_options.push_back(
                    option(code, country_name(web, page, code), code == filter.country));
            }
            context.set("countries", country_options);
            List step_options;
            for (const auto& step : steps) {
                step_options.push_back(
                    option(step, step_title(web, page, step), step == filter.step));
            }
            context.set("steps", step_options);
            List status_options;
            for (std::string status : {"overdue", "due", "undated"}) {
                status_options.push_back(
                    option(status, web.locales.text(page.lang, "inbox.status_" + status),
                           filter.status == status));
            }
            context.set("statuses", status_options);
            return render_page(web, page, "inbox", context, "inbox.title");
        });
}

}  // namespace retorno::web
