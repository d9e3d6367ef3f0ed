#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "matching/field_comparison.h"
#include "matching/name_tables.h"
#include "matching/spanish_phonetic.h"
#include "matching/surname_sketch.h"
#include "matching/text_fold.h"
#include "table_file.h"

namespace retorno::matching {
namespace {

// The surnames of the name-frequency table, folded, commonest first: real ones and the
// synthetic generator's.
std::vector<std::string> surnames_of_the_frequency_table() {
    std::ifstream in(std::string(RETORNO_SOURCE_ROOT) + "/matching/name_frequencies.tsv");
    std::vector<std::string> surnames;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("surname\t", 0) != 0)
            continue;
        const std::string name = line.substr(8, line.find('\t', 8) - 8);
        auto folded = fold_text(name);
        EXPECT_TRUE(folded) << name;
        if (folded)
            surnames.push_back(*folded);
    }
    return surnames;
}

// The word with one typing error of each kind at each place: a letter left out, two
// neighbours swapped, a letter replaced or added (by letters that Spanish names confuse).
std::vector<std::string> one_edit_away(const std::string& word) {
    static const std::string kLetters = std::string("aeiosnrlzbvhy") + kEnye;
    std::vector<std::string> out;
    for (std::size_t i = 0; i < word.size(); ++i) {
        out.push_back(word.substr(0, i) + word.substr(i + 1));
        if (i + 1 < word.size()) {
            std::string swapped = word;
            std::swap(swapped[i], swapped[i + 1]);
            out.push_back(swapped);
        }
        for (const char c : kLetters) {
            std::string replaced = word;
            replaced[i] = c;
            out.push_back(replaced);
            out.push_back(word.substr(0, i) + c + word.substr(i));
        }
    }
    return out;
}

// Counts, over pairs of words, how often compare_word found them Typo or better, and how often
// the sketches ruled out a pair that it found different; fails on a pair that agrees although
// the sketches ruled it out.
struct Tally {
    std::size_t agreeing = 0;
    std::size_t different = 0;
    std::size_t ruled_out = 0;

    void check(const std::string& a, const std::string& b) {
        if (a.size() < 2 || b.size() < 2)
            return;  // Initials are never sketched.
        const std::string key_a = spanish_phonetic_key(a);
        const std::string key_b = spanish_phonetic_key(b);
        const bool agree = compare_word(a, b, key_a, key_b) <= WordAgreement::Typo;
        const bool may = SurnameSketch::may_agree(SurnameSketch::sketch_word(a, key_a, 0),
                                                  SurnameSketch::sketch_word(b, key_b, 0));
        EXPECT_EQ(may, SurnameSketch::may_agree(SurnameSketch::sketch_word(b, key_b, 0),
                                                SurnameSketch::sketch_word(a, key_a, 0)))
            << a << " " << b;
        if (agree) {
            ++agreeing;
            ASSERT_TRUE(may) << folded_to_utf8(a) << " and " << folded_to_utf8(b)
                             << " agree, but their sketches say they cannot";
        } else {
            ++different;
            ruled_out += may ? 0 : 1;
        }
    }
};

// A word and any typing error of it, one edit away or two (for the longer words, which
// compare_word forgives two): whenever compare_word finds them alike, the sketches allow it.
TEST(SurnameSketch, NeverRulesOutAWordWithATypingError) {
    const auto surnames = surnames_of_the_frequency_table();
    ASSERT_GT(surnames.size(), 1000u);
    std::mt19937 random(11);
    Tally tally;
    for (std::size_t s = 0; s < surnames.size(); s += 3) {
        const std::string& surname = surnames[s];
        const auto once = one_edit_away(surname);
        for (const auto& variant : once)
            tally.check(surname, variant);
        if (surname.size() < 7)
            continue;
        // Two edits: a sample of the single-edit variants, each edited once more.
        for (int n = 0; n < 20; ++n) {
            const auto twice = one_edit_away(once[random() % once.size()]);
            tally.check(surname, twice[random() % twice.size()]);
        }
    }
    // Both outcomes occur: most errors leave the words alike, some (in short words) do not.
    EXPECT_GT(tally.agreeing, 50000u);
    EXPECT_GT(tally.different, 100u);
}

