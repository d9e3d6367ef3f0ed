#pragma once

#include <optional>
#include <string_view>

#include "core/error.h"

namespace retorno::matching {

// A birth date as registers hold it: sometimes only a year ("2011"), or a year and month
// ("2011-03"), most often a whole date ("2011-03-04"). Unknown parts are 0.
struct PartialDate {
    int year = 0;
    int month = 0;
    int day = 0;

    bool has_month() const { return month != 0; }
    bool has_day() const { return day != 0; }
    friend bool operator==(const PartialDate&, const PartialDate&) = default;
};

// Years outside this range are refused as absurd (a typing error, not a child's birth).
inline constexpr int kEarliestYear = 1900;
inline constexpr int kLatestYear = 2100;

// Parses "", "YYYY", "YYYY-MM" or "YYYY-MM-DD"; the empty text gives nullopt. Refuses
// impossible dates (2011-02-30) and years outside [kEarliestYear, kLatestYear].
Result<std::optional<PartialDate>> parse_partial_date(std::string_view text);

// What is known about when a person was born: a (partial) birth date, or else an age
// estimated on a known day ("about 14 on 2026-05-01"), or nothing.
struct BirthEvidence {
    std::optional<PartialDate> birth;
    std::optional<int> age_estimate;
    std::optional<PartialDate> age_estimate_date;  // Must have a year when age_estimate is set.

    bool empty() const { return !birth && !(age_estimate && age_estimate_date); }
};

// How two birth evidences agree, from strongest to weakest. Each level has its own weight and
// reason (see match_scorer.cpp).
enum class DateAgreement {
    Exact,            // Same whole date.
    DayMonthSwapped,  // 2011-03-04 and 2011-04-03: the American and Latin orders confused.
    YearOffByOne,     // Same day and month, year differs by one.
    OnePartDiffers,   // Same year; the day or the month differs (a typing error).
    SameYear,         // One side knows only the year (or year and month), and it agrees.
    NearYear,         // One side knows only the year, and it differs by one.
    SameEstimate,     // The same estimated age on the same day: one record copied the other's.
    AgeConsistent,    // An estimated age fits the other's birth year.
    AgeNear,          // An estimated age is one year off the other's birth year.
    AgeFar,           // An estimated age is two years off (three or more is Different).
    Different,        // Both known and different.
    Missing,          // Either side knows nothing.
};

DateAgreement compare_birth(const BirthEvidence& a, const BirthEvidence& b);

// The birth year to block on: the year of the birth date, or the later year that the estimated
// age allows; 0 when nothing is known.
int blocking_birth_year(const BirthEvidence& evidence);

}  // namespace retorno::matching
