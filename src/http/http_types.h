#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "service/actor.h"

namespace retorno::http {

// Explicit limits on what a client may send; each one that is exceeded has its own error.
struct Limits {
    std::size_t header_bytes = 8 * 1024;
    std::size_t body_bytes = 1024 * 1024;
    std::size_t json_depth = 16;
    std::size_t string_bytes = 16 * 1024;
    std::chrono::seconds request_timeout{30};
};

// A request as the handlers see it: no Beast types, so that handlers compile quickly and
// can be driven by tests without a socket.
struct Request {
    std::string method;
    std::string path;  // percent-decoded path, without the query
    std::multimap<std::string, std::string> query;
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;
    std::string remote_address;
    // Who is acting: filled by the router from the session before a Session route's handler
    // runs; the default (no roles, no institution) for a Public route.
    Actor actor;

    const std::string* header(const std::string& lower_name) const {
        auto it = headers.find(lower_name);
        return it == headers.end() ? nullptr : &it->second;
    }
    const std::string* query_value(const std::string& name) const {
        auto it = query.find(name);
        return it == query.end() ? nullptr : &it->second;
    }
};

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

}  // namespace retorno::http
