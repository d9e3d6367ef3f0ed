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

// Where a route's handler may run. Most handlers block: they append to the store (an fsync),
// render a PDF or compute a report, and run on the server's handler pool so that the network
// threads keep serving meanwhile. A Quick handler only reads the store, which the embedded
// store answers from memory: the server may run it on the network thread itself, with the
// durable work it records (the audit entries of what it read) deferred through the router's
// Deferral and finished before its answer leaves.
enum class Work { Blocking, Quick };

// Finds the actor of a request (from its bearer token), or answers why there is none.
using Authenticator = std::function<Result<Actor>(const Request&)>;

struct Route {
    std::string method;
    std::string pattern;  // "/api/v1/cases/{id}/events"
    Handler handler;
    Access access = Access::Session;
    Work work = Work::Blocking;
    std::vector<std::string> segments;  // the pattern split at '/', once
};

// How the server finishes the durable work a Quick handler deferred: it calls the function
// with a completion, which may be called on any thread, and sends the answer only when the
// completion reports that the work is stored.
using Settle = std::function<void(std::function<void(bool stored)> done)>;

// Runs `dispatch` so that the durable work its handler records is deferred rather than done
// (implemented by the API with the audit trail; see http/api.cpp), and returns how to finish
// that work, or an empty function when there is none.
using Deferral = std::function<Settle(const std::function<void()>& dispatch)>;

// A Quick route's answer, and the deferred work to finish before it may leave.
struct QuickResponse {
    Response response;
    Settle settle;  // empty when nothing was deferred
};

// A small router: exact segments and {named} segments. It answers 404 for an unknown path,
// 405 (with Allow) for a known path with another method, and renders every handler error as
// problem+json. Routes are listed for the OpenAPI check and the authorisation matrix.
// Before a Session route's handler runs, the authenticator fills Request::actor; without one,
// or when it refuses, the answer is 401 and the handler never runs (fail closed).
class Router {
  public:
    void add(std::string method, std::string pattern, Handler handler,
             Access access = Access::Session, Work work = Work::Blocking);
    void set_authenticator(Authenticator authenticator) {
        m_authenticator = std::move(authenticator);
    }
    void set_deferral(Deferral deferral) { m_deferral = std::move(deferral); }

    // Answers a request: fills request.actor (Session routes), runs the handler and renders
    // its error, or answers 401, 404 or 405.
    Response dispatch(Request& request) const;
    // Whether the request's route is Quick. An address no route serves is Quick too: its 404
    // or 405 touches nothing.
    Work work_of(const Request& request) const;
    // As dispatch, with the durable work the handler records deferred (when the router has a
    // Deferral): for a Quick route on a network thread.
    QuickResponse dispatch_quick(Request& request) const;

    const std::vector<Route>& routes() const { return m_routes; }

  private:
    const Route* find(const std::vector<std::string>& path, const std::string& method,
                      PathParams& params, std::string& allowed) const;

    std::vector<Route> m_routes;
    Authenticator m_authenticator;
    Deferral m_deferral;
};

// Splits "/a/b/" into {"a", "b"}.
std::vector<std::string> split_path(const std::string& path);

}  // namespace retorno::http
