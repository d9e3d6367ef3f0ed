#pragma once

#include <compare>
#include <string>
#include <vector>

#include "protocol/case_state.h"

namespace retorno::protocol {

// An institution to which a case's protocol gives a task: the type a step names as its actor,
// on the side the step is done, in that side's country.
struct ActingInstitution {
    std::string institution_type;
    Side side = Side::Dest;
    std::string country;
    auto operator<=>(const ActingInstitution&) const = default;
};

// The institutions whose task in the case has come or is done: the actor of every step that is
// open, recorded and awaiting its decision, or recorded, once each, in the protocol's order.
// A step that is blocked by a guard (the consular notification of a child who may need asylum),
// not yet available, or outside the case's branch or direction gives none: until its turn
// comes, its institution has no need to know of the child.
std::vector<ActingInstitution> acting_institutions(const CaseState& state);

}  // namespace retorno::protocol
