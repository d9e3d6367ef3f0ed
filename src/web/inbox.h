#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/case_access.h"
#include "protocol/case_state.h"
#include "web/web_context.h"

namespace retorno::web {

// One task of the reader's institution: the step or decision the protocol expects of it now in
// one case it may see.
struct InboxTask {
    access::Seen<Case> seen;
    protocol::Task task;
    const protocol::StepDef* step = nullptr;  // from the case's pinned definition
};

struct InboxFilter {
    std::string country;  // origin or destination
    std::string step;
    std::string status;  // "" (all), "overdue", "due", "undated"
};

bool matches_filter(const InboxTask& item, const InboxFilter& filter);

// The tasks that the protocol gives the actor's institution (its type, on its country's side)
// in the open cases it is a party to: overdue first (most overdue first), then by due date,
// then those without a deadline. The tasks come from the store's open-tasks projection
// (domain/open_task.h), kept at every append; the policy decides which cases are seen
// (CaseAccess::policy), and each case is read once, for that.
Result<std::vector<InboxTask>> institution_tasks(WebContext& web, const Actor& actor,
                                                 const InboxFilter& filter = {});

}  // namespace retorno::web
