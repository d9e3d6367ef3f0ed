#include "matching/screening_facts.h"

namespace retorno::matching {

namespace {

bool fits(const PartialDate& date) {
    return date.year >= 0 && date.year <= 0xffff && date.month >= 0 && date.month <= 0xff &&
           date.day >= 0 && date.day <= 0xff;
}

}  // namespace

// prepare_person keeps years within kEarliestYear..kLatestYear and ages within 0..120, so each
// fits its field; anything else is marked unscreened rather than cut.
ScreeningFacts::ScreeningFacts(const PreparedPerson& person)
    : m_gender(person.gender), m_nationality(person.nationality), m_surnames(person) {
    const BirthEvidence& evidence = person.birth;
    if ((evidence.birth && !fits(*evidence.birth)) ||
        (evidence.age_estimate_date && !fits(*evidence.age_estimate_date)) ||
        (evidence.age_estimate && (*evidence.age_estimate < 0 || *evidence.age_estimate > 0xff))) {
        m_flags = kUnscreened;
        return;
    }
    if (evidence.birth) {
        m_flags |= kBirth;
        m_birth_year = static_cast<std::uint16_t>(evidence.birth->year);
        m_birth_month = static_cast<std::uint8_t>(evidence.birth->month);
        m_birth_day = static_cast<std::uint8_t>(evidence.birth->day);
    }
    if (evidence.age_estimate) {
        m_flags |= kAge;
        m_age = static_cast<std::uint8_t>(*evidence.age_estimate);
    }
    if (evidence.age_estimate_date) {
        m_flags |= kAgeDate;
        m_age_date_year = static_cast<std::uint16_t>(evidence.age_estimate_date->year);
        m_age_date_month = static_cast<std::uint8_t>(evidence.age_estimate_date->month);
        m_age_date_day = static_cast<std::uint8_t>(evidence.age_estimate_date->day);
    }
    if (!person.mother_name().empty())
        m_flags |= kMother;
    if (!person.birth_place().empty())
        m_flags |= kPlace;
}

BirthEvidence ScreeningFacts::birth() const {
    BirthEvidence evidence;
    if ((m_flags & kBirth) != 0)
        evidence.birth = PartialDate{m_birth_year, m_birth_month, m_birth_day};
    if ((m_flags & kAge) != 0)
        evidence.age_estimate = m_age;
    if ((m_flags & kAgeDate) != 0)
        evidence.age_estimate_date = PartialDate{m_age_date_year, m_age_date_month, m_age_date_day};
    return evidence;
}

}  // namespace retorno::matching
