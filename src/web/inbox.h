#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "access/case_access.h"
#include "protocol/case_state.h"
#include "web/web_context.h"

namespace retorno::web {

// One task of the reader's institution: the step or decision the protocol expects of it now in
// one case it may see. Only the case's parties are known here; a page reads the case itself for
// the rows it shows (inbox_row).
struct InboxTask {
    Id case_id;
    CaseParties parties;
    // Shared by the tasks of one case: a busy inbox holds thousands of tasks.
    std::shared_ptr<const access::Visibility> visibility;
    protocol::Task task;
    // The task is another institution's, overdue, and escalated to the reader's institution,
    // which supervises the step (access::CasePolicy::Batch::escalated_to_actor).
    bool escalated = false;
};

struct InboxFilter {
    std::string country;  // origin or destination
    std::string step;
    std::string status;  // "" (all), "overdue", "due", "undated", "escalated"
};

bool matches_filter(const InboxTask& item, const InboxFilter& filter);

// Gives `visit`, one at a time, the tasks that the protocol gives the actor's institution (its
// type, on its country's side) in the open cases it is a party to, and the overdue tasks of
// other institutions in steps it supervises, which are escalated to it (InboxTask::escalated):
// overdue first (most overdue first), then by due date, then those without a deadline. The tasks
// and the cases' parties come from the store's open-tasks projection (domain/open_task.h), kept at
// every append, and the policy decides from the parties which cases are seen (CasePolicy::Batch):
// no case document is read, so a busy institution's inbox costs one indexed query, not one read per
// case, and holds only the rows it shows.
Status each_institution_task(WebContext& web, const Actor& actor,
                             const std::function<Status(InboxTask&&)>& visit);

// A task with its case, read for display (the child's name as far as the visibility allows);
// nullopt when the case is gone or unreadable meanwhile.
struct InboxRow {
    const InboxTask* item = nullptr;
    access::Seen<Case> seen;
    const protocol::StepDef* step = nullptr;  // from the case's pinned definition
};
std::optional<InboxRow> inbox_row(WebContext& web, const InboxTask& item);

}  // namespace retorno::web
