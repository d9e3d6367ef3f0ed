#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/case_access.h"
#include "web/web_context.h"

namespace retorno::web {

// What a caseworker knows of a child before opening a case.
struct ChildQuery {
    std::string name;
    std::optional<Date> birthdate;
    std::string nationality;  // ISO 3166-1 alpha-2
};

// Likely existing cases of the child among the cases the actor may see, best first: every word
// of the name (folded: accents, case) starts a word of the child's names; a known birth date is
// within a year; the nationality is a citizenship or the origin country. Only cases whose
// identity the actor may see are compared by name, and each hit is read through CaseAccess, so
// the search leaves the same audit entries as opening the case would.
// FIXME: call the matching index (GET /api/v1/persons/candidates's service) once it lands.
Result<std::vector<access::Seen<Case>>> search_children(WebContext& web, const Actor& actor,
                                                        const ChildQuery& query, int limit = 20);

}  // namespace retorno::web
