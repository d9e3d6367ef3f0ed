#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

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

// The optimal string alignment distance from its definition: the whole table.
std::size_t osa_by_table(std::string_view a, std::string_view b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i)
        d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j)
        d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.size()][b.size()];
}

// Random texts over few letters (so that they share many), up to and past the 64 bytes that
// are compared; names in UTF-8 have bytes above 127.
TEST(EditDistance, AgreesWithTheWholeTableOnRandomTexts) {
    std::mt19937 random(2026);
    const std::string letters = "abn\xc3\xb1";
    const auto text = [&](std::size_t longest) {
        std::string out(std::uniform_int_distribution<std::size_t>(0, longest)(random), ' ');
        for (char& c : out)
            c = letters[std::uniform_int_distribution<std::size_t>(0, letters.size() - 1)(random)];
        return out;
    };
    for (int round = 0; round < 20000; ++round) {
        const std::size_t longest = round % 10 == 0 ? 80 : 12;
        const std::string a = text(longest);
        const std::string b = round % 3 == 0 ? a.substr(0, a.size() / 2) + text(4) : text(longest);
        const std::size_t expected =
            osa_by_table(std::string_view(a).substr(0, 64), std::string_view(b).substr(0, 64));
        ASSERT_EQ(edit_distance(a, b), std::min<std::size_t>(expected, 64)) << a << " / " << b;
        ASSERT_EQ(edit_distance(a, b, 2), std::min<std::size_t>(expected, 2)) << a << " / " << b;
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
