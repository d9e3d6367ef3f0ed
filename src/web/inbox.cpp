#include "web/inbox.h"

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>

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
    // The store's open-tasks projection names the tasks of the actor's institution type in its
    // country (or in none); each case is read once, to check that the actor may see it.
    auto tasks = TRY(web.cases.open_tasks({actor.institution_type, actor.institution_country}));
    // A case's tasks need not be next to each other (they come by due date): each case is
    // read, and its visibility decided, once.
    struct SeenCase {
        std::optional<access::Seen<Case>> seen;
        const protocol::Definition* definition = nullptr;
    };
    std::unordered_map<std::string, SeenCase> cases;
    for (auto& [case_id, task] : tasks) {
        if (!is_mine(task, actor))
            continue;
        auto [it, first] = cases.try_emplace(case_id.to_string());
        if (first) {
            auto found = web.cases.get_case(case_id);
            if (!found)
                continue;  // unreadable: never shown
            auto visibility = TRY(policy.visibility(actor, *found));
            if (!visibility)
                continue;
            it->second.definition = web.protocols.find(found->protocol_id, found->protocol_version);
            it->second.seen.emplace(access::Seen<Case>{std::move(*found), *visibility});
        }
        const auto& entry = it->second;
        if (!entry.seen)
            continue;
        const auto* step = entry.definition ? entry.definition->step(task.step) : nullptr;
        InboxTask item{*entry.seen, std::move(task), step};
        if (matches_filter(item, filter))
            out.push_back(std::move(item));
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
