#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "domain/sensitivity.h"
#include "domain/user.h"

namespace retorno::access {

// The sensitivity categories (domain/sensitivity.h, where each field is classified).
using retorno::all_categories;
using retorno::Category;
using retorno::parse_category;
using retorno::to_string;

std::string join_categories(const std::set<Category>& categories);

// The categories a role may see. Statistics coordinators and administrators see none, and see
// no case at all (`sees_case_content`).
std::set<Category> categories_of(Role role);
bool sees_case_content(const std::vector<Role>& roles);
std::set<Category> categories_of(const std::vector<Role>& roles);

// Why a user may see a case at all (Visibility::basis), which the audit trail records as the
// reason of each read: its institution opened the case, the protocol gives it a task in it, an
// overdue task of it is escalated to it, or the case was shared with it (the prefix, then the
// share's purpose).
inline constexpr std::string_view kBasisOpened = "opened";
inline constexpr std::string_view kBasisProtocolTask = "protocol task";
inline constexpr std::string_view kBasisEscalatedTask = "escalated task";
inline constexpr std::string_view kBasisSharedPrefix = "shared: ";

// What one user may see of one case: the categories, and why they may see it at all.
struct Visibility {
    std::set<Category> categories;
    std::string basis;  // one of the kBasis… above
};

// Removes, from a case document (domain case_to_json) or an event (the API's event form), every
// field of a category not in `visibility`. Removed, not blanked: the response does not even say
// that the field exists. Unknown fields of a person or victim count as sensitive.
boost::json::object redact_case(boost::json::object document, const Visibility& visibility);
boost::json::object redact_event(boost::json::object event, const Visibility& visibility);

// The categories present in a case document, for the audit trail ("which fields were read").
std::set<Category> categories_in_case(const boost::json::object& document);

}  // namespace retorno::access
