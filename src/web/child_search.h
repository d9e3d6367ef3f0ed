#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/person_search.h"
#include "web/web_context.h"

namespace retorno::web {

// What a caseworker knows of a child before opening a case, as the search form asks it: given
// names and surnames apart, as every register of the region writes them.
struct ChildQuery {
    std::string given_names;
    std::string surnames;
    std::string birthdate;    // YYYY-MM-DD, or empty
    std::string nationality;  // ISO 3166-1 alpha-2, or empty

    bool empty() const {
        return given_names.empty() && surnames.empty() && birthdate.empty() && nationality.empty();
    }
};

// Likely existing cases of the child, best first, among the cases whose child's identity the
// actor may see: the person index (matching/, the same as GET /api/v1/persons/candidates)
// ranks every case with Spanish-aware name matching (nicknames, swapped or missing surnames,
// spellings that sound alike, day and month swapped), and access::PersonSearch keeps only what
// the actor may see and records each answer in the audit trail. A query it refuses (no name
// at all, an impossible date) is InvalidInput whose field is the HTCDS name of the field.
Result<std::vector<access::Seen<access::PersonMatch>>> search_children(WebContext& web,
                                                                       const Actor& actor,
                                                                       const ChildQuery& query,
                                                                       int limit = 20);

}  // namespace retorno::web
