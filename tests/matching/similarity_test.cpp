#include <gtest/gtest.h>

#include "matching/fuzzy_date.h"
#include "matching/string_similarity.h"

namespace retorno::matching {
namespace {

TEST(JaroWinkler, MatchesPublishedValues) {
    // Values from Winkler (1990), as quoted in most references.
    EXPECT_NEAR(jaro_winkler("martha", "marhta"), 0.961, 0.001);
    EXPECT_NEAR(jaro_winkler("dwayne", "duane"), 0.840, 0.001);
    EXPECT_NEAR(jaro_winkler("dixon", "dicksonx"), 0.813, 0.001);
    EXPECT_DOUBLE_EQ(jaro_winkler("ana", "ana"), 1.0);
    EXPECT_DOUBLE_EQ(jaro_winkler("", "ana"), 0.0);
    EXPECT_DOUBLE_EQ(jaro_winkler("abc", "xyz"), 0.0);
}

TEST(JaroWinkler, IsSymmetric) {
    const char* words[] = {"hernandez", "fernandez", "ernandes", "lopez", "lopes", "x", "ab"};
    for (const char* a : words) {
        for (const char* b : words) {
            EXPECT_DOUBLE_EQ(jaro_winkler(a, b), jaro_winkler(b, a)) << a << " " << b;
        }
    }
}

TEST(JaroWinkler, ThresholdTestAgreesWithTheScore) {
    const char* texts[] = {"maria fernanda lopez rodriguez",
                           "maria fernanda lopes rodriguez",
                           "ana sofia gomez",
                           "quetzaltenango",
                           "quetzaltenamgo",
                           "guatemala",
                           "san marcos",
                           "santa rosa",
                           "martha",
                           "marhta",
                           "",
                           "x"};
    for (const char* a : texts) {
        for (const char* b : texts) {
            for (double threshold : {0.0, 0.5, 0.8, 0.9, 0.95, 1.0}) {
                EXPECT_EQ(jaro_winkler_at_least(a, b, threshold), jaro_winkler(a, b) >= threshold)
                    << a << " / " << b << " at " << threshold;
            }
        }
    }
}

TEST(EditDistance, StopsAtTheLimitWithoutChangingSmallerDistances) {
    const char* words[] = {"hernandez", "fernandez", "ernandes", "lopez", "lopes", "maria",
                           "mraia",     "gonzalez",  "zelaya",   "ana",   "x",     ""};
    for (const char* a : words) {
        for (const char* b : words) {
            const std::size_t full = edit_distance(a, b);
            for (std::size_t limit : {1u, 2u, 3u, 5u}) {
                EXPECT_EQ(edit_distance(a, b, limit), std::min(full, limit))
                    << a << " / " << b << " limit " << limit;
            }
        }
    }
}

TEST(EditDistance, CountsTranspositionsAsOne) {
    EXPECT_EQ(edit_distance("gonzalez", "gonzalez"), 0u);
    EXPECT_EQ(edit_distance("gonzalez", "gonzales"), 1u);
    EXPECT_EQ(edit_distance("maria", "mraia"), 1u);
    EXPECT_EQ(edit_distance("", "ana"), 3u);
    EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
    EXPECT_EQ(edit_distance("kitten", "sitting", 2), 2u);
}

BirthEvidence born(std::string_view text) {
    BirthEvidence e;
    e.birth = *parse_partial_date(text);
    return e;
}

BirthEvidence aged(int age, int year, int month, int day) {
    BirthEvidence e;
    e.age_estimate = age;
    e.age_estimate_date = PartialDate{year, month, day};
    return e;
}

TEST(FuzzyDate, ParsesPartialDatesAndRefusesAbsurdOnes) {
    EXPECT_EQ(**parse_partial_date("2011-03-04"), (PartialDate{2011, 3, 4}));
    EXPECT_EQ(**parse_partial_date("2011-03"), (PartialDate{2011, 3, 0}));
    EXPECT_EQ(**parse_partial_date("2011"), (PartialDate{2011, 0, 0}));
    EXPECT_FALSE(*parse_partial_date(""));
    EXPECT_FALSE(parse_partial_date("2011-02-30"));
    EXPECT_FALSE(parse_partial_date("1850-01-01"));
    EXPECT_FALSE(parse_partial_date("20110304"));
    EXPECT_FALSE(parse_partial_date("04/03/2011"));
    EXPECT_FALSE(parse_partial_date("2011-13-01"));
}

TEST(FuzzyDate, ComparesTheWaysRegistersGetDatesWrong) {
    EXPECT_EQ(compare_birth(born("2011-03-04"), born("2011-03-04")), DateAgreement::Exact);
    EXPECT_EQ(compare_birth(born("2011-03-04"), born("2011-04-03")),
              DateAgreement::DayMonthSwapped);
    EXPECT_EQ(compare_birth(born("2011-03-04"), born("2012-03-04")), DateAgreement::YearOffByOne);
    EXPECT_EQ(compare_birth(born("2011-03-04"), born("2011-03-14")), DateAgreement::OnePartDiffers);
    EXPECT_EQ(compare_birth(born("2011-03-04"), born("2011")), DateAgreement::SameYear);
    EXPECT_EQ(compare_birth(born("2011-03-04"), born("2012")), DateAgreement::NearYear);
    EXPECT_EQ(compare_birth(born("2011-03-04"), born("2013-07-20")), DateAgreement::Different);
    EXPECT_EQ(compare_birth(born("2011-03-04"), BirthEvidence{}), DateAgreement::Missing);
    // Aged 14 on 2025-05-01: born between 2010-05-02 and 2011-05-01.
    EXPECT_EQ(compare_birth(born("2011-03-04"), aged(14, 2025, 5, 1)),
              DateAgreement::AgeConsistent);
    EXPECT_EQ(compare_birth(born("2012-03-04"), aged(14, 2025, 5, 1)), DateAgreement::AgeNear);
    EXPECT_EQ(compare_birth(born("2013-03-04"), aged(14, 2025, 5, 1)), DateAgreement::AgeFar);
    EXPECT_EQ(compare_birth(born("2005-03-04"), aged(14, 2025, 5, 1)), DateAgreement::Different);
    EXPECT_EQ(compare_birth(aged(14, 2025, 5, 1), aged(15, 2026, 2, 1)),
              DateAgreement::AgeConsistent);
    EXPECT_EQ(compare_birth(aged(14, 2025, 5, 1), aged(14, 2025, 5, 1)),
              DateAgreement::SameEstimate);
    EXPECT_EQ(compare_birth(aged(14, 2025, 5, 1), aged(14, 2025, 5, 2)),
              DateAgreement::AgeConsistent);
}

}  // namespace
}  // namespace retorno::matching
