#pragma once

#include <string>
#include <vector>

#include "core/id.h"
#include "core/time.h"

namespace retorno {

// A case made visible to an institution that is not otherwise a party to it: explicitly, for a
// purpose, under a consent or legal basis, limited to some sensitivity categories.
struct CaseShare {
    Id id;
    Id case_id;
    Id institution_id;
    std::string purpose;
    std::string legal_basis;
    std::vector<std::string> categories;  // names of access::Category
    std::string shared_by_user;
    std::string shared_by_institution;
    Timestamp shared_at;
};

}  // namespace retorno
