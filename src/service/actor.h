#pragma once

#include <string>

namespace retorno {

// Who is acting: the user and the institution they act for. Until sign-in exists, requests on
// the loopback-only API act as the local operator.
struct Actor {
    std::string user_id = "local-operator";
    std::string institution_id;
    std::string address;  // the client's network address, for the audit trail
};

}  // namespace retorno
