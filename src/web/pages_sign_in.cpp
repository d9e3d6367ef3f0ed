#include "web/cookies.h"
#include "web/csrf.h"
#include "web/page.h"
#include "web/pages.h"

namespace retorno::web {

namespace {

// Only a path of this site: "/inbox", never "//elsewhere" or "https://...".
std::string safe_next(const std::string& next) {
    if (next.size() < 2 || next[0] != '/' || next[1] == '/' || next[1] == '\\' ||
        next.find("://") != std::string::npos) {
        return "/inbox";
    }
    return next;
}

Result<http::Response> sign_in_form(WebContext& web, const Page& page, const std::string& next,
                                    const std::string& username, bool refused) {
    Page with_token = page;
    std::string set_token;
    if (with_token.csrf.empty()) {
        set_token = new_pre_session_token();
        with_token.csrf = set_token;
    }
    Data context;
    context.set("next", safe_next(next));
    context.set("username", username);
    context.set("refused", refused);
    auto response =
        TRY(render_page(web, with_token, "sign_in", context, "sign_in.title", refused ? 401 : 200));
    if (!set_token.empty()) {
        response.headers.emplace_back("Set-Cookie",
                                      set_cookie(kPreSessionCookie, set_token, {true, 3600}));
    }
    return response;
}

}  // namespace

void add_sign_in_pages(http::Router& router, WebContext& web) {
    add_page(
        router, web, "GET", "/",
        [](WebContext&, const Page&) -> Result<http::Response> { return redirect("/inbox"); },
        PageAccess::Public);

    add_page(
        router, web, "GET", "/sign-in",
        [](WebContext& web, const Page& page) -> Result<http::Response> {
            return sign_in_form(web, page, page.query("next"), "", false);
        },
        PageAccess::Public);

    add_page(
        router, web, "POST", "/sign-in",
        [](WebContext& web, const Page& page) -> Result<http::Response> {
            const auto& form = page.form;
            access::SignInRequest request{form.get("username"), form.get("password"),
                                          form.get("totp"), page.request.remote_address};
            auto signed_in = web.security.auth.sign_in(request);
            if (!signed_in) {
                if (signed_in.error().code != ErrorCode::Unauthenticated)
                    return fail(signed_in.error());
                return sign_in_form(web, page, form.get("next"), form.get("username"), true);
            }
            auto response = redirect(safe_next(form.get("next")));
            response.headers.emplace_back("Set-Cookie",
                                          set_cookie(kSessionCookie, signed_in->token));
            response.headers.emplace_back("Set-Cookie",
                                          set_cookie(kPreSessionCookie, "", {true, 0}));
            // From now on the pages speak the user's own language (chosen on the account page),
            // whatever this browser showed before sign-in.
            if (parse_lang(signed_in->language)) {
                response.headers.emplace_back("Set-Cookie",
                                              set_cookie(kLanguageCookie, signed_in->language,
                                                         {true, kLanguageCookieSeconds}));
            }
            return response;
        },
        PageAccess::Public);

    add_page(
        router, web, "POST", "/sign-out",
        [](WebContext& web, const Page& page) -> Result<http::Response> {
            TRY_STATUS(web.security.auth.sign_out(page.actor));
            auto response = redirect("/sign-in");
            response.headers.emplace_back("Set-Cookie", set_cookie(kSessionCookie, "", {true, 0}));
            return response;
        });
}

}  // namespace retorno::web
