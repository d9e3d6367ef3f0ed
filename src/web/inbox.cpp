#include "web/inbox.h"

#include <algorithm>

namespace retorno::web {

namespace {

bool is_mine(const protocol::Task& task, const Actor& actor) {
    return task.institution_type == actor.institution_type &&
           (task.country.empty() || task.country == actor.institution_country);
}

}  // namespace

bool matches_filter(const InboxTask& item, const InboxFilter& filter) {
    const auto& c = item.seen.value;
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
    return true;
}

Result<std::vector<InboxTask>> institution_tasks(WebContext& web, const Actor& actor,
                                                 const InboxFilter& filter) {
    std::vector<InboxTask> out;
    if (!access::sees_case_content(actor.roles))
        return out;
    auto& policy = web.security.cases.policy();
    CaseFilter page_filter;
    page_filter.status = "Active";
    page_filter.limit = 200;
    // FIXME: an inbox projection kept by the store would avoid replaying every open case's
    // protocol state; see docs/web.md (performance).
    while (true) {
        auto page = TRY(web.cases.list_cases(page_filter));
        for (auto& c : page.cases) {
            auto visibility = TRY(policy.visibility(actor, c));
            if (!visibility)
                continue;
            auto state = web.cases.case_state(c.id);
            if (!state)
                continue;
            const auto* definition = web.protocols.find(c.protocol_id, c.protocol_version);
            for (const auto& task : state->tasks) {
                if (!is_mine(task, actor))
                    continue;
                InboxTask item{access::Seen<Case>{c, *visibility}, task,
                               definition ? definition->step(task.step) : nullptr};
                if (matches_filter(item, filter))
                    out.push_back(std::move(item));
            }
        }
        if (page.next.empty())
            break;
        page_filter.after = page.next;
    }
    std::stable_sort(out.begin(), out.end(), [](const InboxTask& a, const InboxTask& b) {
        bool a_late = a.task.days_overdue > 0;
        bool b_late = b.task.days_overdue > 0;
        if (a_late != b_late)
            return a_late;
        if (a_late && a.task.days_overdue != b.task.days_overdue)
            return a.task.days_overdue > b.task.days_overdue;
        if (a.task.due.has_value() != b.task.due.has_value())
            return a.task.due.has_value();
        if (a.task.due && b.task.due && *a.task.due != *b.task.due)
            return *a.task.due < *b.task.due;
        return false;
    });
    return out;
}

}  // namespace retorno::web
