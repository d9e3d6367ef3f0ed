#pragma once

#include <functional>
#include <string>

#include "http/router.h"
#include "web/form.h"
#include "web/locales.h"
#include "web/templates.h"
#include "web/web_context.h"

namespace retorno::web {

// What a page handler is given: the request, who is signed in (for SignedIn pages), the
// reader's language, the CSRF token its forms must carry, and the parsed form of a POST (whose
// CSRF token has already been checked).
struct Page {
    const http::Request& request;
    const http::PathParams& params;
    Actor actor;
    std::string session_token;  // empty on a Public page
    Lang lang = Lang::Es;
    std::string csrf;
    Form form;
    bool htmx = false;  // an htmx request (HX-Request); it gets the whole page all the same

    const std::string& param(const std::string& name) const { return params.at(name); }
    std::string query(const std::string& name) const {
        const auto* value = request.query_value(name);
        return value == nullptr ? std::string{} : *value;
    }
};

using PageHandler = std::function<Result<http::Response>(WebContext&, const Page&)>;

// SignedIn pages need the session cookie: without one a GET is sent to the sign-in page and a
// POST is refused. Public pages (sign-in itself) need none.
enum class PageAccess { SignedIn, Public };

// What a refusal says to the reader, in their language: the protocol's own words for its
// refusals, the reason of a refused field ("invalid.<reason>"), else the kind of error.
std::string error_text(WebContext& web, Lang lang, const Error& error);

// Registers a page. The router sees it as Access::Public because a page authenticates with the
// session cookie, not a bearer token: this wrapper does it (and the rate limits) before the
// handler runs, checks the CSRF token of every POST, and renders errors as HTML pages.
void add_page(http::Router& router, WebContext& web, std::string method, std::string pattern,
              PageHandler handler, PageAccess access = PageAccess::SignedIn);

// Renders `template_name` inside the layout. The context gets `t` (every string of the
// reader's language), `lang`, `csrf`, `static_version` and the navigation; `title_key` is the
// locale key of the page title.
Result<http::Response> render_page(WebContext& web, const Page& page,
                                   const std::string& template_name, Data context,
                                   const std::string& title_key, int status = 200);

// 303 See Other: the answer to every successful form post (redirect after post).
http::Response redirect(const std::string& location);

// The headers of every page: a CSP without inline script or style, no caching of personal data.
void add_page_headers(http::Response& response);

// Compresses the body when the client accepts gzip.
void compress_if_accepted(const http::Request& request, http::Response& response);

}  // namespace retorno::web
