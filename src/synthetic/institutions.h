#pragma once

#include <cstdint>
#include <vector>

#include "domain/institution.h"

namespace retorno::synthetic {

// The seed that `make run` uses for the demo directory, so that ids are the same on every
// machine and across restarts.
inline constexpr std::uint64_t kDemoSeed = 20240611;

// A demo directory of the bodies named in RETURN-PROCEDURE.md for SV, GT, HN, MX, CR, NI and
// PA: foreign ministry, child-protection authority, migration, prosecutor and police, a
// shelter, the anti-trafficking committee, and a consulate of each of these countries in each
// other one. A consulate belongs to the country it represents (its `country`), escalates to that
// country's foreign ministry and names its host country in its name. Ids are UUIDv7-shaped and
// derived from the seed alone, so the same seed gives the same directory on every run.
// Escalation (`parent`): a consulate to its foreign ministry, a shelter to the child-protection
// authority, every other national body to the anti-trafficking committee, which has none.
std::vector<Institution> demo_institutions(std::uint64_t seed = kDemoSeed);

}  // namespace retorno::synthetic
