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
    out.reserve(tasks.size());
    // A case's tasks need not be next to each other (they come by due date): each case's
    // visibility is decided once.
    std::unordered_map<std::string, std::shared_ptr<const access::Visibility>> seen;
    for (auto& [case_id, parties, task] : tasks) {
        if (!is_mine(task, actor))
            continue;
        auto [it, first] = seen.try_emplace(case_id.to_string());
        if (first) {
            if (auto visibility = TRY(policy.visibility(actor, case_id, parties)))
                it->second = std::make_shared<const access::Visibility>(std::move(*visibility));
        }
        if (!it->second)
            continue;
        InboxTask item{case_id, std::move(parties), it->second, std::move(task)};
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

std::optional<InboxRow> inbox_row(WebContext& web, const InboxTask& item) {
    auto found = web.cases.get_case(item.case_id);
    if (!found)
        return std::nullopt;
    const auto* definition = web.protocols.find(found->protocol_id, found->protocol_version);
    const auto* step = definition ? definition->step(item.task.step) : nullptr;
    return InboxRow{&item, access::Seen<Case>{std::move(*found), *item.visibility}, step};
}

}  // namespace retorno::web
