#pragma once

#include <string>
#include <string_view>

namespace retorno::web {

// The CSRF token of a session: a keyed BLAKE2b hash of the session token, so it is bound to the
// session, the same in every server process, and useless without the session cookie (which is
// HttpOnly: a page of another site can neither read the cookie nor compute the token). Every
// form carries it as the field `csrf`; every POST of a page must send it back.
std::string csrf_token_for(std::string_view session_token);

// Constant-time comparison of a token a form sent with the expected one.
bool csrf_matches(std::string_view expected, std::string_view sent);

// A new random token for the sign-in form (before there is a session).
std::string new_pre_session_token();

}  // namespace retorno::web
