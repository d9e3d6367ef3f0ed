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

// Whether a route needs a signed-in session. Every route does unless it says otherwise.
enum class Access { Session, Public };

// Finds the actor of a request (from its bearer token), or answers why there is none.
using Authenticator = std::function<Result<Actor>(const Request&)>;

struct Route {
    std::string method;
    std::string pattern;  // "/api/v1/cases/{id}/events"
    Handler handler;
    Access access = Access::Session;
};

// A small router: exact segments and {named} segments. It answers 404 for an unknown path,
// 405 (with Allow) for a known path with another method, and renders every handler error as
// problem+json. Routes are listed for the OpenAPI check and the authorisation matrix.
// Before a Session route's handler runs, the authenticator fills Request::actor; without one,
// or when it refuses, the answer is 401 and the handler never runs (fail closed).
class Router {
  public:
    void add(std::string method, std::string pattern, Handler handler,
             Access access = Access::Session);
    void set_authenticator(Authenticator authenticator) {
        m_authenticator = std::move(authenticator);
    }

    Response dispatch(const Request& request) const;

    const std::vector<Route>& routes() const { return m_routes; }

  private:
    std::vector<Route> m_routes;
    Authenticator m_authenticator;
};

// Splits "/a/b/" into {"a", "b"}.
std::vector<std::string> split_path(const std::string& path);

}  // namespace retorno::http
