#pragma once

#include <array>
#include <cstdint>

#include "matching/fuzzy_date.h"
#include "matching/person_record.h"
#include "matching/surname_sketch.h"

namespace retorno::matching {

// What the first stage of score_pair_at_least reads of a person: the birth evidence, the
// gender, the nationality, and whether the mother's name and the place of birth are known,
// packed in 14 bytes; and a sketch of the surnames (SurnameSketch) that bounds what the second
// stage can find, in 24 more. A batch keeps them in an array of their own, in the order of its
// blocks, so that the pairs given up at the first stage, or after the surnames, are decided
// from a few neighbouring bytes instead of two people's records scattered over a gigabyte (at
// a million people, nine pairs in ten that the batch compares; see docs/matching.md).
// Lossless: birth() gives back the person's BirthEvidence exactly. A person whose dates or age
// do not fit (never one made by prepare_person, which refuses absurd years and ages) is marked
// unscreened, and may_reach then leaves the pair to score_pair_at_least.
class ScreeningFacts {
  public:
    ScreeningFacts() = default;
    explicit ScreeningFacts(const PreparedPerson& person);

    BirthEvidence birth() const;
    Gender gender() const { return m_gender; }
    std::array<char, 2> nationality() const { return m_nationality; }
    bool has_mother_name() const { return (m_flags & kMother) != 0; }
    bool has_birth_place() const { return (m_flags & kPlace) != 0; }
    bool screened() const { return (m_flags & kUnscreened) == 0; }
    const SurnameSketch& surnames() const { return m_surnames; }

  private:
    enum Flag : std::uint8_t {
        kBirth = 1,
        kAge = 2,
        kAgeDate = 4,
        kMother = 8,
        kPlace = 16,
        kUnscreened = 32,
    };
    std::uint16_t m_birth_year = 0;
    std::uint16_t m_age_date_year = 0;
    std::uint8_t m_birth_month = 0;
    std::uint8_t m_birth_day = 0;
    std::uint8_t m_age_date_month = 0;
    std::uint8_t m_age_date_day = 0;
    std::uint8_t m_age = 0;
    std::uint8_t m_flags = 0;
    Gender m_gender = Gender::Unknown;
    std::array<char, 2> m_nationality{};
    SurnameSketch m_surnames;
};
static_assert(sizeof(ScreeningFacts) == 40);

}  // namespace retorno::matching
