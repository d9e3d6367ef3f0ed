#pragma once

#include <span>

#include <tl/expected.hpp>

#include "core/error.h"
#include "core/time.h"
#include "domain/event.h"
#include "protocol/calendar.h"
#include "protocol/case_facts.h"
#include "protocol/case_state.h"
#include "protocol/definition.h"
#include "protocol/refusal.h"

namespace retorno::protocol {

// The protocol engine: pure functions of a definition and a case's events. Nothing here reads
// a clock, a file or a database; the caller passes the instant and the calendars.

using Verdict = tl::expected<void, Refusal>;

// Accepts the proposed event, or refuses it with the rule that failed. `history` is every
// event of the case so far, in version order (case_opened first).
Verdict evaluate_event(const Definition& definition, std::span<const Event> history,
                       const Event& proposed, Timestamp now);
Verdict evaluate_event(const Definition& definition, const CaseFacts& facts, const Event& proposed,
                       Timestamp now);

// The same, as an Error for the service layer: RuleViolation (409) with the rule id in
// `field`, or InvalidInput/UnknownField (422) naming the field under /data.
Status check_event(const Definition& definition, std::span<const Event> history,
                   const Event& proposed, Timestamp now);

// The state of a case at `now`: every step with its status, open tasks per side and
// institution type with their deadlines, decisions, holds and the current branch.
CaseState derive_state(const Definition& definition, std::span<const Event> history, Timestamp now,
                       const Calendars& calendars);
CaseState state_from_facts(const Definition& definition, const CaseFacts& facts, Timestamp now,
                           const Calendars& calendars);

// Folds events one at a time; used when events arrive one by one (and to check that the
// state derived step by step equals the state derived from the whole history).
class CaseReplay {
  public:
    explicit CaseReplay(const Definition& definition)
        : m_definition(definition), m_facts(initial_facts(definition)) {}
    Verdict evaluate(const Event& proposed, Timestamp now) const {
        return evaluate_event(m_definition, m_facts, proposed, now);
    }
    void apply(const Event& event) { apply_event(m_definition, m_facts, event); }
    CaseState state(Timestamp now, const Calendars& calendars) const {
        return state_from_facts(m_definition, m_facts, now, calendars);
    }
    const CaseFacts& facts() const { return m_facts; }

  private:
    const Definition& m_definition;
    CaseFacts m_facts;
};

}  // namespace retorno::protocol
