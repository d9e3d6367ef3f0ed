#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "web/inbox.h"
#include "web/inbox_counts.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/view_helpers.h"

namespace retorno::web {

namespace {

constexpr std::size_t kRowsPerPage = 50;

// The page asked for; anything that is not a positive number is the first page.
std::size_t page_number(const std::string& text) {
    if (text.empty() || text.size() > 6 ||
        text.find_first_not_of("0123456789") != std::string::npos) {
        return 1;
    }
    return static_cast<std::size_t>(std::stoul(text));
}

}  // namespace

void add_inbox_pages(http::Router& router, WebContext& web) {
    add_page(
        router, web, "GET", "/inbox",
        [](WebContext& web, const Page& page) -> Result<http::Response> {
            InboxFilter filter{page.query("country"), page.query("step"), page.query("status")};
            // A page of rows at a time, so that a busy institution's inbox stays light on a
            // slow link; the filters travel with the page links. The tasks go by once: each is
            // counted, gives its country and step to the filters, and is kept only when it
            // falls on the page asked for. Past the last page, the last page is kept: the
            // rows of the page being filled replace those of the page before.
            const auto asked = std::max<std::size_t>(1, page_number(page.query("page")));
            std::size_t all = 0;
            std::size_t matching = 0;
            std::vector<InboxTask> kept;
            std::set<std::string> countries;
            std::set<std::string> steps;
            TRY_STATUS(each_institution_task(web, page.actor, [&](InboxTask&& item) -> Status {
                ++all;
                countries.insert(item.parties.origin_country);
                countries.insert(item.parties.destination_country);
                steps.insert(item.task.step);
                if (!matches_filter(item, filter))
                    return {};
                if (matching / kRowsPerPage < asked) {
                    if (matching % kRowsPerPage == 0)
                        kept.clear();
                    kept.push_back(std::move(item));
                }
                ++matching;
                return {};
            }));
            inbox_counts().put(page.actor.institution_id, all, std::chrono::steady_clock::now());
            const auto pages =
                std::max<std::size_t>(1, (matching + kRowsPerPage - 1) / kRowsPerPage);
            const auto number = std::min(asked, pages);
            const auto today = date_of(web.clock.now());
            List rows;
            for (const auto& item : kept) {
                if (auto row = inbox_row(web, item))
                    rows.push_back(task_row(web, page, *row, today));
            }
            Data context;
            context.set("empty", matching == 0);
            context.set("count", Locales::number(page.lang, static_cast<long long>(matching)));
            context.set("tasks", rows);
            if (pages > 1) {
                const std::string filters = "country=" + url_component(filter.country) +
                                            "&step=" + url_component(filter.step) +
                                            "&status=" + url_component(filter.status);
                Data pager{Data::type::object};
                pager.set("number", Locales::number(page.lang, static_cast<long long>(number)));
                pager.set("pages", Locales::number(page.lang, static_cast<long long>(pages)));
                if (number > 1)
                    pager.set("previous",
                              "/inbox?" + filters + "&page=" + std::to_string(number - 1));
                if (number < pages)
                    pager.set("next", "/inbox?" + filters + "&page=" + std::to_string(number + 1));
                context.set("pager", pager);
            }
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
            for (std::string status : {"overdue", "due", "undated", "escalated"}) {
                status_options.push_back(
                    option(status, web.locales.text(page.lang, "inbox.status_" + status),
                           filter.status == status));
            }
            context.set("statuses", status_options);
            return render_page(web, page, "inbox", context, "inbox.title");
        });
}

}  // namespace retorno::web
