#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "matching/match_scorer.h"
#include "matching/name_tables.h"
#include "matching/person_index.h"
#include "table_file.h"

namespace retorno::matching {
namespace {

using testing::person_from_columns;
using testing::read_table;

std::shared_ptr<const NameTables> tables() {
    auto loaded = NameTables::standard();
    EXPECT_TRUE(loaded) << (loaded ? "" : loaded.error().message);
    return *loaded;
}

struct Pair {
    std::size_t line;
    PreparedPerson a;
    PreparedPerson b;
    std::vector<std::string> reasons;
    std::string why;
};

std::vector<Pair> read_pairs(const std::string& file) {
    std::vector<Pair> pairs;
    for (const auto& row : read_table(file)) {
        EXPECT_EQ(row.columns.size(), 10u) << file << ":" << row.line;
        if (row.columns.size() != 10u)
            continue;
        const auto& c = row.columns;
        auto a = prepare_person(person_from_columns("a", c[0], c[1], c[2], c[3]), *tables());
        auto b = prepare_person(person_from_columns("b", c[4], c[5], c[6], c[7]), *tables());
        EXPECT_TRUE(a && b) << file << ":" << row.line;
        if (!a || !b)
            continue;
        std::vector<std::string> reasons;
        std::istringstream in(c[8]);
        for (std::string code; in >> code;)
            reasons.push_back(code);
        pairs.push_back(Pair{row.line, std::move(*a), std::move(*b), reasons, c[9]});
    }
    return pairs;
}

// Both records of every pair of the two tables.
std::vector<PreparedPerson> people_of_the_tables() {
    std::vector<PreparedPerson> people;
    for (const auto* file : {"must_match.tsv", "must_not_match.tsv"}) {
        for (auto& pair : read_pairs(file)) {
            people.push_back(std::move(pair.a));
            people.push_back(std::move(pair.b));
        }
    }
    return people;
}

void expect_reasons(const Pair& pair, const MatchResult& result, const std::string& file) {
    for (const auto& expected : pair.reasons) {
        bool found = false;
        for (std::size_t i = 0; i < result.reason_count; ++i) {
            found = found || reason_code(result.reasons[i]) == expected;
        }
        EXPECT_TRUE(found) << file << ":" << pair.line << " (" << pair.why << ") lacks reason "
                           << expected << "; got: " << result.reasons_text();
    }
}

TEST(Scoring, MatchesWhatACaseworkerWouldMatch) {
    const auto pairs = read_pairs("must_match.tsv");
    ASSERT_GE(pairs.size(), 15u);
    for (const auto& pair : pairs) {
        const auto result = score_pair(pair.a, pair.b);
        EXPECT_GE(result.score, kDefaultThreshold)
            << "must_match.tsv:" << pair.line << " (" << pair.why << "): " << result.reasons_text()
            << " weight " << result.weight;
        expect_reasons(pair, result, "must_match.tsv");
    }
}

TEST(Scoring, KeepsApartWhatACaseworkerWouldKeepApart) {
    const auto pairs = read_pairs("must_not_match.tsv");
    ASSERT_GE(pairs.size(), 8u);
    for (const auto& pair : pairs) {
        const auto result = score_pair(pair.a, pair.b);
        EXPECT_LT(result.score, kDefaultThreshold)
            << "must_not_match.tsv:" << pair.line << " (" << pair.why
            << "): " << result.reasons_text() << " weight " << result.weight;
        expect_reasons(pair, result, "must_not_match.tsv");
    }
}

TEST(Scoring, IsSymmetric) {
    const std::vector<PreparedPerson> people = people_of_the_tables();
    for (std::size_t i = 0; i < people.size(); ++i) {
        for (std::size_t j = 0; j < people.size(); ++j) {
            const auto ab = score_pair(people[i], people[j]);
            const auto ba = score_pair(people[j], people[i]);
            ASSERT_DOUBLE_EQ(ab.weight, ba.weight) << i << " " << j;
            ASSERT_EQ(ab.reasons_text(), ba.reasons_text()) << i << " " << j;
        }
    }
}

// The two-stage scoring gives up on a pair only when its weight is below the minimum, and
// otherwise answers exactly what score_pair does: for every pair of the tables' people, at
// minimums around the pair's own weight and at the thresholds a batch uses.
TEST(Scoring, GivesUpOnAPairOnlyBelowTheMinimumWeight) {
    const std::vector<PreparedPerson> people = people_of_the_tables();
    std::size_t given_up = 0;
    for (std::size_t i = 0; i < people.size(); ++i) {
        for (std::size_t j = 0; j < people.size(); ++j) {
            const auto full = score_pair(people[i], people[j]);
            for (double min_weight : {full.weight - 0.25, full.weight, full.weight + 0.25, -20.0,
                                      0.0, 8.0, 11.0, 14.0}) {
                const auto bounded = score_pair_at_least(people[i], people[j], min_weight);
                ASSERT_EQ(bounded.has_value(), full.weight >= min_weight)
                    << i << " " << j << " at " << min_weight << ": " << full.reasons_text();
                if (!bounded) {
                    ++given_up;
                    continue;
                }
                ASSERT_EQ(bounded->weight, full.weight) << i << " " << j;
                ASSERT_EQ(bounded->score, full.score) << i << " " << j;
                ASSERT_EQ(bounded->reasons_text(), full.reasons_text()) << i << " " << j;
            }
        }
    }
    EXPECT_GT(given_up, people.size());
}

// A batch decides most pairs from the people's screening facts alone (ScreeningFacts). They
// keep the birth evidence exactly, and a pair they give up is one that score_pair_at_least
// gives up too: for every pair of the tables' people, at the minimums a batch uses.
TEST(Scoring, TheScreeningFactsGiveUpOnlyPairsThatCannotReachTheMinimum) {
    const std::vector<PreparedPerson> people = people_of_the_tables();
    const auto same_date = [](const std::optional<PartialDate>& x,
                              const std::optional<PartialDate>& y) { return x == y; };
    for (const auto& person : people) {
        const ScreeningFacts facts(person);
        const BirthEvidence birth = facts.birth();
        EXPECT_TRUE(same_date(birth.birth, person.birth.birth)) << person.id();
        EXPECT_EQ(birth.age_estimate, person.birth.age_estimate) << person.id();
        EXPECT_TRUE(same_date(birth.age_estimate_date, person.birth.age_estimate_date))
            << person.id();
        EXPECT_EQ(facts.gender(), person.gender);
        EXPECT_EQ(facts.nationality(), person.nationality);
        EXPECT_EQ(facts.has_mother_name(), !person.mother_name().empty());
        EXPECT_EQ(facts.has_birth_place(), !person.birth_place().empty());
    }
    std::size_t given_up = 0;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < people.size(); ++i) {
        const ScreeningFacts a(people[i]);
        for (std::size_t j = 0; j < people.size(); ++j) {
            const ScreeningFacts b(people[j]);
            const auto full = score_pair(people[i], people[j]);
            for (double min_weight : {full.weight, 8.0, 10.3, 14.0}) {
                ASSERT_EQ(may_reach(a, b, min_weight), may_reach(b, a, min_weight))
                    << i << " " << j;
                if (!may_reach(a, b, min_weight)) {
                    ++given_up;
                    ASSERT_LT(full.weight, min_weight)
                        << i << " " << j << " at " << min_weight << ": " << full.reasons_text();
                    ASSERT_FALSE(score_pair_at_least(people[i], people[j], min_weight));
                } else if (full.weight < min_weight) {
                    ++kept;  // Left to the later stages, which give it up on the names.
                }
            }
        }
    }
    // Both outcomes occur: the facts decide many pairs, and not all of them.
    EXPECT_GT(given_up, people.size());
    EXPECT_GT(kept, people.size());
}

// A person made by hand with a date the facts cannot hold (prepare_person refuses such years)
// is not screened: may_reach leaves the pair to the scoring instead of judging a cut date.
TEST(Scoring, APersonTheFactsCannotHoldIsLeftToTheScoring) {
    const auto people = people_of_the_tables();
    ASSERT_GE(people.size(), 2u);
    PreparedPerson odd = people[0];
    odd.birth.birth = PartialDate{70000, 1, 1};
    const ScreeningFacts facts(odd);
    EXPECT_FALSE(facts.screened());
    EXPECT_TRUE(ScreeningFacts(people[1]).screened());
    EXPECT_TRUE(may_reach(facts, ScreeningFacts(people[1]), 100.0));
    EXPECT_TRUE(may_reach(ScreeningFacts(people[1]), facts, 100.0));
    EXPECT_FALSE(may_reach(ScreeningFacts(people[0]), ScreeningFacts(people[1]), 100.0));
}

TEST(Scoring, WeightAndScoreConvertBothWays) {
    EXPECT_DOUBLE_EQ(score_of_weight(kWeightAtHalf), 0.5);
    for (double weight : {-10.0, 0.0, 8.0, 11.3, 20.0})
        EXPECT_NEAR(weight_of_score(score_of_weight(weight)), weight, 1e-9);
    EXPECT_EQ(weight_of_score(0.0), -std::numeric_limits<double>::infinity());
    EXPECT_EQ(weight_of_score(1.0), std::numeric_limits<double>::infinity());
}

// Up to kThresholdBaseSize people, the default; beyond, odds proportional to the size.
TEST(Scoring, TheDefaultThresholdOfABatchRisesWithTheRegistersSize) {
    EXPECT_EQ(default_threshold(0), kDefaultThreshold);
    EXPECT_EQ(default_threshold(10000), kDefaultThreshold);
    EXPECT_EQ(default_threshold(kThresholdBaseSize), kDefaultThreshold);
    EXPECT_NEAR(default_threshold(2 * kThresholdBaseSize), 2.0 / 3.0, 1e-12);
    EXPECT_EQ(default_threshold(1000000), kDefaultThreshold);
    EXPECT_NEAR(default_threshold(5 * kThresholdBaseSize), 5.0 / 6.0, 1e-12);
    // About log2(10) of weight more for each factor of ten.
    EXPECT_NEAR(weight_of_score(default_threshold(10 * kThresholdBaseSize)) -
                    weight_of_score(default_threshold(kThresholdBaseSize)),
                std::log2(10.0), 1e-9);
    double previous = 0;
    for (std::size_t size = 1; size < 100000000; size *= 3) {
        EXPECT_GE(default_threshold(size), previous) << size;
        previous = default_threshold(size);
    }
}

TEST(Scoring, AddingUnrelatedPeopleDoesNotChangeAPairsScore) {
    const auto pairs = read_pairs("must_match.tsv");
    const auto& pair = pairs.front();
    PersonIndex index(tables());
    PersonRecord a =
        person_from_columns("a", "María / José | Hernández López", "2011-03-04", "F", "GT");
    PersonRecord b = person_from_columns("b", "Majo | López Hernández", "2011-03-04", "F", "GT");
    ASSERT_TRUE(index.upsert(b));
    auto before = index.candidates(a, 5, 0.0);
    ASSERT_TRUE(before);
    ASSERT_EQ(before->size(), 1u);
    const char* others[] = {"Ana / Sofía | Hernández López", "María | López", "Majo | Pérez",
                            "José | Hernández", "María / José | López Hernández"};
    int n = 0;
    for (const char* name : others) {
        ASSERT_TRUE(index.upsert(
            person_from_columns("o" + std::to_string(n++), name, "2011-03-05", "F", "GT")));
    }
    auto after = index.candidates(a, 10, 0.0);
    ASSERT_TRUE(after);
    bool found = false;
    for (const auto& candidate : *after) {
        if (candidate.id != "b")
            continue;
        found = true;
        EXPECT_DOUBLE_EQ(candidate.result.weight, before->front().result.weight);
    }
    EXPECT_TRUE(found);
    (void)pair;
}

TEST(Scoring, ReasonCodesAndTextsAreDistinct) {
    std::set<std::string_view> codes;
    std::set<std::string_view> texts;
    for (int r = 0; r <= static_cast<int>(Reason::BirthPlaceDifferent); ++r) {
        codes.insert(reason_code(static_cast<Reason>(r)));
        texts.insert(reason_text(static_cast<Reason>(r)));
    }
    EXPECT_EQ(codes.size(), static_cast<std::size_t>(Reason::BirthPlaceDifferent) + 1);
    EXPECT_EQ(texts.size(), codes.size());
}

TEST(Scoring, EmptyNamesAgreeWithNothingButDoNotCrash) {
    PersonRecord empty;
    empty.id = "e";
    auto a = prepare_person(empty, *tables());
    ASSERT_TRUE(a);
    auto b = prepare_person(person_from_columns("b", "Ana | López", "2011", "F", "GT"), *tables());
    ASSERT_TRUE(b);
    const auto result = score_pair(*a, *b);
    EXPECT_LT(result.score, kDefaultThreshold);
    EXPECT_EQ(result.reason_count, 0u);
}

}  // namespace
}  // namespace retorno::matching
