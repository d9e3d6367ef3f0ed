#pragma once

// A browser-like client for the page tests: keeps the cookies the server sets and reads the
// CSRF token out of the last form it was shown.

#include <map>
#include <string>

#include "support/api/http_client.h"

namespace retorno::testing {

class PageClient {
  public:
    explicit PageClient(unsigned short port) : m_http(port) {}

    HttpReply get(const std::string& target);
    // Posts an urlencoded form; adds csrf=<token of the last page> unless `with_csrf` is false.
    HttpReply post(const std::string& target, std::map<std::string, std::string> fields,
                   bool with_csrf = true);

    // GET /sign-in, then POST it with the user's credentials; true when a session cookie came.
    bool sign_in(const std::string& username, const std::string& password,
                 const std::string& totp = "");

    std::string cookie(const std::string& name) const;
    void set_cookie(const std::string& name, const std::string& value) { m_cookies[name] = value; }
    const std::string& csrf() const { return m_csrf; }
    void set_csrf(const std::string& csrf) { m_csrf = csrf; }

  private:
    HttpReply remember(HttpReply reply);
    std::map<std::string, std::string> headers() const;

    HttpClient m_http;
    std::map<std::string, std::string> m_cookies;
    std::string m_csrf;
};

std::string url_encode(const std::string& text);

}  // namespace retorno::testing
