#pragma once

#include <string>

#include "store/store.h"

namespace retorno::testing {

// Everything in a store that a refused request could have changed, as one comparable text:
// the number of events, every case document with its shares, every user (name, institution,
// roles, language, whether disabled, password hash) and every institution with its parent.
// What a refusal may legitimately add (audit entries, a failed sign-in's counter, sessions) is
// left out. Tests compare it before and after a request that must change nothing.
std::string store_snapshot(Store& store);

}  // namespace retorno::testing
