#pragma once

#include "matching/fuzzy_date.h"
#include "matching/person_record.h"

namespace retorno::matching {

// How two single words agree, strongest first.
enum class WordAgreement { Exact, Phonetic, Typo, Initial, Different };

// Compares two folded words, given their phonetic keys.
WordAgreement compare_word(std::string_view a, std::string_view b, std::string_view key_a,
                           std::string_view key_b);

// How the given names agree, strongest first.
enum class GivenAgreement {
    Exact,      // "maria jose" and "maria jose".
    Phonetic,   // "yesenia" and "llesenia".
    Typo,       // "fernanda" and "fernada".
    Nickname,   // "majo" and "maria jose"; "chepe luis" and "jose luis".
    ExtraName,  // "maria jose" and "maria", or "guadalupe".
    Initials,   // "j" and "jose".
    Reordered,  // "jose maria" and "maria jose".
    // Two given names or more on each side, one of them in common and the others different:
    // "ose brandon" and "jose brandon" (a typing error that leaves a short word unrecognisable)
    // but also "maria jose" and "maria fernanda" (sisters): weak evidence either way.
    OneInCommon,
    Different,
    Missing,
};

// How the surnames agree, strongest first.
enum class SurnameAgreement {
    Exact,           // "hernandez lopez" both.
    Phonetic,        // "hernandez lopez" and "ernandes lopes".
    Typo,            // "hernandez lopez" and "hernadez lopez".
    Swapped,         // "hernandez lopez" and "lopez hernandez".
    OneMissing,      // "hernandez lopez" and "hernandez", or "hernandez l".
    OnlySecondKept,  // "hernandez lopez" and "lopez": only the second surname recorded.
    Married,         // One is known by a husband's surname that the other records.
    OneDiffers,      // "hernandez lopez" and "hernandez perez": one surname in common only.
    Different,
    Missing,
};

enum class FieldAgreement { Same, Different, Missing };

GivenAgreement compare_given(const PreparedPerson& a, const PreparedPerson& b);
SurnameAgreement compare_surnames(const PreparedPerson& a, const PreparedPerson& b);
FieldAgreement compare_gender(Gender a, Gender b);
// Upper-case alpha-2 codes, zeros when unknown (PreparedPerson::nationality).
FieldAgreement compare_nationality(std::array<char, 2> a, std::array<char, 2> b);
// Mother's name and place of birth: folded text, similar enough (Jaro-Winkler >= 0.9).
FieldAgreement compare_free_text(std::string_view a, std::string_view b);

}  // namespace retorno::matching
