#include "web/inbox.h"

#include <algorithm>
#include <optional>
#include <string>

namespace retorno::web {

namespace {

bool is_mine(const protocol::Task& task, const Actor& actor) {
    return task.institution_type == actor.institution_type &&
           (task.country.empty() || task.country == actor.institution_country);
}

}  // namespace

bool matches_filter(const InboxTask& item, const InboxFilter& filter) {
    const auto& c = item.parties;
    if (!filter.country.empty() && c.origin_country != filter.country &&
        c.destination_country != filter.country) {
        return false;
    }
    if (!filter.step.empty() && item.task.step != filter.step)
        return false;
    if (filter.status == "overdue" && item.task.days_overdue <= 0)
        return false;
    if (filter.status == "due" && (!item.task.due || item.task.days_overdue > 0))
        return false;
    if (filter.status == "undated" && item.task.due)
        return false;
    if (filter.status == "escalated" && !item.escalated)
        return false;
    return true;
}

Status each_institution_task(WebContext& web, const Actor& actor,
                             const std::function<Status(InboxTask&&)>& visit) {
    if (!access::sees_case_content(actor.roles))
        return {};
    // The store's open-tasks projection names the tasks of the actor's institution type in its
    // country (or in none), dated ones first by due date: the most overdue first, then the next
    // due, then those without a deadline, which is the inbox's order already.
    // Cases seen on the same basis share one visibility; a case seen through its shares is
    // decided once, however many tasks it has.
    access::CasePolicy::Batch policy(web.security.cases.policy(), actor);
    // The store also names the overdue tasks of the steps that the institution's type
    // supervises in its country, which are escalated to it.
    return web.cases.each_open_task(
        {actor.institution_type, actor.institution_country, date_of(web.clock.now())},
        [&](CaseService::TaskOfCase&& found) -> Status {
            const bool escalated = !is_mine(found.task, actor);
            if (escalated && !TRY(policy.escalated_to_actor(found.parties, found.task)))
                return {};
            auto visibility = TRY(policy.of(found.case_id, found.parties, found.task));
            if (!visibility)
                return {};
            return visit(InboxTask{found.case_id, std::move(found.parties), std::move(visibility),
                                   std::move(found.task), escalated});
        });
}

std::optional<InboxRow> inbox_row(WebContext& web, const InboxTask& item) {
    auto found = web.cases.get_case(item.case_id);
    if (!found)
        return std::nullopt;
    const auto* definition = web.protocols.find(found->protocol_id, found->protocol_version);
    const auto* step = definition ? definition->step(item.task.step) : nullptr;
    return InboxRow{&item, access::Seen<Case>{std::move(*found), *item.visibility}, step};
}

}  // namespace retorno::web
