#pragma once

#include <map>
#include <string>
#include <string_view>

namespace retorno::web {

// The cookie that carries a page session: the same opaque token as the API's bearer token.
inline constexpr std::string_view kSessionCookie = "retorno_session";
// Before sign-in, the sign-in form's CSRF token (double submit: cookie and form field agree).
inline constexpr std::string_view kPreSessionCookie = "retorno_presession";
// The reader's language, remembered by the browser for a year.
inline constexpr std::string_view kLanguageCookie = "retorno_lang";
inline constexpr long kLanguageCookieSeconds = 365L * 24 * 3600;

// The cookies of a Cookie header, by name (the first of equal names wins).
std::map<std::string, std::string, std::less<>> parse_cookies(const std::string* header);

struct CookieOptions {
    bool http_only = true;
    long max_age_seconds = -1;  // -1: a session cookie; 0: delete it
};

// A Set-Cookie value: always Secure, SameSite=Strict and Path=/. Browsers treat http://127.0.0.1
// and http://localhost as secure contexts, so Secure cookies work in local tests and demos over
// plain http; anywhere else the pages must be served over TLS (docs/web.md).
std::string set_cookie(std::string_view name, std::string_view value,
                       const CookieOptions& options = {});

}  // namespace retorno::web
