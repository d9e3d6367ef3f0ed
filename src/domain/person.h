#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/json/fwd.hpp>

#include "core/error.h"
#include "core/time.h"

namespace retorno {

// A child or adolescent, with the HTCDS 2.0 person fields (`prs_`) that a return needs. Names
// follow HTCDS: `second_name` holds both surnames together ("Hernández López").
struct Person {
    std::string first_name;         // prs_FirstName
    std::string middle_name;        // prs_MiddleName
    std::string second_name;        // prs_SecondName
    std::optional<Date> birthdate;  // prs_Birthdate
    // When the birth date is unknown: an age estimated on a given day. A person whose age is
    // not verified is treated as a child (Palermo Protocol art. 6(4) commentary).
    std::optional<int> age_estimate;
    std::optional<Date> age_estimate_date;
    // Set only by the identity_verification step, never by the party that opens a case.
    bool age_verified = false;
    std::string gender;                    // prs_Gender (HTCDS value name)
    std::vector<std::string> citizenship;  // prs_Citizenship, ISO 3166-1 alpha-2
    std::string primary_language;          // prs_PrimaryLanguage, ISO 639
    std::string secondary_language;        // prs_SecondaryLanguage, ISO 639
    std::string identity_number;           // prs_IdentityNumber
    std::string mailing_city;              // prs_MailingCity
    std::string mailing_state;             // prs_MailingState
    std::string mailing_country;           // prs_MailingCountry, ISO 3166-1 alpha-2

    // The age on a day, from the birth date or else from the estimate; nullopt when unknown.
    std::optional<int> age_on(Date day) const;
};

// Limits that keep a record readable and an attacker from filling the disk with one name.
inline constexpr std::size_t kMaxNameLength = 200;

// Decodes the `person` object of a request; every field error names its JSON Pointer.
Result<Person> person_from_json(const boost::json::object& object, const std::string& pointer);
boost::json::object person_to_json(const Person& person);
// Reads back what person_to_json wrote, age_verified included, without validating it again
// (see core/stored_json.h); throws on a document of the wrong shape.
Person person_from_document(const boost::json::object& object);

}  // namespace retorno
