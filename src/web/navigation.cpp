#include "web/navigation.h"

#include <chrono>

#include "access/categories.h"
#include "access/directory.h"
#include "reports/dashboard_service.h"
#include "web/inbox.h"
#include "web/inbox_counts.h"

namespace retorno::web {

Result<Data> navigation(WebContext& web, const Page& page) {
    Data nav{Data::type::object};
    const auto& actor = page.actor;
    if (auto id = Id::parse(actor.user_id)) {
        if (auto user = TRY(web.store.find_user(*id)))
            nav.set("user_name", user->display_name);
    }
    if (auto id = Id::parse(actor.institution_id)) {
        if (auto institution = TRY(web.store.find_institution(*id)))
            nav.set("institution_name", institution->name);
    }
    bool works_on_cases = access::sees_case_content(actor.roles);
    nav.set("works_on_cases", works_on_cases);
    nav.set("sees_dashboard", reports::may_see_dashboard(actor.roles));
    nav.set("administers", access::Directory::may_administer(actor));
    if (works_on_cases) {
        auto now = std::chrono::steady_clock::now();
        auto count = inbox_counts().find(actor.institution_id, now);
        if (!count) {
            std::size_t tasks = 0;
            TRY_STATUS(each_institution_task(web, actor, [&](InboxTask&&) -> Status {
                ++tasks;
                return {};
            }));
            count = tasks;
            inbox_counts().put(actor.institution_id, *count, now);
        }
        nav.set("inbox_count", Locales::number(page.lang, static_cast<long long>(*count)));
    }
    return nav;
}

}  // namespace retorno::web
