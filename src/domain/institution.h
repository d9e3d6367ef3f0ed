#pragma once

#include <optional>
#include <string>

#include "core/id.h"

namespace retorno {

// A body that acts in returns: a ministry, a consulate, a shelter, a prosecutor's office.
struct Institution {
    Id id;
    std::string country;  // ISO 3166-1 alpha-2
    std::string type;     // vocabulary::institution_type()
    std::string name;
    std::optional<Id> parent;  // where overdue tasks are escalated
};

}  // namespace retorno
