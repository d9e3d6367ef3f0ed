#pragma once

#include <cstdint>
#include <vector>

#include "matching/person_record.h"

namespace retorno::matching {

// The keys under which a person is filed so that likely matches meet without comparing every
// pair. Each key tolerates a different kind of error, and a true match needs to share only one:
//   - phonetic first given name (or what its nickname stands for) + phonetic surname, for each
//     surname: tolerant of date errors, swapped or missing surnames, spelling; also with the
//     first letter of the given name dropped, and with only the first three or the last four
//     letters of the surname's key, to survive one typing error;
//   - phonetic surname + birth year: tolerant of nicknames unknown to the tables and first-name
//     typos;
//   - phonetic first given name + birth date with day and month unordered: tolerant of a
//     changed or missing surname (a husband's, the other parent's) and day/month swaps;
//   - both surnames, unordered: tolerant of an unknown first name and a missing date.
// Keys are 64-bit hashes of those texts.
std::vector<std::uint64_t> blocking_keys(const PreparedPerson& person);

// Blocks larger than this are skipped as uninformative (a very common name in a very common
// year); the other keys still bring the true matches together.
inline constexpr std::size_t kMaxBlockSize = 4000;

}  // namespace retorno::matching
