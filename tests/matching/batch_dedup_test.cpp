#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <utility>
#include <vector>

#include "matching/batch_dedup.h"
#include "matching/blocking_keys.h"
#include "matching/person_csv.h"
#include "synthetic/labelled_persons.h"

namespace retorno::matching {
namespace {

// A synthetic register with the errors of real ones (typing errors, swapped or missing
// surnames, nicknames, estimated ages, siblings and namesakes): at each threshold, a batch
// reports with score_pair's very weights every pair it compares at or above the threshold,
// and it compares every pair that shares a key (meet_in_any_part). Its screening, from the
// birth facts and the sketches of the surnames, must lose none of them.
TEST(BatchDedup, ReportsEveryPairThatMeetsAtTheThresholdAsScorePairDoes) {
    const auto tables = *NameTables::standard();
    const auto set = synthetic::make_labelled_persons(5, 1200, 0.3);
    std::stringstream csv;
    synthetic::write_persons_csv(csv, set);
    BatchDeduplicator batch(tables);
    std::vector<PreparedPerson> people;
    ASSERT_TRUE(read_person_csv(csv, "persons.csv", [&](PersonRecord&& record, std::size_t) {
        people.push_back(*prepare_person(record, *tables));
        return batch.add(record);
    }));
    ASSERT_EQ(people.size(), 1200u);
    std::map<std::pair<std::uint32_t, std::uint32_t>, MatchResult> scored;
    for (std::uint32_t a = 0; a < people.size(); ++a) {
        for (std::uint32_t b = a + 1; b < people.size(); ++b) {
            // score_pair's answer (Scoring.GivesUpOnAPairOnlyBelowTheMinimumWeight), without
            // the screening that the batch adds to it.
            const auto result = score_pair_at_least(people[a], people[b], weight_of_score(0.1));
            if (result)
                scored.emplace(std::make_pair(a, b), *result);
        }
    }
    for (const double threshold : {kDefaultThreshold, 0.1}) {
        std::map<std::pair<std::uint32_t, std::uint32_t>, double> reported;
        for (const auto& pair : batch.run(threshold, Threads{2})) {
            const auto full = scored.find({pair.a, pair.b});
            ASSERT_NE(full, scored.end()) << pair.a << " " << pair.b << " at " << threshold;
            EXPECT_EQ(pair.result.weight, full->second.weight);
            EXPECT_EQ(pair.result.reasons_text(), full->second.reasons_text());
            EXPECT_GE(pair.result.score, threshold);
            reported.emplace(std::make_pair(pair.a, pair.b), pair.result.weight);
        }
        std::size_t meeting = 0;
        for (const auto& [pair, result] : scored) {
            if (result.score < threshold ||
                !meet_in_any_part(people[pair.first], people[pair.second]))
                continue;
            ++meeting;
            EXPECT_TRUE(reported.count(pair))
                << people[pair.first].id() << " and " << people[pair.second].id() << " ("
                << result.reasons_text() << ") meet at " << result.score << " but are not reported";
        }
        // Many pairs are reported, and those at the lower threshold outnumber the others.
        EXPECT_GT(meeting, people.size() / 10) << threshold;
    }
}

}  // namespace
}  // namespace retorno::matching
