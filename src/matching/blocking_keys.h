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
//     changed or missing surname (a husband's, the other parent's) and day/month swaps; also
//     with only the first letter of the given name, for an initial and a misspelt surname;
//   - an estimated age with the day it was made + the first letter of the given name: the
//     same for a record known only by an estimate, which registers often copy;
//   - each surname + the first letter of the given name + birth year: tolerant of an initial,
//     a typo or an unknown nickname that starts alike;
//   - both surnames, unordered, + birth year: tolerant of an unknown or misspelt first name.
// The last two are filed under the same years as the first, so that a misspelt first name and
// a year off by one (or an estimated age) still meet.
// The birth year is 0 when nothing is known, so people without any date meet only each other
// through these keys. Keys are 64-bit hashes of those texts.
//
// A block of the commonest names ("María" + "López" + 2011) holds hundreds of people at 10^5
// records, and comparing all its pairs is most of the work. So each filing also names the
// part of the block the person belongs to when the block is split: the other surname for
// the name keys (a typing error in one surname still leaves the other key intact, since each
// surname has its own key), the birth month for the surname pair (filed also under the day
// when it could be a month, for a day/month swap). People who cannot be placed in a part (one
// surname only, no birth month) are in part 0 and are compared with the whole block (in a
// batch, see blocking_month, with its people of the same birth month). A true match must still
// share one key, and in it the same part or part 0.
// Keys and parts are hashes cut to 48 and 16 bits, so that a batch can hold both in one 64-bit
// word (at 10^6 records it files some thirty million entries); two different keys share one
// hash about once in a batch of that size, which merely merges two blocks.
inline constexpr int kBlockingKeyBits = 48;
inline constexpr int kBlockingPartBits = 16;

struct BlockingKey {
    std::uint64_t key;   // Below 2^kBlockingKeyBits.
    std::uint32_t part;  // Below 2^kBlockingPartBits; 0: compare with everyone in the block.

    friend bool operator==(const BlockingKey&, const BlockingKey&) = default;
};
std::vector<BlockingKey> blocking_keys(const PreparedPerson& person);

// Whether two people meet through one of their keys however large its block: they share a key
// and, in it, the same part or part 0. `a` and `b` as blocking_keys returns them.
bool meet_in_any_block(const std::vector<BlockingKey>& a, const std::vector<BlockingKey>& b);

// A large block is also split by birth month, in a batch: a part of more than kSplitBlockSize
// people (the commonest names of a register of a million: "María" + "López" + "Hernández" +
// 2011) is compared month by month, and the part-0 people of a block of more than
// kSplitBlockSize are compared with the people of their own month. People whose month is
// unknown (a year, an estimated age) are in month 0 and are compared with everyone. A day/month
// swap in the same year meets through the birth-date keys, which are not split (kDatePart); with
// a year off
// as well, through the surname pair, whose parts are months already (the birth month, and the
// day when it could be a month) and are not split again. (The index does not split by month: a
// query is one person.) The birth month, 1-12, or 0 when unknown.
std::uint8_t blocking_month(const PreparedPerson& person);

// The part of the birth-date keys (a date with a given name or its initial, an estimate with
// its day): their people share a date already, and are never split by month.
inline constexpr std::uint32_t kDatePart = 13;

// Whether a part is a month (1-12) or kDatePart, never split by month again, rather than a name
// (which is never below 0x8000).
inline bool is_dated_part(std::uint32_t part) {
    return part >= 1 && part <= kDatePart;
}

// Whether two people of a batch meet however large their blocks and parts: they share a key
// and, in it, the same part or one of them part 0; and the same birth month or one of them an
// unknown month, unless the part is dated (is_dated_part).
bool meet_in_any_part(const PreparedPerson& a, const PreparedPerson& b);

// Blocks of more than this many people are split into their parts, and parts of more than this
// many people by the birth month.
inline constexpr std::size_t kSplitBlockSize = 100;

// Blocks, or parts of a split block, larger than this are skipped as uninformative; the other
// keys still bring the true matches together.
inline constexpr std::size_t kMaxBlockSize = 2000;

}  // namespace retorno::matching
