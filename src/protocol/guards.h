#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "protocol/case_facts.h"
#include "protocol/definition.h"
#include "protocol/refusal.h"

namespace retorno::protocol {

// The child-protection guards of the regional guidelines, written in C++ so that no protocol
// definition can weaken them; a definition may only add guards of its own.
//
//   asylum-hold          when protection_screening records a possible need of international
//                        protection, consular_notification, every step on the ORIG side and
//                        every later step toward return are refused, and best_interests_
//                        determination cannot decide `return`, until the screening decision
//                        `protection_need_ruled_out` lifts it.
//   screening-first      consular_notification is refused until protection_screening is done.
//   best-interests-return, safe-caregiver, travel-document, escort-named
//                        pre_departure and every later step of a return branch need a
//                        best-interests outcome that leads to a branch of kind return (`return`
//                        to the family, or alternative care in the country of origin), a
//                        caregiver willing and able who took no part in the trafficking (also
//                        required for that decision itself), a travel document and a named
//                        escort.
//   age-presumption      a person whose age is not verified is treated as a child: a case
//                        cannot be closed as "not a child" until identity_verification records
//                        a birth date that makes the person an adult.

// The fields and outcomes the guards read; validate_definition refuses a definition without them.
struct GuardAnchor {
    std::string_view step;
    std::string_view field;  // empty when the anchor is an outcome
    FieldType type = FieldType::Boolean;
    std::string_view outcome;
    std::string_view why;
};
std::span<const GuardAnchor> guard_anchors();

// An event the engine is asked about. `data` is nullptr when the state asks whether a step
// could be done at all; guards on the event's own fields are then left to the event.
struct ProposedAction {
    EventKind kind = EventKind::StepCompleted;
    const StepDef* step = nullptr;
    const boost::json::object* data = nullptr;
    std::string outcome;  // for DecisionRecorded
    Timestamp at{};       // when the event happens
};

std::optional<Refusal> absolute_guard(const Definition& definition, const CaseFacts& facts,
                                      const ProposedAction& action);

bool asylum_hold_active(const CaseFacts& facts);
// True until identity_verification records a birth date of an adult.
bool presumed_child(const CaseFacts& facts, Date today);

}  // namespace retorno::protocol
