#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "protocol/case_facts.h"
#include "protocol/definition.h"
#include "protocol/guards.h"
#include "protocol/refusal.h"

namespace retorno::protocol {

// Whether a step belongs to the case's current branch and direction.
bool applicable(const Definition& definition, const CaseFacts& facts, const StepDef& step);
// Whether the step's decision must be taken before the step counts as done.
bool decision_required(const StepDef& step, const CaseFacts& facts);
bool step_done(const StepDef& step, const CaseFacts& facts);
// The earlier steps (`after`) still to be done; a step outside the branch does not wait.
std::vector<std::string> waiting_for(const Definition& definition, const CaseFacts& facts,
                                     const StepDef& step);
bool condition_holds(const Condition& condition, const StepDef& owner, const CaseFacts& facts,
                     const boost::json::object* own_data);
// Every guard in order: the absolute ones, the holds placed by decisions, the definition's own.
std::optional<Refusal> guard_refusal(const Definition& definition, const CaseFacts& facts,
                                     const ProposedAction& action);

}  // namespace retorno::protocol
