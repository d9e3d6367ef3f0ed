#pragma once

#include "domain/case.h"
#include "matching/person_record.h"

namespace retorno {

// The child of a case as the matcher reads it: the HTCDS person fields, the first citizenship as
// the nationality, and the case id as the record's id.
matching::PersonRecord person_record_of_case(const Case& c);

}  // namespace retorno
