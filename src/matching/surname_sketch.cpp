#include "matching/surname_sketch.h"

#include <algorithm>
#include <bit>

namespace retorno::matching {

namespace {

// Names are compared on their first 64 bytes (edit_distance); longer ones are not sketched, so
// that every bound below is about the very texts that compare_word reads.
constexpr std::size_t kLongestSketched = 64;

std::uint32_t letters_of(std::string_view text) {
    std::uint32_t letters = 0;
    for (const char c : text)
        letters |= std::uint32_t{1} << (static_cast<unsigned char>(c) & 31u);
    return letters;
}

// The least edit distance that two texts of these lengths and letters can be apart.
unsigned least_distance(unsigned length_a, unsigned length_b, std::uint32_t letters_a,
                        std::uint32_t letters_b) {
    const unsigned apart = length_a > length_b ? length_a - length_b : length_b - length_a;
    const unsigned by_letters =
        (static_cast<unsigned>(std::popcount(letters_a ^ letters_b)) + 1) / 2;
    return std::max(apart, by_letters);
}

}  // namespace

SurnameSketch::SurnameSketch(const PreparedPerson& person) {
    const Words words = person.surname_words();
    const Words keys = person.surname_keys();
    if (!person.married().empty() || words.size != 2 || keys.size != 2)
        return;
    for (std::size_t i = 0; i < 2; ++i) {
        if (words[i].size() < 2 || words[i].size() > kLongestSketched ||
            keys[i].size() > kLongestSketched)
            return;
    }
    m_words = {sketch_word(words[0], keys[0]), sketch_word(words[1], keys[1])};
}

SurnameSketch::Word SurnameSketch::sketch_word(std::string_view word, std::string_view key) {
    return Word{letters_of(word), letters_of(key),
                static_cast<std::uint8_t>(std::min(word.size(), kLongestSketched)),
                static_cast<std::uint8_t>(std::min(key.size(), kLongestSketched))};
}

// Each way compare_word finds two words of two letters or more Typo or better, and what it
// needs of their sketches: equal words or keys, or two letters transposed, need the same
// length and letters; a three-letter word one edit; longer words one edit, two from seven
// letters, or keys of four letters or more one edit apart.
bool SurnameSketch::may_agree(const Word& a, const Word& b) {
    if (a.length == b.length && a.letters == b.letters)
        return true;
    if (a.key_length == b.key_length && a.key_letters == b.key_letters)
        return true;
    const unsigned shorter = std::min(a.length, b.length);
    const unsigned words = least_distance(a.length, b.length, a.letters, b.letters);
    if (shorter == 3)
        return words <= 1;
    if (shorter < 4)
        return false;
    if (words <= 1 || (shorter >= 7 && words <= 2))
        return true;
    return std::min(a.key_length, b.key_length) >= 4 &&
           least_distance(a.key_length, b.key_length, a.key_letters, b.key_letters) <= 1;
}

// compare_surnames on two surnames each: Exact, Phonetic or Typo when both agree in order;
// Swapped when both agree crosswise; OneDiffers when any one agrees; else Different.
SurnameAgreement best_surname_agreement(const SurnameSketch& a, const SurnameSketch& b) {
    if (!a.sketched() || !b.sketched())
        return SurnameAgreement::Exact;
    const auto agree = [&](std::size_t i, std::size_t j) {
        return SurnameSketch::may_agree(a.m_words[i], b.m_words[j]);
    };
    const bool in_order = agree(0, 0) && agree(1, 1);
    const bool crosswise = agree(0, 1) && agree(1, 0);
    if (in_order || crosswise)
        return SurnameAgreement::Exact;
    if (agree(0, 0) || agree(1, 1) || agree(0, 1) || agree(1, 0))
        return SurnameAgreement::OneDiffers;
    return SurnameAgreement::Different;
}

}  // namespace retorno::matching
