#include "matching/surname_sketch.h"

#include <algorithm>
#include <cmath>

#include "matching/string_similarity.h"

namespace retorno::matching {

namespace {

// A sketched length is one byte.
static_assert(kComparedLength <= 255);

// The highest rarity a sketch can hold, in sixteenths in a signed byte; a surname rarer than
// that (none is: the weights are at most kRarestNameWeight) is not sketched.
constexpr float kHighestRarity = 127.0f / 16;

std::uint32_t letters_of(std::string_view text) {
    std::uint32_t letters = 0;
    for (const char c : text)
        letters |= std::uint32_t{1} << (static_cast<unsigned char>(c) & 31u);
    return letters;
}

// Whether two texts of these lengths and letters could be at most `distance` edits apart.
// (The letters that differ are counted by clearing the lowest set bit: Debian's baseline
// processor has no population-count instruction, and std::popcount was a library call.)
bool within_edits(unsigned length_a, unsigned length_b, std::uint32_t letters_a,
                  std::uint32_t letters_b, unsigned distance) {
    const unsigned apart = length_a > length_b ? length_a - length_b : length_b - length_a;
    if (apart > distance)
        return false;
    std::uint32_t differing = letters_a ^ letters_b;
    for (unsigned i = 0; i < 2 * distance && differing != 0; ++i)
        differing &= differing - 1;
    return differing == 0;
}

}  // namespace

// Names longer than kComparedLength bytes are compared on their beginning only (edit_distance);
// they are not sketched, so that every bound below is about the very texts that compare_word
// reads.
SurnameSketch::SurnameSketch(const PreparedPerson& person) {
    const Words words = person.surname_words();
    const Words keys = person.surname_keys();
    if (!person.married().empty() || words.size < 1 || words.size > 2 || keys.size != words.size)
        return;
    for (std::size_t i = 0; i < words.size; ++i) {
        if (words[i].size() < 2 || words[i].size() > kComparedLength ||
            keys[i].size() > kComparedLength || person.surname_rarity[i] > kHighestRarity)
            return;
    }
    for (std::size_t i = 0; i < words.size; ++i)
        m_words[i] = sketch_word(words[i], keys[i], person.surname_rarity[i]);
}

SurnameSketch::Word SurnameSketch::sketch_word(std::string_view word, std::string_view key,
                                               float rarity) {
    // Rounded up, so that it bounds the rarity from above; a rarity below the lowest that
    // fits is bounded by the lowest.
    const float sixteenths = std::max(-128.0f, std::ceil(std::min(rarity, kHighestRarity) * 16));
    return Word{letters_of(word), letters_of(key),
                static_cast<std::uint8_t>(std::min(word.size(), kComparedLength)),
                static_cast<std::uint8_t>(std::min(key.size(), kComparedLength)),
                static_cast<std::int8_t>(sixteenths)};
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
    if (shorter < 3)
        return false;
    if (within_edits(a.length, b.length, a.letters, b.letters, shorter >= 7 ? 2 : 1))
        return true;
    return shorter >= 4 && std::min(a.key_length, b.key_length) >= 4 &&
           within_edits(a.key_length, b.key_length, a.key_letters, b.key_letters, 1);
}

// What compare_surnames finds of surnames of two letters or more, without a husband's:
// - two on each side: Exact, Phonetic or Typo when both agree in order, Swapped when both agree
//   crosswise, OneDiffers when any one agrees, else Different;
// - one on each side: Exact, Phonetic or Typo when they agree, else Different;
// - one and two: OneMissing when the one agrees with the first of the two, OnlySecondKept when
//   with the second, else Different.
// And surname_rarity: in order or crosswise, the commoner's rarity of each pair that agrees;
// one and two, the one's own.
SurnameSketch::Possible possible_surnames(const SurnameSketch& a, const SurnameSketch& b) {
    SurnameSketch::Possible possible;
    possible.words_a = a.words();
    possible.words_b = b.words();
    if (possible.words_a == 0 || possible.words_b == 0)
        return possible;
    possible.sketched = true;
    const auto agree = [&](std::size_t i, std::size_t j) {
        return SurnameSketch::may_agree(a.m_words[i], b.m_words[j]);
    };
    const auto rarity = [&](std::size_t i, std::size_t j) {
        return std::min(a.m_words[i].rarity, b.m_words[j].rarity) / 16.0;
    };
    const auto add = [&](SurnameAgreement level, double weight) {
        possible.options[possible.option_count++] = {level, weight};
    };
    if (possible.words_a == 2 && possible.words_b == 2) {
        if (agree(0, 0) && agree(1, 1))
            add(SurnameAgreement::Exact, rarity(0, 0) + rarity(1, 1));
        if (agree(0, 1) && agree(1, 0))
            add(SurnameAgreement::Swapped, rarity(0, 1) + rarity(1, 0));
        if (agree(0, 0) || agree(1, 1) || agree(0, 1) || agree(1, 0))
            possible.otherwise = SurnameAgreement::OneDiffers;
    } else if (possible.words_a == 1 && possible.words_b == 1) {
        if (agree(0, 0))
            add(SurnameAgreement::Exact, rarity(0, 0));
    } else {
        const SurnameSketch& one = possible.words_a == 1 ? a : b;
        const SurnameSketch& two = possible.words_a == 1 ? b : a;
        const double own = one.m_words[0].rarity / 16.0;
        if (SurnameSketch::may_agree(one.m_words[0], two.m_words[0]))
            add(SurnameAgreement::OneMissing, own);
        else if (SurnameSketch::may_agree(one.m_words[0], two.m_words[1]))
            add(SurnameAgreement::OnlySecondKept, own);
    }
    return possible;
}

}  // namespace retorno::matching
