#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/error.h"
#include "http/http_types.h"

namespace retorno::http {

// The values of the {placeholders} of a matched route, by name.
using PathParams = std::map<std::string, std::string, std::less<>>;

using Handler = std::function<Result<Response>(const Request&, const PathParams&)>;

struct Route {
    std::string method;
    std::string pattern;  // "/api/v1/cases/{id}/events"
    Handler handler;
};

// A small router: exact segments and {named} segments. It answers 404 for an unknown path,
// 405 (with Allow) for a known path with another method, and renders every handler error as
// problem+json. Routes are listed for the OpenAPI check and the authorisation matrix.
class Router {
public:
    void add(std::string method, std::string pattern, Handler handler);

    Response dispatch(const Request& request) const;

    const std::vector<Route>& routes() const { return m_routes; }

private:
    std::vector<Route> m_routes;
};

// Splits "/a/b/" into {"a", "b"}.
std::vector<std::string> split_path(const std::string& path);

}  // namespace retorno::http
