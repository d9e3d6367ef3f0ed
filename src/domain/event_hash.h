#pragma once

#include <string>

#include "domain/event.h"

namespace retorno {

// The SHA-256 (hex) of an event's canonical form chained to the previous event's hash. The
// canonical form lists every attribute in a fixed order, so the same event always hashes the
// same, and changing, removing or reordering an event breaks every later hash of the case.
std::string event_hash(const Event& event);

}  // namespace retorno
