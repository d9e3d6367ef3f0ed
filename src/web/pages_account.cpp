#include "web/cookies.h"
#include "web/page.h"
#include "web/pages.h"

namespace retorno::web {

namespace {

Result<http::Response> password_form(WebContext& web, const Page& page, const Error* error) {
    Data context;
    if (error != nullptr) {
        auto message = error->field == "current_password"
                           ? web.locales.text(page.lang, "password.wrong_current")
                           : web.locales.text(page.lang, "password.too_weak");
        context.set(error->field == "current_password" ? "current_error" : "new_error", message);
    }
    return render_page(web, page, "password", context, "password.title", error ? 400 : 200);
}

}  // namespace

// The account page: who the user is, their language (kept with the user: it applies at every
// sign-in, on any computer) and the way to change the password.
Result<http::Response> account_page(WebContext& web, const Page& page, bool saved,
                                    const std::string& error) {
    auto chosen = TRY(web.security.auth.language(page.actor));
    Data context;
    List languages;
    for (auto lang : {Lang::Es, Lang::En}) {
        std::string code(code_of(lang));
        Data item{Data::type::object};
        item.set("value", code);
        item.set("label", web.locales.text(lang, "account.language_name"));
        item.set("selected", code == chosen);
        languages.push_back(item);
    }
    context.set("languages", languages);
    context.set("saved", saved);
    context.set("language_error", error);
    return render_page(web, page, "account", context, "account.title", error.empty() ? 200 : 400);
}

void add_account_pages(http::Router& router, WebContext& web) {
    add_page(router, web, "GET", "/account",
             [](WebContext& web, const Page& page) -> Result<http::Response> {
                 return account_page(web, page, page.query("saved") == "1", "");
             });

    add_page(router, web, "POST", "/account/language",
             [](WebContext& web, const Page& page) -> Result<http::Response> {
                 auto language = page.form.get("language");
                 auto set = web.security.auth.set_language(page.actor, language);
                 if (!set) {
                     if (set.error().code != ErrorCode::InvalidInput)
                         return fail(set.error());
                     return account_page(web, page, false,
                                         web.locales.text(page.lang, "account.bad_language"));
                 }
                 // This browser follows at once; other computers at the next sign-in.
                 auto response = redirect("/account?saved=1");
                 response.headers.emplace_back(
                     "Set-Cookie",
                     set_cookie(kLanguageCookie, language, {true, kLanguageCookieSeconds}));
                 return response;
             });

    add_page(router, web, "GET", "/account/password",
             [](WebContext& web, const Page& page) -> Result<http::Response> {
                 return password_form(web, page, nullptr);
             });

    add_page(
        router, web, "POST", "/account/password",
        [](WebContext& web, const Page& page) -> Result<http::Response> {
            const auto& form = page.form;
            if (form.get("new_password") != form.get("repeat_password")) {
                Data context;
                context.set("new_error", web.locales.text(page.lang, "password.differ"));
                return render_page(web, page, "password", context, "password.title", 400);
            }
            auto changed = web.security.auth.change_password(
                page.actor, form.get("current_password"), form.get("new_password"));
            if (!changed) {
                if (changed.error().code != ErrorCode::InvalidInput)
                    return fail(changed.error());
                return password_form(web, page, &changed.error());
            }
            // Every session is closed now: sign in again with the new password.
            auto response = redirect("/sign-in?changed=1");
            response.headers.emplace_back("Set-Cookie", set_cookie(kSessionCookie, "", {true, 0}));
            return response;
        });
}

}  // namespace retorno::web
