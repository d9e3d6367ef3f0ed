#pragma once

#include <functional>
#include <istream>
#include <string>

#include "core/error.h"
#include "matching/person_record.h"

namespace retorno::matching {

// Reads a persons CSV (header `id,prs_FirstName,prs_MiddleName,prs_SecondName,prs_Birthdate,
// prs_Gender,prs_Nationality`, in any order, optionally followed by `age_estimate,
// age_estimate_date,mother_name,birth_place`) and calls `row` with each record and the line it
// starts on. Refuses, with "origin:line: reason": a missing, repeated or unknown column; a row
// with fewer or more fields than the header; an empty or repeated id; anything CsvReader
// refuses; and whatever `row` refuses (its message is prefixed with the place). Nothing is
// skipped: every row reaches `row` or the whole read fails.
Status read_person_csv(std::istream& in, const std::string& origin,
                       const std::function<Status(PersonRecord&&, std::size_t line)>& row);

}  // namespace retorno::matching
