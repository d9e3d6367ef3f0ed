#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "service/case_service.h"
#include "store/store.h"

namespace retorno {

struct DemoLogin {
    std::string username;
    std::string role;
    std::string institution;
};

// The password of every demo user. Demo data is synthetic and the demo listens on loopback;
// a real deployment creates its users with `retorno user add`.
inline constexpr const char* kDemoPassword = "retorno-demo-2026";

// Fills an empty store with the demo directory (institutions of SV, GT, HN, MX and the rest of
// the region), one user per role, and `case_count` synthetic cases opened by the child-protection
// authority of the country where each child was found: most now, a few found in Mexico (every
// third of the first 36) 3 to 10 days before, so that their first deadlines have passed.
// Deterministic for a seed (but for the instants, which follow the clock).
Result<std::vector<DemoLogin>> seed_demo_data(Store& store, CaseService& cases, int case_count,
                                              std::uint64_t seed);

// The demo users that a store already holds (those whose password is still the demo one), for
// printing the sign-ins again on a later `make run`.
Result<std::vector<DemoLogin>> existing_demo_logins(Store& store);

}  // namespace retorno
