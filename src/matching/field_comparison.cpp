#include "matching/field_comparison.h"

#include <algorithm>
#include <bitset>
#include <string>

#include "matching/spanish_phonetic.h"
#include "matching/string_similarity.h"

namespace retorno::matching {

namespace {

enum class NameKind { Given, Surname };

struct NameView {
    Words words;
    Words keys;
    NameKind kind;
};

bool gendered_pair(std::string_view a, std::string_view b);

WordAgreement worse(WordAgreement a, WordAgreement b) {
    return std::max(a, b);
}

bool matches(WordAgreement level) {
    return level <= WordAgreement::Typo;
}

// Given names add one rule to compare_word: a masculine and a feminine form never agree.
WordAgreement compare_at(const NameView& a, std::size_t i, const NameView& b, std::size_t j) {
    if (a.kind == NameKind::Given && gendered_pair(a.words[i], b.words[j])) {
        return WordAgreement::Different;
    }
    return compare_word(a.words[i], b.words[j], a.keys[i], b.keys[j]);
}

// Whether every word of `small` agrees (at `limit` or better) with a distinct word of `large`,
// in any order. Names have at most a handful of words, so a greedy scan is enough.
bool each_word_found(const NameView& small, const NameView& large, WordAgreement limit) {
    std::bitset<8> used;
    for (std::size_t i = 0; i < small.words.size; ++i) {
        bool found = false;
        for (std::size_t j = 0; j < large.words.size && !found; ++j) {
            if (!used[j] && compare_at(small, i, large, j) <= limit) {
                used[j] = true;
                found = true;
            }
        }
        if (!found)
            return false;
    }
    return true;
}

bool any_word_found(const NameView& a, const NameView& b) {
    for (std::size_t i = 0; i < a.words.size; ++i) {
        for (std::size_t j = 0; j < b.words.size; ++j) {
            if (matches(compare_at(a, i, b, j)))
                return true;
        }
    }
    return false;
}

GivenAgreement classify_given(const NameView& a, const NameView& b) {
    if (a.words.empty() || b.words.empty())
        return GivenAgreement::Missing;
    const NameView& small = a.words.size <= b.words.size ? a : b;
    const NameView& large = a.words.size <= b.words.size ? b : a;
    WordAgreement worst = WordAgreement::Exact;
    for (std::size_t i = 0; i < small.words.size; ++i) {
        worst = worse(worst, compare_at(small, i, large, i));
    }
    const bool same_count = small.words.size == large.words.size;
    if (matches(worst)) {
        if (!same_count)
            return GivenAgreement::ExtraName;
        if (worst == WordAgreement::Exact)
            return GivenAgreement::Exact;
        return worst == WordAgreement::Phonetic ? GivenAgreement::Phonetic : GivenAgreement::Typo;
    }
    if (worst == WordAgreement::Initial)
        return GivenAgreement::Initials;
    if (each_word_found(small, large, WordAgreement::Typo)) {
        return same_count ? GivenAgreement::Reordered : GivenAgreement::ExtraName;
    }
    if (small.words.size >= 2 && any_word_found(small, large))
        return GivenAgreement::OneInCommon;
    return GivenAgreement::Different;
}

NameView view(std::string_view words, std::string_view keys, NameKind kind) {
    return NameView{split_words(words), split_words(keys), kind};
}

// The given names with the first one replaced by what its nickname stands for.
std::string expanded(const std::string& expansion, const PreparedPerson& person) {
    std::string out = expansion;
    const std::size_t space = person.given().find(' ');
    if (space != std::string::npos)
        out += person.given().substr(space);
    return out;
}

bool nickname_agrees(GivenAgreement level) {
    return level <= GivenAgreement::ExtraName;
}

// "luis" and "luisa", "mario" and "maria", "daniel" and "daniela": the same stem with the
// masculine or feminine ending names a brother or a sister, not a typing error. ("andrea" and
// "andreaa" is a doubled letter: the stem must end in a consonant for an added "a".)
bool gendered_pair(std::string_view a, std::string_view b) {
    if (a.size() > b.size())
        std::swap(a, b);
    const auto vowel = [](char c) {
        return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
    };
    if (b.size() == a.size() + 1 && b.back() == 'a' && !a.empty() && !vowel(a.back()) &&
        b.substr(0, a.size()) == a) {
        return true;
    }
    if (a.size() == b.size() && a.size() >= 3 &&
        a.substr(0, a.size() - 1) == b.substr(0, b.size() - 1)) {
        const char x = a.back();
        const char y = b.back();
        return (x == 'a' && y == 'o') || (x == 'o' && y == 'a');
    }
    return false;
}

// Two neighbouring letters swapped ("naa" for "ana"): a typing error even in a short word.
bool transposed(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    std::size_t i = 0;
    while (i < a.size() && a[i] == b[i])
        ++i;
    return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
           a.substr(i + 2) == b.substr(i + 2);
}

}  // namespace

WordAgreement compare_word(std::string_view a, std::string_view b, std::string_view key_a,
                           std::string_view key_b) {
    if (a == b)
        return WordAgreement::Exact;
    if (a.size() == 1 || b.size() == 1) {
        return a.front() == b.front() ? WordAgreement::Initial : WordAgreement::Different;
    }
    if (key_a == key_b)
        return WordAgreement::Phonetic;
    if (transposed(a, b))
        return WordAgreement::Typo;
    const std::size_t shorter = std::min(a.size(), b.size());
    // Short words: one edit only when the first letters agree ("jua" for "juan"), since
    // "ana" and "eva" are different names.
    if (shorter == 3 && a.front() == b.front() && edit_distance(a, b, 2) <= 1) {
        return WordAgreement::Typo;
    }
    if (shorter >= 4) {
        const std::size_t distance = edit_distance(a, b, 3);
        if (distance <= 1 || (shorter >= 7 && distance <= 2))
            return WordAgreement::Typo;
        if (std::min(key_a.size(), key_b.size()) >= 4 && edit_distance(key_a, key_b, 2) <= 1) {
            return WordAgreement::Typo;
        }
    }
    return WordAgreement::Different;
}

GivenAgreement compare_given(const PreparedPerson& a, const PreparedPerson& b) {
    const NameView va{a.given_words(), a.given_keys(), NameKind::Given};
    const NameView vb{b.given_words(), b.given_keys(), NameKind::Given};
    GivenAgreement best = classify_given(va, vb);
    if (best <= GivenAgreement::Nickname || best == GivenAgreement::Missing)
        return best;
    // Try what each side's first-name nickname stands for, against the other side as written
    // and as expanded.
    std::vector<std::string> a_forms;
    std::vector<std::string> b_forms;
    if (a.first_given_expansions) {
        for (const auto& e : *a.first_given_expansions)
            a_forms.push_back(expanded(e, a));
    }
    if (b.first_given_expansions) {
        for (const auto& e : *b.first_given_expansions)
            b_forms.push_back(expanded(e, b));
    }
    const auto try_pair = [&](std::string_view words_a, std::string_view words_b) {
        const std::string keys_a = spanish_phonetic_keys(words_a);
        const std::string keys_b = spanish_phonetic_keys(words_b);
        return nickname_agrees(classify_given(view(words_a, keys_a, NameKind::Given),
                                              view(words_b, keys_b, NameKind::Given)));
    };
    for (const auto& form : a_forms) {
        if (form != a.given() && try_pair(form, b.given()))
            return GivenAgreement::Nickname;
    }
    for (const auto& form : b_forms) {
        if (form != b.given() && try_pair(a.given(), form))
            return GivenAgreement::Nickname;
    }
    for (const auto& fa : a_forms) {
        for (const auto& fb : b_forms) {
            if ((fa != a.given() || fb != b.given()) && try_pair(fa, fb)) {
                return GivenAgreement::Nickname;
            }
        }
    }
    return best;
}

SurnameAgreement compare_surnames(const PreparedPerson& a, const PreparedPerson& b) {
    const NameView va{a.surname_words(), a.surname_keys(), NameKind::Surname};
    const NameView vb{b.surname_words(), b.surname_keys(), NameKind::Surname};
    if (va.words.empty() || vb.words.empty()) {
        // Known only by a husband's surname on one side is still comparable.
        if (!a.married().empty() || !b.married().empty()) {
            // Falls through to the married check below with whatever is there.
        } else {
            return SurnameAgreement::Missing;
        }
    }
    SurnameAgreement level = SurnameAgreement::Different;
    if (!va.words.empty() && !vb.words.empty()) {
        if (va.words.size == vb.words.size) {
            WordAgreement worst = WordAgreement::Exact;
            for (std::size_t i = 0; i < va.words.size; ++i) {
                worst = worse(worst, compare_at(va, i, vb, i));
            }
            if (worst == WordAgreement::Exact)
                return SurnameAgreement::Exact;
            if (worst == WordAgreement::Phonetic)
                return SurnameAgreement::Phonetic;
            if (worst == WordAgreement::Typo)
                return SurnameAgreement::Typo;
            if (va.words.size == 2) {
                const WordAgreement swapped =
                    worse(compare_at(va, 0, vb, 1), compare_at(va, 1, vb, 0));
                if (swapped <= WordAgreement::Initial)
                    return SurnameAgreement::Swapped;
            }
            if (worst == WordAgreement::Initial)
                return SurnameAgreement::OneMissing;
        } else {
            const NameView& small = va.words.size < vb.words.size ? va : vb;
            const NameView& large = va.words.size < vb.words.size ? vb : va;
            if (each_word_found(small, large, WordAgreement::Initial)) {
                // One surname alone is usually the first (the father's); when it is the
                // other's second surname, it is weaker evidence.
                if (small.words.size == 1 &&
                    compare_at(small, 0, large, 0) > WordAgreement::Initial) {
                    return SurnameAgreement::OnlySecondKept;
                }
                return SurnameAgreement::OneMissing;
            }
        }
        if (any_word_found(va, vb))
            level = SurnameAgreement::OneDiffers;
    }
    // Husbands' surnames are rare; their keys are computed only when there is one.
    if (!a.married().empty() || !b.married().empty()) {
        const std::string married_keys_a = spanish_phonetic_keys(a.married());
        const std::string married_keys_b = spanish_phonetic_keys(b.married());
        const NameView ma = view(a.married(), married_keys_a, NameKind::Surname);
        const NameView mb = view(b.married(), married_keys_b, NameKind::Surname);
        if ((!ma.words.empty() && any_word_found(ma, vb)) ||
            (!mb.words.empty() && any_word_found(mb, va)) ||
            (!ma.words.empty() && !mb.words.empty() && any_word_found(ma, mb))) {
            return SurnameAgreement::Married;
        }
    }
    if (va.words.empty() || vb.words.empty())
        return SurnameAgreement::Missing;
    return level;
}

FieldAgreement compare_gender(Gender a, Gender b) {
    if (a == Gender::Unknown || b == Gender::Unknown)
        return FieldAgreement::Missing;
    return a == b ? FieldAgreement::Same : FieldAgreement::Different;
}

FieldAgreement compare_nationality(std::array<char, 2> a, std::array<char, 2> b) {
    if (a[0] == 0 || b[0] == 0)
        return FieldAgreement::Missing;
    return a == b ? FieldAgreement::Same : FieldAgreement::Different;
}

FieldAgreement compare_free_text(std::string_view a, std::string_view b) {
    if (a.empty() || b.empty())
        return FieldAgreement::Missing;
    return jaro_winkler_at_least(a, b, 0.9) ? FieldAgreement::Same : FieldAgreement::Different;
}

}  // namespace retorno::matching