// Different surnames: the sketches rule out most pairs that compare_word finds different (what
// makes them worth having), and never one that it finds alike.
TEST(SurnameSketch, RulesOutMostPairsOfDifferentSurnames) {
    const auto surnames = surnames_of_the_frequency_table();
    const std::size_t n = std::min<std::size_t>(surnames.size(), 600);
    Tally tally;
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < n; ++j)
            tally.check(surnames[i], surnames[j]);
    }
    EXPECT_GE(tally.agreeing, n);
    EXPECT_GT(tally.ruled_out, tally.different * 8 / 10)
        << tally.ruled_out << " of " << tally.different << " different pairs ruled out";
}

// Whether compare_surnames' finding is one of the possibilities, or weaker (the rarities are
// checked with the weights, in Scoring.TheScreeningFactsGiveUpOnlyPairsThatCannotReachTheMinimum
// and BatchDedup.ScoresEveryPairThatMeetsAsScorePairDoes).
bool within(const SurnameSketch::Possible& possible, SurnameAgreement found) {
    if (!possible.sketched || found >= possible.otherwise)
        return true;
    for (std::size_t i = 0; i < possible.option_count; ++i) {
        if (found >= possible.options[i].level)
            return true;
    }
    return false;
}

// People with one or two surnames each, made of common surnames and their typing errors: what
// compare_surnames finds is always among the possibilities that the sketches allow, and they
// often rule out every agreement.
TEST(SurnameSketch, BoundsWhatCompareSurnamesFinds) {
    const auto tables = *NameTables::standard();
    const auto surnames = surnames_of_the_frequency_table();
    std::vector<std::string> words(surnames.begin(), surnames.begin() + 8);
    for (std::size_t i = 0; i < 4; ++i) {
        const auto variants = one_edit_away(surnames[i]);
        for (std::size_t v = 0; v < variants.size(); v += 61)
            words.push_back(variants[v]);
    }
    std::vector<PreparedPerson> people;
    for (std::size_t i = 0; i < words.size(); ++i) {
        // Every other second surname, and none.
        for (std::size_t j = 0; j < words.size() + 2; j += 2) {
            const std::string second = j < words.size() ? " " + folded_to_utf8(words[j]) : "";
            auto person = prepare_person(
                testing::person_from_columns("p", "ana | " + folded_to_utf8(words[i]) + second,
                                             "2010", "F", "GT"),
                *tables);
            ASSERT_TRUE(person);
            people.push_back(std::move(*person));
        }
    }
    std::size_t ruled_out = 0;  // Pairs whose sketches allow no agreement at all.
    std::size_t one_surname = 0;
    for (const auto& a : people) {
        const SurnameSketch sketch_a(a);
        for (const auto& b : people) {
            const auto found = compare_surnames(a, b);
            const auto possible = possible_surnames(sketch_a, SurnameSketch(b));
            ASSERT_TRUE(possible.sketched);
            ASSERT_TRUE(within(possible, found))
                << a.surnames() << " / " << b.surnames() << ": the sketches rule out the finding";
            ruled_out += possible.option_count == 0 ? 1 : 0;
            one_surname += possible.words_a == 1 || possible.words_b == 1 ? 1 : 0;
        }
    }
    EXPECT_GT(ruled_out, people.size() * people.size() / 4);
    EXPECT_GT(one_surname, people.size());
}

// Only one or two surnames of two letters or more, and no husband's surname, are sketched;
// for anyone else everything is possible.
TEST(SurnameSketch, LeavesOtherPeopleUnbounded) {
    const auto tables = *NameTables::standard();
    const auto person = [&](const std::string& name) {
        return *prepare_person(testing::person_from_columns("p", name, "2010", "F", "GT"), *tables);
    };
    const SurnameSketch two(person("ana | lopez perez"));
    const auto apart = possible_surnames(two, SurnameSketch(person("ana | xol tzul")));
    EXPECT_TRUE(apart.sketched);
    EXPECT_EQ(apart.option_count, 0u);
    EXPECT_EQ(apart.otherwise, SurnameAgreement::Different);
    const auto one = possible_surnames(two, SurnameSketch(person("ana | perez")));
    ASSERT_EQ(one.option_count, 1u);
    EXPECT_EQ(one.options[0].level, SurnameAgreement::OnlySecondKept);
    for (const char* name :
         {"ana | lopez p", "ana | xol tzul cac", "ana | xol viuda de tzul", "ana"}) {
        EXPECT_FALSE(possible_surnames(two, SurnameSketch(person(name))).sketched) << name;
    }
}

}  // namespace
}  // namespace retorno::matching
