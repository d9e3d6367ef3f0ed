#include "web/page.h"

#include <spdlog/spdlog.h>

#include "http/problem.h"
#include "web/cookies.h"
#include "web/csrf.h"
#include "web/gzip.h"
#include "web/navigation.h"

namespace retorno::web {

namespace {

constexpr const char* kPageCsp =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

Lang language_of(const http::Request& request,
                 const std::map<std::string, std::string, std::less<>>& cookies) {
    if (const auto* asked = request.query_value("lang")) {
        if (auto lang = parse_lang(*asked))
            return *lang;
    }
    if (auto it = cookies.find(kLanguageCookie); it != cookies.end()) {
        if (auto lang = parse_lang(it->second))
            return *lang;
    }
    return Lang::Es;
}

Error too_many_requests(int retry_after) {
    return Error::make(ErrorCode::RateLimited,
                       "Too many requests; wait a moment before trying again.",
                       std::to_string(retry_after));
}

Result<Actor> authenticate(WebContext& web, const http::Request& request,
                           const std::string& token) {
    if (token.empty())
        return fail(access::not_signed_in());
    int retry_after = 0;
    if (!web.security.addresses.allow(request.remote_address, &retry_after))
        return fail(too_many_requests(retry_after));
    auto actor = TRY(web.security.auth.authenticate(token, request.remote_address));
    if (!web.security.sessions.allow(actor.session_id, &retry_after))
        return fail(too_many_requests(retry_after));
    return actor;
}

http::Response error_page(WebContext& web, Page& page, const Error& error) {
    if (error.code == ErrorCode::Internal || error.code == ErrorCode::Unavailable) {
        spdlog::error("{} {}: {}", page.request.method, page.request.path, error.detail);
    }
    Data context;
    context.set("message", error_text(web, page.lang, error));
    int status = http::status_of(error.code);
    auto rendered = render_page(web, page, "error", context, "error.title", status);
    if (rendered)
        return std::move(*rendered);
    spdlog::error("cannot render the error page: {}", rendered.error().detail);
    http::Response plain{
        status, "text/plain; charset=utf-8", "Error " + std::to_string(status), {}};
    add_page_headers(plain);
    return plain;
}

}  // namespace

std::string error_text(WebContext& web, Lang lang, const Error& error) {
    // The engine's refusals carry their own words in both languages: English in the message,
    // Spanish in the detail (protocol/refusal.h); so do its refusals of a step's field.
    bool engine = error.code == ErrorCode::RuleViolation ||
                  (error.code == ErrorCode::InvalidInput && error.field.starts_with("/data/"));
    if (engine && !error.detail.empty())
        return lang == Lang::Es ? error.detail : error.message;
    if (error.code == ErrorCode::InvalidInput && error.reason != InvalidReason::Unspecified)
        return web.locales.text(lang, "invalid." + std::string(to_string(error.reason)));
    if (engine && !error.message.empty())
        return error.message;
    return web.locales.text(lang, "error." + std::string(to_string(error.code)));
}

void add_page_headers(http::Response& response) {
    response.headers.emplace_back("Content-Security-Policy", kPageCsp);
    response.headers.emplace_back("Cache-Control", "no-store");
    response.headers.emplace_back("Vary", "Accept-Encoding, Cookie");
}

void compress_if_accepted(const http::Request& request, http::Response& response) {
    if (response.body.size() < 256 || !accepts_gzip(request.header("accept-encoding")))
        return;
    response.body = gzip(response.body);
    response.headers.emplace_back("Content-Encoding", "gzip");
}

http::Response redirect(const std::string& location) {
    http::Response response{303, "text/plain; charset=utf-8", "", {}};
    response.headers.emplace_back("Location", location);
    add_page_headers(response);
    return response;
}

void add_page(http::Router& router, WebContext& web, std::string method, std::string pattern,
              PageHandler handler, PageAccess access) {
    router.add(
        method, pattern,
        [&web, handler = std::move(handler), access](
            const http::Request& request,
            const http::PathParams& params) -> Result<http::Response> {
            auto cookies = parse_cookies(request.header("cookie"));
            Page page{request, params, {}, {}, language_of(request, cookies), {}, {}, false};
            page.htmx = request.header("hx-request") != nullptr;
            const bool is_post = request.method == "POST";

            if (access == PageAccess::SignedIn) {
                auto it = cookies.find(kSessionCookie);
                std::string token = it == cookies.end() ? std::string{} : it->second;
                auto actor = authenticate(web, request, token);
                if (!actor) {
                    if (actor.error().code == ErrorCode::Unauthenticated) {
                        // Back to the sign-in page; a GET comes back here afterwards.
                        std::string next = is_post ? "/" : request.path;
                        return redirect("/sign-in?next=" + next);
                    }
                    return error_page(web, page, actor.error());
                }
                page.actor = std::move(*actor);
                page.session_token = token;
                page.csrf = csrf_token_for(token);
            } else {
                auto it = cookies.find(kPreSessionCookie);
                page.csrf = it == cookies.end() ? std::string{} : it->second;
            }

            if (is_post) {
                auto form = Form::parse(request.body);
                if (!form)
                    return error_page(web, page, form.error());
                page.form = std::move(*form);
                if (!csrf_matches(page.csrf, page.form.get("csrf"))) {
                    return error_page(web, page,
                                      Error::make(ErrorCode::Forbidden,
                                                  "The form's CSRF token is missing or wrong."));
                }
            }

            Result<http::Response> result = handler(web, page);
            http::Response response =
                result ? std::move(*result) : error_page(web, page, result.error());
            if (const auto* asked = request.query_value("lang"); asked && parse_lang(*asked)) {
                // Remembered by this browser for a year (docs/web.md: language).
                response.headers.emplace_back(
                    "Set-Cookie",
                    set_cookie(kLanguageCookie, *asked, {true, kLanguageCookieSeconds}));
            }
            compress_if_accepted(request, response);
            return response;
        },
        http::Access::Public);
}

Result<http::Response> render_page(WebContext& web, const Page& page,
                                   const std::string& template_name, Data context,
                                   const std::string& title_key, int status) {
    context.set("t", web.texts(page.lang));
    context.set("lang", std::string(code_of(page.lang)));
    context.set("other_lang", std::string(code_of(page.lang == Lang::Es ? Lang::En : Lang::Es)));
    context.set("csrf", page.csrf);
    context.set("static_version", web.statics.version());
    context.set("title", web.locales.text(page.lang, title_key));
    context.set("path", page.request.path);
    if (!page.session_token.empty())
        context.set("nav", TRY(navigation(web, page)));
    auto body = TRY(web.templates.render(template_name, context));
    context.set("body", body);
    // htmx requests get the whole page too: they pick the part they swap (hx-select).
    auto html = TRY(web.templates.render("layout", context));
    http::Response response{status, "text/html; charset=utf-8", std::move(html), {}};
    response.headers.emplace_back("Content-Language", std::string(code_of(page.lang)));
    add_page_headers(response);
    return response;
}

}  // namespace retorno::web
