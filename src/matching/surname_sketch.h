#pragma once

#include <array>
#include <cstdint>

#include "matching/field_comparison.h"
#include "matching/person_record.h"

namespace retorno::matching {

// What a screening knows of a person's surnames, in 24 bytes: for each of one or two surnames,
// its length and which letters it has, the same of its phonetic key, and how rare it is. That is
// enough to bound from above what the surnames can add to a pair's weight, without their texts:
// most pairs of a batch share a given name and one surname (they were filed under them
// together) and differ in the other surname, or share common surnames and little else, which
// the scoring would find only after reading both records. The bound rests on two facts about
// compare_word's edits: an edit changes a word's length by at most one, and which letters it
// has by at most two (a substitution takes one away and brings another), so two words at edit
// distance d differ in length by at most d and in at most 2d letters.
//
// Only the common cases are sketched: one or two surnames of 2 to 64 bytes on each side, with
// keys of at most 64 bytes, and no husband's surname; for anyone else everything is possible.
class SurnameSketch {
  public:
    SurnameSketch() = default;
    explicit SurnameSketch(const PreparedPerson& person);

    // An agreement compare_surnames could find, and at least the rarity that surname_rarity
    // would give it.
    struct Option {
        SurnameAgreement level = SurnameAgreement::Different;
        double rarity = 0;
    };
    // What compare_surnames could find between two people, from their sketches: one of the
    // options, or `otherwise` (with no rarity), or something weaker. Symmetric.
    struct Possible {
        bool sketched = false;    // Both are; if not, anything is possible and the rest is unset.
        std::size_t words_a = 0;  // How many surnames each has.
        std::size_t words_b = 0;
        SurnameAgreement otherwise = SurnameAgreement::Different;
        std::array<Option, 2> options{};
        std::size_t option_count = 0;
    };
    friend Possible possible_surnames(const SurnameSketch& a, const SurnameSketch& b);

    // The sketch of one surname; public for the tests, which check may_agree against
    // compare_word.
    struct Word {
        std::uint32_t letters = 0;      // Bit b set when a byte of the word is b modulo 32.
        std::uint32_t key_letters = 0;  // The same of its phonetic key.
        std::uint8_t length = 0;
        std::uint8_t key_length = 0;
        std::int8_t rarity = 0;  // The surname's rarity weight in sixteenths, rounded up.
    };
    static Word sketch_word(std::string_view word, std::string_view key, float rarity);
    // Whether compare_word could find the two words Typo or better, from their sketches.
    static bool may_agree(const Word& a, const Word& b);

  private:
    std::size_t words() const {
        return m_words[0].length == 0 ? 0 : m_words[1].length == 0 ? 1 : 2;
    }

    std::array<Word, 2> m_words{};  // Of length 0 when absent; both when not sketched.
};

}  // namespace retorno::matching
