#include "http/router.h"

#include <spdlog/spdlog.h>

#include "http/problem.h"

namespace retorno::http {

std::vector<std::string> split_path(const std::string& path) {
    std::vector<std::string> segments;
    std::size_t start = 0;
    while (start < path.size()) {
        if (path[start] == '/') {
            ++start;
            continue;
        }
        auto end = path.find('/', start);
        if (end == std::string::npos)
            end = path.size();
        segments.push_back(path.substr(start, end - start));
        start = end;
    }
    return segments;
}

namespace {

bool match(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
           PathParams& params) {
    if (pattern.size() != path.size())
        return false;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const auto& p = pattern[i];
        if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
            params[p.substr(1, p.size() - 2)] = path[i];
        } else if (p != path[i]) {
            return false;
        }
    }
    return true;
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler, Access access,
                 Work work) {
    auto segments = split_path(pattern);
    m_routes.push_back(Route{std::move(method), std::move(pattern), std::move(handler), access,
                             work, std::move(segments)});
}

const Route* Router::find(const std::vector<std::string>& path, const std::string& method,
                          PathParams& params, std::string& allowed) const {
    for (const auto& route : m_routes) {
        params.clear();
        if (!match(route.segments, path, params))
            continue;
        if (route.method != method) {
            if (!allowed.empty())
                allowed += ", ";
            allowed += route.method;
            continue;
        }
        return &route;
    }
    return nullptr;
}

Work Router::work_of(const Request& request) const {
    PathParams params;
    std::string allowed;
    const auto* route = find(split_path(request.path), request.method, params, allowed);
    return route == nullptr ? Work::Quick : route->work;
}

Response Router::dispatch(Request& request) const {
    PathParams params;
    std::string allowed;
    const auto* found = find(split_path(request.path), request.method, params, allowed);
    if (found != nullptr) {
        const auto& route = *found;
        Result<Response> result = [&]() -> Result<Response> {
            try {
                if (route.access == Access::Public)
                    return route.handler(request, params);
                if (!m_authenticator) {
                    return fail(Error::make(ErrorCode::Unauthenticated, "Sign in first."));
                }
                request.actor = TRY(m_authenticator(request));
                return route.handler(request, params);
            } catch (const std::exception& e) {
                return fail(Error::internal(std::string("unhandled exception: ") + e.what()));
            }
        }();
        if (result)
            return std::move(*result);
        if (result.error().code == ErrorCode::Internal ||
            result.error().code == ErrorCode::Unavailable) {
            // The detail may name files or database messages; it goes to the log only.
            spdlog::error("{} {}: {}", request.method, route.pattern, result.error().detail);
        }
        return problem_response(result.error(), request.path);
    }
    if (!allowed.empty()) {
        return problem_response(
            Error::make(ErrorCode::MethodNotAllowed,
                        "This address does not accept " + request.method + ".", allowed),
            request.path);
    }
    return problem_response(Error::make(ErrorCode::NotFound, "Nothing is at this address."),
                            request.path);
}

QuickResponse Router::dispatch_quick(Request& request) const {
    if (!m_deferral)
        return QuickResponse{dispatch(request), {}};
    QuickResponse out;
    out.settle = m_deferral([&] { out.response = dispatch(request); });
    return out;
}

}  // namespace retorno::http
