#include <gtest/gtest.h>

#include <map>
#include <set>

#include "matching/batch_dedup.h"
#include "matching/blocking_keys.h"
#include "matching/person_index.h"
#include "table_file.h"

namespace retorno::matching {
namespace {

using testing::person_from_columns;

std::shared_ptr<const NameTables> tables() {
    return *NameTables::standard();
}

TEST(PersonIndex, FindsTheSameChildUnderAnotherSpellingAndExplainsWhy) {
    PersonIndex index(tables());
    ASSERT_TRUE(index.upsert(
        person_from_columns("p1", "María / José | Hernández López", "2011-03-04", "F", "GT")));
    ASSERT_TRUE(index.upsert(
        person_from_columns("p2", "Ana / Sofía | Hernández López", "2012-09-15", "F", "GT")));
    ASSERT_TRUE(
        index.upsert(person_from_columns("p3", "Pedro | Sánchez Díaz", "2009-01-01", "M", "HN")));
    auto found =
        index.candidates(person_from_columns("", "Majo | López Hernández", "2011-04-03", "F", "GT"),
                         5, kDefaultThreshold);
    ASSERT_TRUE(found);
    ASSERT_EQ(found->size(), 1u);
    EXPECT_EQ(found->front().id, "p1");
    EXPECT_EQ(found->front().result.reasons_text(),
              "same surnames in swapped order; first name is a nickname of the other; birth day "
              "and month swapped; same gender; same nationality");
}

TEST(PersonIndex, KeepsUpWithEditsAndRemovals) {
    PersonIndex index(tables());
    const auto query = person_from_columns("", "Chepe | Pérez García", "2009-07-12", "M", "HN");
    ASSERT_TRUE(index.upsert(person_from_columns("p1", "Juan | Gómez", "2001-01-01", "M", "HN")));
    EXPECT_TRUE(index.candidates(query, 5, kDefaultThreshold)->empty());
    // The case is edited: the person's name and birth date are corrected.
    ASSERT_TRUE(
        index.upsert(person_from_columns("p1", "José | Pérez García", "2009-07-12", "M", "HN")));
    EXPECT_EQ(index.size(), 1u);
    auto found = index.candidates(query, 5, kDefaultThreshold);
    ASSERT_EQ(found->size(), 1u);
    EXPECT_TRUE(index.remove("p1"));
    EXPECT_FALSE(index.remove("p1"));
    EXPECT_TRUE(index.candidates(query, 5, kDefaultThreshold)->empty());
    EXPECT_EQ(index.size(), 0u);
}

TEST(PersonIndex, AQueryWithoutABirthMeetsEveryYearAndOneWithABirthMeetsTheUndated) {
    PersonIndex index(tables());
    ASSERT_TRUE(index.upsert(
        person_from_columns("dated", "Keyla / Marisol | Cux Pop", "2013-02-11", "F", "GT")));
    ASSERT_TRUE(index.upsert(person_from_columns("undated", "Brenda | Chun Tut", "", "F", "GT")));
    ASSERT_TRUE(
        index.upsert(person_from_columns("other", "Brenda | Chun Tut", "2001-05-05", "F", "HN")));
    // Only a name typed into the search screen: found under the year the index holds.
    auto by_name = index.candidates(person_from_columns("", "Keila | Cux Pop", "", "", ""), 5,
                                    kDefaultThreshold);
    ASSERT_TRUE(by_name);
    ASSERT_EQ(by_name->size(), 1u);
    EXPECT_EQ(by_name->front().id, "dated");
    // A name and a date: the person registered without a date is proposed too.
    auto dated =
        index.candidates(person_from_columns("", "Brenda | Chun Tut", "2008-07-01", "F", "GT"), 5,
                         kDefaultThreshold);
    ASSERT_TRUE(dated);
    ASSERT_EQ(dated->size(), 1u);
    EXPECT_EQ(dated->front().id, "undated");
    // Removing the only person of a year leaves nothing to find under it.
    EXPECT_TRUE(index.remove("dated"));
    EXPECT_TRUE(index
                    .candidates(person_from_columns("", "Keila | Cux Pop", "", "", ""), 5,
                                kDefaultThreshold)
                    ->empty());
}

TEST(PersonIndex, LeavesTheQueryItselfOutAndRefusesBadRecords) {
    PersonIndex index(tables());
    const auto p1 = person_from_columns("p1", "Ana | López Pérez", "2011-01-01", "F", "GT");
    ASSERT_TRUE(index.upsert(p1));
    EXPECT_TRUE(index.candidates(p1, 5, 0.0)->empty());
    auto bad = person_from_columns("p2", "Ana | López", "2011-02-30", "F", "GT");
    EXPECT_FALSE(index.upsert(bad));
    EXPECT_FALSE(index.contains("p2"));
    EXPECT_FALSE(index.upsert(person_from_columns("", "Ana | López", "2011", "F", "GT")));
    EXPECT_FALSE(index.candidates(bad, 5, 0.0));
}

TEST(PersonIndex, ReturnsAtMostTopKBestFirst) {
    PersonIndex index(tables());
    for (int i = 0; i < 6; ++i) {
        ASSERT_TRUE(
            index.upsert(person_from_columns("p" + std::to_string(i), "Ana | López Pérez",
                                             "2011-01-0" + std::to_string(i + 1), "F", "GT")));
    }
    auto found = index.candidates(
        person_from_columns("", "Ana | López Pérez", "2011-01-03", "F", "GT"), 3, 0.0);
    ASSERT_EQ(found->size(), 3u);
    EXPECT_EQ(found->front().id, "p2");
    EXPECT_GE((*found)[1].result.score, (*found)[2].result.score);
}

// The index gives up on a candidate as soon as it cannot enter the best top_k found so far;
// the answer must be exactly the first top_k of the whole ranked list, ties included. Many
// people share names and dates here, so that weights tie and the ids decide; the ids fall as
// people are added, so that a later candidate of equal weight must displace an earlier one.
TEST(PersonIndex, TheBestKAreTheFirstKOfTheWholeRanking) {
    PersonIndex index(tables());
    const char* givens[] = {"Ana", "Ana / María", "Anna", "María", "Ana / Sofía"};
    const char* seconds[] = {"García", "Pérez", "", "Ruiz", "Díaz"};
    for (std::size_t i = 0; i < 150; ++i) {
        const std::string surnames = std::string("López ") + seconds[i % 5];
        const std::string birth = "201" + std::to_string(i % 3) + "-0" + std::to_string(i % 4 + 1) +
                                  "-1" + std::to_string(i % 7);
        ASSERT_TRUE(index.upsert(person_from_columns(
            "p" + std::to_string(2000 - i), std::string(givens[i % 5]) + " | " + surnames, birth,
            i % 13 == 0 ? "M" : "F", i % 11 == 0 ? "HN" : "GT")));
    }
    std::size_t compared = 0;
    for (const char* given : {"Ana", "Anna / María", "María", "Ana / Sofía"}) {
        for (const char* birth : {"2011-02-13", "2010", ""}) {
            const auto query =
                person_from_columns("", std::string(given) + " | López García", birth, "F", "GT");
            const auto all = index.candidates(query, 1000, 0.0);
            ASSERT_TRUE(all);
            ASSERT_GT(all->size(), 10u);
            for (std::size_t k : {1u, 3u, 5u, 10u}) {
                const auto top = index.candidates(query, k, 0.0);
                ASSERT_TRUE(top);
                ASSERT_EQ(top->size(), k);
                for (std::size_t i = 0; i < k; ++i) {
                    EXPECT_EQ((*top)[i].id, (*all)[i].id) << given << " " << birth << " " << k;
                    EXPECT_EQ((*top)[i].result.weight, (*all)[i].result.weight);
                }
                ++compared;
            }
        }
    }
    EXPECT_EQ(compared, 48u);
}

TEST(BatchDedup, ReportsEachPairOnceAndAgreesWithTheIndex) {
    BatchDeduplicator batch(tables());
    PersonIndex index(tables());
    const std::vector<PersonRecord> people{
        person_from_columns("a", "María / José | Hernández López", "2011-03-04", "F", "GT"),
        person_from_columns("b", "Majo | López Hernández", "2011-03-04", "F", "GT"),
        person_from_columns("c", "MA. JOSÉ | HERNÁNDEZ L.", "2011-03-04", "F", "GT"),
        person_from_columns("d", "Ana / Sofía | Hernández López", "2012-09-15", "F", "GT"),
        person_from_columns("e", "Pedro | Sánchez", "2009-01-01", "M", "HN"),
    };
    for (const auto& person : people) {
        ASSERT_TRUE(batch.add(person));
        ASSERT_TRUE(index.upsert(person));
    }
    const auto pairs = batch.run(kDefaultThreshold, Threads{2});
    std::vector<std::string> found;
    for (const auto& pair : pairs) {
        found.push_back(std::string(batch.person(pair.a).id()) +
                        std::string(batch.person(pair.b).id()));
    }
    EXPECT_EQ(found, (std::vector<std::string>{"ab", "ac", "bc"}));
    for (const auto& pair : pairs) {
        auto candidates = index.candidates(people[pair.a], 10, kDefaultThreshold);
        bool seen = false;
        for (const auto& c : *candidates) {
            if (c.id == batch.person(pair.b).id()) {
                seen = true;
                EXPECT_DOUBLE_EQ(c.result.weight, pair.result.weight);
            }
        }
        EXPECT_TRUE(seen);
    }
}

// More people with one name and birth year than kSplitBlockSize, each with another second
// surname and birth day: their blocks are split by the other surname, and a record without
// its second surname (part 0) must still meet its match, in the batch and in the index.
TEST(BatchDedup, SplitsALargeBlockAndStillFindsTheMatchesInIt) {
    BatchDeduplicator batch(tables());
    PersonIndex index(tables());
    const char* syllables[] = {"ba", "ce", "di", "fo", "gu", "la", "me", "ni", "po", "ru", "sa"};
    std::vector<PersonRecord> people;
    for (std::size_t i = 0; people.size() < kSplitBlockSize + 20; ++i) {
        const std::string second = std::string(syllables[i % 11]) + syllables[(i / 11) % 11] +
                                   syllables[(i / 121) % 11] + "n";
        const std::string birth = "2011-" + std::string(i % 12 < 9 ? "0" : "") +
                                  std::to_string(i % 12 + 1) + "-" +
                                  std::string(i / 12 < 9 ? "0" : "") + std::to_string(i / 12 + 1);
        people.push_back(person_from_columns("p" + std::to_string(i), "Ana | López " + second,
                                             birth, "F", "GT"));
    }
    const PersonRecord alone = person_from_columns("alone", "Ana | López", "2012-04-01", "F", "GT");
    const std::string match_id = "p3";  // Born 2011-04-01: a year off, a surname missing.
    for (const auto& person : people) {
        ASSERT_TRUE(batch.add(person));
        ASSERT_TRUE(index.upsert(person));
    }
    ASSERT_TRUE(batch.add(alone));
    bool found = false;
    for (const auto& pair : batch.run(kDefaultThreshold, Threads{1})) {
        found = found ||
                (batch.person(pair.a).id() == match_id && batch.person(pair.b).id() == "alone");
    }
    EXPECT_TRUE(found);
    auto candidates = index.candidates(alone, 5, kDefaultThreshold);
    ASSERT_TRUE(candidates);
    ASSERT_FALSE(candidates->empty());
    EXPECT_EQ(candidates->front().id, match_id);
}

// More people with the same names and birth year than kSplitBlockSize: every key puts them in
// one part (the other surname is the same), which is split again by birth month. At threshold 0
// a batch reports every pair it compares, and it compares exactly the pairs that
// meet_in_any_part says meet: the same month, or one birth known only by its year.
TEST(BatchDedup, SplitsALargePartByBirthMonth) {
    BatchDeduplicator batch(tables());
    std::vector<PreparedPerson> people;
    for (std::size_t i = 0; i < kSplitBlockSize + 50; ++i) {
        // Days from 13: no day could be a month, so no key is filed under a second month.
        const std::size_t month = i % 12 + 1;
        const std::size_t day = 13 + (i / 12) % 15;
        const std::string birth = "2011-" + std::string(month < 10 ? "0" : "") +
                                  std::to_string(month) + "-" + std::to_string(day);
        people.push_back(*prepare_person(
            person_from_columns("p" + std::to_string(i), "Ana | López García", birth, "F", "GT"),
            *tables()));
    }
    people.push_back(*prepare_person(
        person_from_columns("year", "Ana | López García", "2011", "F", "GT"), *tables()));
    for (const auto& person : people)
        batch.add(person);
    BatchStats stats;
    std::set<std::pair<std::uint32_t, std::uint32_t>> reported;
    for (const auto& pair : batch.run(0.0, Threads{2}, &stats))
        reported.emplace(pair.a, pair.b);
    std::set<std::pair<std::uint32_t, std::uint32_t>> meeting;
    for (std::uint32_t a = 0; a < people.size(); ++a) {
        for (std::uint32_t b = a + 1; b < people.size(); ++b) {
            if (meet_in_any_part(people[a], people[b]))
                meeting.emplace(a, b);
        }
    }
    EXPECT_EQ(reported, meeting);
    EXPECT_EQ(stats.compared_pairs, reported.size());
    // Split indeed: far fewer pairs than all of them, and the undated one meets everyone.
    EXPECT_LT(reported.size(), people.size() * (people.size() - 1) / 4);
    const auto year_only = static_cast<std::uint32_t>(people.size() - 1);
    for (std::uint32_t a = 0; a < year_only; ++a)
        EXPECT_TRUE(reported.count({a, year_only})) << a;
    EXPECT_FALSE(meet_in_any_part(people[0], people[1]));  // March and April.
    EXPECT_TRUE(meet_in_any_part(people[0], people[12]));  // Both in January.
}

// A large block with part-0 people (one surname only): they meet the people of their own birth
// month and those of unknown month, in every part, and each pair is reported once although the
// part-0 people are met from the other side in any order.
TEST(BatchDedup, ComparesAPartZeroPersonWithItsMonthInALargeBlock) {
    BatchDeduplicator batch(tables());
    std::vector<PreparedPerson> people;
    const char* seconds[] = {"García", "Pérez", "Díaz", "Ruiz", "Castro", "Mora", "Vega"};
    const auto date = [](std::size_t month, std::size_t day) {
        return "2011-" + std::string(month < 10 ? "0" : "") + std::to_string(month) + "-" +
               std::to_string(day);
    };
    for (std::size_t i = 0; i < kSplitBlockSize + 30; ++i) {
        const std::string name = std::string("Ana | López ") + seconds[i % 7];
        people.push_back(
            *prepare_person(person_from_columns("p" + std::to_string(i), name,
                                                date(i % 12 + 1, 13 + i % 15), "F", "GT"),
                            *tables()));
    }
    // Part 0, among the first people and among the last, so that both orders are exercised.
    for (std::size_t month : {1, 5, 12}) {
        auto one = *prepare_person(person_from_columns("z" + std::to_string(month), "Ana | López",
                                                       date(month, 20), "F", "GT"),
                                   *tables());
        people.insert(people.begin() + static_cast<std::ptrdiff_t>(month), one);
        people.push_back(one);
    }
    people.push_back(
        *prepare_person(person_from_columns("year", "Ana | López", "2011", "F", "GT"), *tables()));
    for (const auto& person : people)
        batch.add(person);
    std::set<std::pair<std::uint32_t, std::uint32_t>> reported;
    const auto pairs = batch.run(0.0, Threads{2});
    for (const auto& pair : pairs) {
        EXPECT_LT(pair.a, pair.b);
        reported.emplace(pair.a, pair.b);
    }
    EXPECT_EQ(reported.size(), pairs.size());
    std::set<std::pair<std::uint32_t, std::uint32_t>> meeting;
    for (std::uint32_t a = 0; a < people.size(); ++a) {
        for (std::uint32_t b = a + 1; b < people.size(); ++b) {
            if (meet_in_any_part(people[a], people[b]))
                meeting.emplace(a, b);
        }
    }
    // Every pair that meets is reported; the others only when a part was small enough to be
    // compared whole (each second surname's part here holds under kSplitBlockSize people).
    for (const auto& pair : meeting)
        EXPECT_TRUE(reported.count(pair)) << pair.first << " " << pair.second;
    const auto part_zero = [&](std::uint32_t p) { return people[p].surname_words().size == 1; };
    for (const auto& [a, b] : reported) {
        if (part_zero(a) != part_zero(b)) {
            EXPECT_TRUE(meeting.count({a, b})) << a << " " << b;
        }
    }
    // A part-0 person of May meets none of the people born in March.
    const auto may = static_cast<std::uint32_t>(5);
    ASSERT_EQ(people[may].id(), "z5");
    for (std::uint32_t p = 0; p < people.size(); ++p) {
        if (!part_zero(p) && people[p].birth.birth->month == 3) {
            EXPECT_FALSE(reported.count({std::min(p, may), std::max(p, may)})) << p;
        }
    }
}

// More namesakes than kSplitBlockSize, with part-0 people and birth dates of every precision:
// blocks split by surname and by month.
std::vector<PersonRecord> many_namesakes() {
    const char* seconds[] = {"García", "Pérez", "Díaz", "Ruiz", "Castro", "Mora", "Vega"};
    const char* givens[] = {"Ana", "Ana / María", "Anna", "Ana / Sofía"};
    std::vector<PersonRecord> records;
    for (std::size_t i = 0; i < 3 * kSplitBlockSize; ++i) {
        const std::size_t month = i % 12 + 1;
        std::string birth = std::to_string(2010 + i % 3);
        if (i % 5 != 0)
            birth += std::string(month < 10 ? "-0" : "-") + std::to_string(month);
        if (i % 5 > 1)
            birth += "-" + std::to_string(10 + i % 17);
        const std::string surnames =
            std::string("López") + (i % 9 == 0 ? "" : std::string(" ") + seconds[i % 7]);
        records.push_back(person_from_columns("p" + std::to_string(i),
                                              std::string(givens[i % 4]) + " | " + surnames, birth,
                                              i % 11 == 0 ? "M" : "F", "GT"));
    }
    return records;
}

// A batch compares people in an order of its own, which keeps each block's members together
// in memory (block_order); what it reports must not depend on the order the records came in.
// A block large enough to be split, with part-0 people and dates of every precision, added
// forwards and backwards, gives the same pairs with the same weights.
TEST(BatchDedup, ReportsTheSamePairsWhateverTheOrderOfTheRecords) {
    const std::vector<PersonRecord> records = many_namesakes();
    const auto run = [&](bool backwards) {
        BatchDeduplicator batch(tables());
        for (std::size_t i = 0; i < records.size(); ++i)
            EXPECT_TRUE(batch.add(records[backwards ? records.size() - 1 - i : i]));
        std::map<std::pair<std::string, std::string>, double> found;
        for (const auto& pair : batch.run(kDefaultThreshold, Threads{2})) {
            std::string a(batch.person(pair.a).id());
            std::string b(batch.person(pair.b).id());
            found[{std::min(a, b), std::max(a, b)}] = pair.result.weight;
        }
        return found;
    };
    const auto forwards = run(false);
    EXPECT_GT(forwards.size(), records.size());
    EXPECT_EQ(forwards, run(true));
}

// A run rearranges the people in memory (in the order of their blocks) and must put each back
// at its position: the pairs name people by position.
TEST(BatchDedup, LeavesEachPersonAtItsPositionAndRunsAgainAlike) {
    const std::vector<PersonRecord> records = many_namesakes();
    BatchDeduplicator batch(tables());
    for (const auto& record : records)
        ASSERT_TRUE(batch.add(record));
    const auto first = batch.run(kDefaultThreshold, Threads{2});
    ASSERT_EQ(batch.size(), records.size());
    for (std::size_t i = 0; i < records.size(); ++i)
        ASSERT_EQ(batch.person(i).id(), records[i].id) << "position " << i;
    const auto second = batch.run(kDefaultThreshold, Threads{1});
    ASSERT_EQ(first.size(), second.size());
    for (std::size_t i = 0; i < first.size(); ++i) {
        EXPECT_EQ(first[i].a, second[i].a);
        EXPECT_EQ(first[i].b, second[i].b);
        EXPECT_DOUBLE_EQ(first[i].result.weight, second[i].result.weight);
    }
}

TEST(BlockingKeys, SplitBlocksKeepApartPeopleWhoseOtherSurnameDiffers) {
    const auto keys = [](const char* name, const char* birth) {
        return blocking_keys(
            *prepare_person(person_from_columns("", name, birth, "", ""), *tables()));
    };
    EXPECT_FALSE(meet_in_any_block(keys("Ana | López García", "2011-03-04"),
                                   keys("Ana | López Pérez", "2011-09-20")));
    EXPECT_TRUE(meet_in_any_block(keys("Ana | López García", "2011-03-04"),
                                  keys("Ana | López", "2011-09-20")));
}

TEST(BlockingKeys, TrueMatchesShareAKeyUnderEachKindOfError) {
    const auto key_of = [](const PersonRecord& r) { return *prepare_person(r, *tables()); };
    // However large the blocks: the people share a key, are in the same part of it, and in the
    // same month of a part split again.
    const auto share = [](const PreparedPerson& a, const PreparedPerson& b) {
        return meet_in_any_part(a, b);
    };
    const auto base = key_of(person_from_columns("a", "José | Pérez García", "2009-07-12", "", ""));
    // A nickname, one surname missing, a year off by one.
    EXPECT_TRUE(share(base, key_of(person_from_columns("b", "Chepe | García", "2010", "", ""))));
    // Only an initial for the given name, one surname.
    EXPECT_TRUE(share(base, key_of(person_from_columns("b", "J. | Perez", "2009", "", ""))));
    // Another surname, day and month swapped.
    EXPECT_TRUE(
        share(base, key_of(person_from_columns("b", "Jose | Lopez", "2009-12-07", "", ""))));
    // Day and month swapped and the year off by one: not in the same month, but the surname
    // pair is also filed under the day as a month.
    EXPECT_TRUE(
        share(base, key_of(person_from_columns("b", "José | Pérez García", "2010-12-07", "", ""))));
    // An unknown first name, surnames swapped.
    EXPECT_TRUE(
        share(base, key_of(person_from_columns("b", "Xyz | García Perez", "2009", "", ""))));
    // A typing error in the first letter of the surname.
    EXPECT_TRUE(
        share(base, key_of(person_from_columns("b", "José | Pérez Farcía", "2009", "", ""))));
    // Only an estimated age, a year off.
    EXPECT_TRUE(share(
        base, key_of(person_from_columns("b", "José | Pérez", "age 15 on 2025-03-01", "", ""))));
    // A typing error in the first name and the birth year off by one.
    EXPECT_TRUE(share(base, key_of(person_from_columns("b", "Jsoe | García", "2010", "", ""))));
    // A typing error in the first name and only an estimated age.
    EXPECT_TRUE(share(base, key_of(person_from_columns("b", "Joes | Pérez García",
                                                       "age 16 on 2025-03-01", "", ""))));
    // A typing error in a five-letter surname, only an estimated age.
    const auto lopez =
        key_of(person_from_columns("a", "Ana / María | López", "age 14 on 2024-04-29", "", ""));
    EXPECT_TRUE(share(lopez, key_of(person_from_columns("b", "Ana / María | ópez",
                                                        "age 14 on 2024-04-29", "", ""))));
    // Only an initial for the given name and a misspelt surname, the same birth date.
    EXPECT_TRUE(
        share(base, key_of(person_from_columns("b", "J. | Pérez Grcía", "2009-07-12", "", ""))));
    // Only an initial and a misspelt surname, the estimated age copied from the other record.
    const auto estimated =
        key_of(person_from_columns("a", "Cristian | López", "age 10 on 2024-07-04", "", ""));
    EXPECT_TRUE(share(
        estimated, key_of(person_from_columns("b", "C. | Lóepz", "age 10 on 2024-07-04", "", ""))));
    EXPECT_FALSE(share(base, key_of(person_from_columns("b", "Ana | López", "2001", "", ""))));
}

}  // namespace
}  // namespace retorno::matching
