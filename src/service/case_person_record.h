#pragma once

#include "domain/case.h"
#include "matching/person_record.h"

namespace retorno {

// The child of a case as the matcher reads it: the HTCDS person fields, the first citizenship as
// the nationality, and the case id as the record's id.
matching::PersonRecord person_record_of_case(const Case& c);

// A person as the matcher reads it, under a given record id (the CLI's labelled sets use it too).
matching::PersonRecord person_record_of(const Person& p, std::string id);

}  // namespace retorno
