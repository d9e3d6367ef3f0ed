#include "synthetic/surname_tail.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <string_view>

#include "synthetic/random.h"
#include "synthetic/text.h"

namespace retorno::synthetic {

namespace {

// Syllables in Spanish spelling. An onset is optional only at the start of the word; "ñ" and
// "rr" only come inside it. A syllable may close with a coda only before a plain consonant
// ("Al-va-", "Car-mo-"), never before "ll", "rr", "ñ" or a cluster ("Rarllález").
constexpr std::array<std::string_view, 24> kFirstOnsets{
    "",  "b", "c", "ch", "d", "f", "g",  "j",  "l",  "ll", "m",  "n",
    "p", "r", "s", "t",  "v", "z", "br", "cr", "gr", "pr", "tr", "bl"};
constexpr std::array<std::string_view, 22> kInnerOnsets{"b", "c", "ch", "d",  "g",  "j",  "l", "ll",
                                                        "m", "n", "ñ",  "p",  "r",  "rr", "s", "t",
                                                        "v", "z", "br", "dr", "gr", "tr"};
constexpr std::array<std::string_view, 10> kOnsetsAfterCoda{"b", "c", "ch", "d", "g",
                                                            "j", "m", "p",  "t", "v"};
constexpr std::array<std::string_view, 8> kVowels{"a", "a", "a", "e", "e", "i", "o", "u"};
constexpr std::array<char, 4> kCodas{'n', 'l', 'r', 's'};

// The endings of surnames, each opening with a consonant, with where the stress falls: after
// a vowel, "n" or "s" on the syllable before the ending (no written accent); after "z" on the
// syllable before too, which then needs its accent ("Méndez"); "ón" and "án" carry their own;
// "l" and "r" are stressed where they stand.
struct Ending {
    std::string_view text;
    bool accent_before = false;
};
constexpr std::array<Ending, 30> kEndings{{
    {"do"},  {"da"},        {"ro"},        {"ra"},        {"no"},         {"na"},
    {"llo"}, {"lla"},       {"rra"},       {"to"},        {"les"},        {"nes"},
    {"res"}, {"dez", true}, {"nez", true}, {"rez", true}, {"guez", true}, {"lez", true},
    {"rón"}, {"dón"},       {"llón"},      {"rán"},       {"gán"},        {"ral"},
    {"dal"}, {"val"},       {"dar"},       {"gar"},       {"bel"},        {"via"},
}};

template <typename T, std::size_t N>
const T& one_of(Random& random, const std::array<T, N>& items) {
    return items[random.below(N)];
}

// A syllable closed by a coda only where the next onset allows it, and never with the letter
// that its own onset already has ("Blal").
void add_syllable(Random& random, std::string& word, std::string_view onset, std::string_view vowel,
                  std::string_view next_onset) {
    word += onset;
    word += vowel;
    if (random.chance(0.25) && std::find(kOnsetsAfterCoda.begin(), kOnsetsAfterCoda.end(),
                                         next_onset) != kOnsetsAfterCoda.end()) {
        char coda = one_of(random, kCodas);
        if (onset.find(coda) == std::string_view::npos)
            word += coda;
    }
}

std::string candidate(Random& random) {
    const Ending& ending = one_of(random, kEndings);
    const bool three = !ending.accent_before && random.chance(0.3);  // "Torivera" by "Rivera"
    std::string_view first = one_of(random, kFirstOnsets);
    std::string_view second = one_of(random, kInnerOnsets);
    std::string_view third = one_of(random, kInnerOnsets);
    std::string_view last_vowel = one_of(random, kVowels);
    std::string word;
    add_syllable(random, word, first, one_of(random, kVowels), second);
    if (three) {
        add_syllable(random, word, second, one_of(random, kVowels), third);
        word += third;
    } else {
        word += second;
    }
    word += ending.accent_before ? with_accent(last_vowel) : last_vowel;
    word += ending.text;
    word[0] = static_cast<char>(word[0] - 'a' + 'A');  // every onset and vowel above is ASCII
    return word;
}

// Compared without accents and case: a synthetic "Lopez" would be López.
std::string folded(std::string_view name) {
    return upper_case(without_accents(name));
}

}  // namespace

std::vector<std::string> synthetic_surnames(std::size_t count,
                                            const std::vector<std::string>& named) {
    std::set<std::string, std::less<>> taken;
    for (const auto& name : named)
        taken.insert(folded(name));
    Random random(0x5355524e414d4553);  // a fixed seed: the pool is part of the name data
    std::vector<std::string> out;
    out.reserve(count);
    while (out.size() < count) {
        std::string word = candidate(random);
        if (taken.insert(folded(word)).second)
            out.push_back(std::move(word));
    }
    return out;
}

void extend_surnames_with_tail(NameTables& tables) {
    std::vector<std::string> named;
    std::size_t longest_tail = 0;
    for (const auto& [code, names] : tables.countries) {
        for (const auto& s : names.surnames)
            named.push_back(s.value);
        if (names.surnames.size() < kSurnameRanks)
            longest_tail = std::max(longest_tail, kSurnameRanks - names.surnames.size());
    }
    const std::vector<std::string> pool = synthetic_surnames(longest_tail, named);
    for (auto& [code, names] : tables.countries) {
        if (names.surnames.empty() || names.surnames.size() >= kSurnameRanks)
            continue;
        // Each country starts the pool at its own place, so that the synthetic surnames common
        // in one country are rare in another.
        std::uint64_t state = static_cast<unsigned char>(code[0]) * 256u +
                              static_cast<unsigned char>(code.size() > 1 ? code[1] : 0);
        std::size_t start = static_cast<std::size_t>(splitmix64(state) % pool.size());
        const double top = names.surnames.front().weight;
        for (std::size_t rank = names.surnames.size() + 1; rank <= kSurnameRanks; ++rank) {
            std::size_t at = (start + rank) % pool.size();
            names.surnames.push_back(
                Weighted{pool[at], top * std::pow(static_cast<double>(rank), -kSurnameExponent)});
        }
    }
}

}  // namespace retorno::synthetic
