#pragma once

#include <array>
#include <cstdint>

#include "matching/field_comparison.h"
#include "matching/person_record.h"

namespace retorno::matching {

// What a screening knows of a person's surnames, in 24 bytes: for each of two surnames, its
// length and which letters it has, and the same of its phonetic key. That is enough to bound
// from above how well two people's surnames agree, without their texts: most pairs of a batch
// share a given name and one surname (they were filed under them together) and differ in the
// other surname, which the scoring would find only after reading both records. The bound
// rests on two facts about compare_word's edits: an edit changes a word's length by at most
// one, and which letters it has by at most two (a substitution takes one away and brings
// another), so two words at edit distance d differ in length by at most d and in at most 2d
// letters.
//
// Only the commonest case is sketched: two surnames of 2 to 64 bytes on each side, with keys
// of at most 64 bytes, and no husband's surname; for anyone else the bound is Exact, which
// rules nothing out.
class SurnameSketch {
  public:
    SurnameSketch() = default;
    explicit SurnameSketch(const PreparedPerson& person);

    // The strongest agreement compare_surnames could find between the two people:
    // Exact when their surnames could agree in order or swapped, or when either is not
    // sketched; OneDiffers when only one surname could agree; else Different. Symmetric.
    friend SurnameAgreement best_surname_agreement(const SurnameSketch& a, const SurnameSketch& b);

    // Whether compare_word could find the two words Typo or better, from their sketches.
    // Public for the tests, which check it against compare_word.
    struct Word {
        std::uint32_t letters = 0;      // Bit b set when a byte of the word is b modulo 32.
        std::uint32_t key_letters = 0;  // The same of its phonetic key.
        std::uint8_t length = 0;
        std::uint8_t key_length = 0;
    };
    static Word sketch_word(std::string_view word, std::string_view key);
    static bool may_agree(const Word& a, const Word& b);

  private:
    bool sketched() const { return m_words[0].length != 0; }

    std::array<Word, 2> m_words{};  // Both of length 0 when not sketched.
};

}  // namespace retorno::matching
