#pragma once

#include <cstdint>
#include <vector>

#include "matching/person_record.h"

namespace retorno::matching {

// The keys under which a person is filed so that likely matches meet without comparing every
// pair. Each key tolerates a different kind of error, and a true match needs to share only one:
//   - phonetic first given name (or what its nickname stands for) + phonetic surname, for each
//     surname, + birth year (filed under the year and the next): tolerant of swapped or
//     missing surnames, spelling, a year off by one; also with the first letter of the given
//     name dropped, and with only the first three or the last four letters of the surname's
//     key (of four letters or more), to survive one typing error;
//   - phonetic first given name + birth date with day and month unordered: tolerant of a
//     changed or missing surname (a husband's, the other parent's) and day/month swaps;
//   - each surname + the first letter of the given name + birth year: tolerant of an initial,
//     a typo or an unknown nickname that starts alike;
//   - both surnames, unordered, + birth year: tolerant of an unknown or misspelt first name.
// The last two are filed under the same years as the first, so that a misspelt first name and
// a year off by one (or an estimated age) still meet.
// The birth year is 0 when nothing is known, so people without any date meet only each other
// through these keys. Keys are 64-bit hashes of those texts.
std::vector<std::uint64_t> blocking_keys(const PreparedPerson& person);

// Blocks larger than this are skipped as uninformative (a very common name in a very common
// year); the other keys still bring the true matches together.
inline constexpr std::size_t kMaxBlockSize = 2000;

}  // namespace retorno::matching
