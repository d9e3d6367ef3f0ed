#pragma once

#include <optional>

#include "core/error.h"
#include "domain/case.h"
#include "domain/event.h"

namespace retorno {

// Rebuilds a case from its events alone, in order, as the service built it when each was
// recorded: the opening event gives the child, the countries, the protocol and the opening
// institution, and every later event is applied with apply_event. The projection a store holds
// is a cache of exactly this, so a backup, a restore or a migration compares the two: a
// projection that disagrees with its events (a damaged or edited row) is found even when its
// version and last hash are right.
// The state that the opening event of a case records, before apply_event gives it its id,
// version and times: the child, the countries, the protocol and the opening institution, all
// from the event alone. CaseService::open_case builds the case it stores with this, and a
// replay starts from it, so the two cannot drift apart.
Result<Case> case_opened_by(const Event& case_opened);

class CaseReplay {
  public:
    // The next event of the case (versions 1, 2, ...); the first must be case_opened.
    Status add(const Event& event);
    // The case after the events added so far; nothing before the first.
    const std::optional<Case>& state() const { return m_state; }

  private:
    std::optional<Case> m_state;
};

}  // namespace retorno
