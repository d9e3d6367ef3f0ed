#pragma once

#include <string>

#include "core/error.h"
#include "core/time.h"
#include "matching/person_record.h"

namespace retorno {

// A person as typed into the search-or-create screen (or sent to
// GET /api/v1/persons/candidates): the HTCDS fields of a person, as text, and how many
// candidates to answer. Empty text means not given.
struct PersonQuery {
    std::string first_name;         // prs_FirstName
    std::string middle_name;        // prs_MiddleName
    std::string second_name;        // prs_SecondName: both surnames
    std::string birthdate;          // prs_Birthdate: YYYY, YYYY-MM or YYYY-MM-DD
    std::string gender;             // prs_Gender: an HTCDS value
    std::string nationality;        // prs_Nationality: ISO 3166-1 alpha-2
    std::string age_estimate;       // whole years, with age_estimate_date
    std::string age_estimate_date;  // YYYY-MM-DD
    int limit = 10;
};

inline constexpr int kMaxPersonCandidates = 50;

// Checks a query and makes it the matcher's record. A refusal is InvalidInput whose field is
// the HTCDS name of the field ("prs_Birthdate", "limit"), for the caller to turn into a query
// parameter or a form field: no name at all, a name longer than kMaxNameLength bytes or not
// UTF-8, an impossible date, a birth date in the future or more than 120 years before `today`,
// a gender outside the HTCDS vocabulary, an unknown country, an estimated age that is not
// 0–25 or comes without its date, a limit outside 1–kMaxPersonCandidates.
Result<matching::PersonRecord> person_record_of_query(const PersonQuery& query, Date today);

}  // namespace retorno
