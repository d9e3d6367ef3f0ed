#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <boost/json/fwd.hpp>

#include "core/time.h"
#include "domain/person.h"
#include "domain/victim_context.h"
#include "synthetic/name_tables.h"
#include "synthetic/random.h"

namespace retorno::synthetic {

// One synthetic child victim as a case is opened for them: the person, what is known of the
// trafficking, where they come from (ORIG) and where they were found (DEST).
struct SyntheticCase {
    Person person;
    VictimContext victim;
    std::string origin_country;       // ISO 3166-1 alpha-2; the child's nationality
    std::string destination_country;  // where the child was identified; equal for internal cases
    Date identified_on;
};

// Identification dates fall in this fixed window, so that output never depends on today's date
// and every generated date is in the past.
inline constexpr Date kFirstIdentification{std::chrono::year{2022}, std::chrono::January,
                                           std::chrono::day{1}};
inline constexpr Date kLastIdentification{std::chrono::year{2025}, std::chrono::June,
                                          std::chrono::day{30}};

// Realistic synthetic cases, reproducible from the seed: the same seed gives the same sequence
// of cases on every platform and library version (the generator uses its own PRNG and no
// std:: distribution). Children are 8 to 17 years old on the identification day; about 15% have
// no known birth date and an age estimate instead. Every value is valid in the HTCDS
// vocabularies and the ISO tables.
class Generator {
  public:
    explicit Generator(std::uint64_t seed);

    SyntheticCase next_case();
    // A person of the given nationality (alpha-2), or of one drawn from the regional flows when
    // empty, identified on a day inside the window. Unknown nationalities fall back to the draw.
    Person next_person(std::string_view nationality = {});

  private:
    Person person_identified_on(std::string_view nationality, Date identified_on);
    VictimContext victim_for(const Person& person, Date identified_on);
    std::string draw_nationality();
    std::string draw_destination(std::string_view origin);
    Date draw_identification_day();

    Random m_random;
    const NameTables& m_names;
};

// The body that `POST /api/v1/cases` accepts:
// {"person": {...}, "victim": {...}, "origin_country": "GT", "destination_country": "MX"}.
boost::json::object case_to_json(const SyntheticCase& synthetic_case);

}  // namespace retorno::synthetic
