#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "matching/field_comparison.h"
#include "matching/person_record.h"
#include "matching/screening_facts.h"

namespace retorno::matching {

// Why two records look like the same person, or not: one code per field agreement level. The
// codes are stable (the web shows them translated through locales/*/matching.*) and each has
// an English sentence for CSV output.
enum class Reason : std::uint8_t {
    GivenExact,
    GivenPhonetic,
    GivenTypo,
    GivenNickname,
    GivenExtraName,
    GivenInitials,
    GivenReordered,
    GivenOneInCommon,
    GivenDifferent,
    SurnamesExact,
    SurnamesPhonetic,
    SurnamesTypo,
    SurnamesSwapped,
    SurnameOneMissing,
    SurnameOnlySecond,
    SurnameMarried,
    SurnameOneDiffers,
    SurnamesDifferent,
    BirthExact,
    BirthDayMonthSwapped,
    BirthYearOffByOne,
    BirthOnePartDiffers,
    BirthSameYear,
    BirthNearYear,
    AgeSameEstimate,
    AgeConsistent,
    AgeNear,
    AgeFar,
    BirthDifferent,
    GenderSame,
    GenderDifferent,
    NationalitySame,
    NationalityDifferent,
    MotherSame,
    MotherDifferent,
    BirthPlaceSame,
    BirthPlaceDifferent,
};

// "surnames_swapped": a stable identifier for translations and the API.
std::string_view reason_code(Reason reason);
// "same surnames in swapped order": English, for CSV files and logs.
std::string_view reason_text(Reason reason);

// The outcome of comparing two people. `weight` is the Fellegi-Sunter total (the sum of
// log2(m/u) over the fields); `score` maps it to (0, 1) so that thresholds read as
// probabilities of a match for the proportions the weights were set for.
struct MatchResult {
    double score = 0.0;
    double weight = 0.0;
    std::array<Reason, 8> reasons{};
    std::uint8_t reason_count = 0;

    std::string reasons_text() const;  // Joined by "; ".
};

// Compares two prepared people. Depends on nothing but the two records (no frequencies from
// the rest of the index), so a pair's score never changes when others are added; symmetric.
MatchResult score_pair(const PreparedPerson& a, const PreparedPerson& b);

// The same when the pair's weight is at least `min_weight`, else nothing. Compares the cheap
// fields first (birth, gender, nationality) and the names and free texts only while the total
// can still reach `min_weight`, which spares most of the work for the many pairs of a batch
// that are far below it. A result it returns is exactly score_pair's.
std::optional<MatchResult> score_pair_at_least(const PreparedPerson& a, const PreparedPerson& b,
                                               double min_weight);

// Whether a pair could reach `min_weight` as far as its screening facts tell: false only when
// score_pair_at_least gives the pair up, at its first stage or, from the surnames' sketches
// (SurnameSketch), after comparing the surnames; exactly so for the first stage.
bool may_reach(const ScreeningFacts& a, const ScreeningFacts& b, double min_weight);

// How far below a weight the scoring still keeps a pair, when it gives pairs up early: the
// bounds and the final weight add the same terms in different orders, so a pair whose weight
// rounds to the minimum must not be lost to the last bit (the score then decides).
inline constexpr double kWeightRounding = 1e-9;

// The weight at which score is 0.5.
inline constexpr double kWeightAtHalf = 8.0;

// score = 1 / (1 + 2^(kWeightAtHalf - weight)), and back (-inf for 0, +inf for 1).
double score_of_weight(double weight);
double weight_of_score(double score);

// The score from which the web proposes a candidate and `retorno match` reports one, and from
// which `retorno dedup` reports a pair in a register of up to kThresholdBaseSize people, chosen
// with `retorno match-eval` (see docs/performance.md).
inline constexpr double kDefaultThreshold = 0.5;

// The decision threshold of a batch deduplication of `register_size` people: kDefaultThreshold
// up to kThresholdBaseSize people, then odds of register_size / kThresholdBaseSize, i.e. a
// weight log2(register_size / kThresholdBaseSize) above kWeightAtHalf (about 3.3 per factor of
// ten; 0.83 at five million). A pair's score never depends on the register; but the more people
// a register holds, the more different children share a common name and birth year, and the
// stronger the evidence must be to keep the same share of false positives among the pairs
// reported (docs/matching.md, "The decision threshold").
inline constexpr std::size_t kThresholdBaseSize = 1000000;
double default_threshold(std::size_t register_size);

}  // namespace retorno::matching
