#pragma once

#include <string>

#include "core/error.h"
#include "protocol/definition.h"

namespace retorno::protocol {

// Why the engine refused an event: the rule that failed (a stable id such as "asylum-hold",
// which the API returns in problem+json) and a message a caseworker understands, in Spanish
// and English. `field` is set when a field of the event's data was wrong ("/data/decision").
struct Refusal {
    ErrorCode code = ErrorCode::RuleViolation;
    std::string rule;
    std::string field;
    Text message;

    // The English message, the rule id in `field` (or the field's pointer for invalid data),
    // and the Spanish message in `detail`.
    Error to_error() const;
};

}  // namespace retorno::protocol
