#pragma once

#include <string>
#include <vector>

#include "domain/user.h"

namespace retorno {

// Who is acting: the user and the institution they act for, as their session says
// (access/auth_service.h). The CLI acts as the local operator.
struct Actor {
    std::string user_id = "local-operator";
    std::string institution_id;
    std::string address;  // the client's network address, for the audit trail
    // Filled from the session; empty for the CLI's local operator.
    std::vector<Role> roles;
    std::string institution_country;
    std::string institution_type;
    std::string session_id;
};

}  // namespace retorno
