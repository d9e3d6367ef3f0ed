#include "support/api/page_client.h"

#include <cctype>

#include <fmt/format.h>

namespace retorno::testing {

std::string url_encode(const std::string& text) {
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
            out += static_cast<char>(c);
        else
            out += fmt::format("%{:02X}", c);
    }
    return out;
}

std::map<std::string, std::string> PageClient::headers() const {
    std::string cookies;
    for (const auto& [name, value] : m_cookies) {
        if (!cookies.empty())
            cookies += "; ";
        cookies += name + "=" + value;
    }
    std::map<std::string, std::string> out;
    if (!cookies.empty())
        out["Cookie"] = cookies;
    return out;
}

HttpReply PageClient::remember(HttpReply reply) {
    for (const auto& line : reply.set_cookies) {
        auto equals = line.find('=');
        auto end = line.find(';');
        auto name = line.substr(0, equals);
        auto value = line.substr(equals + 1, end - equals - 1);
        if (line.find("Max-Age=0") != std::string::npos)
            m_cookies.erase(name);
        else
            m_cookies[name] = value;
    }
    auto at = reply.body.find("name=\"csrf\" value=\"");
    if (at != std::string::npos) {
        at += 19;
        m_csrf = reply.body.substr(at, reply.body.find('"', at) - at);
    }
    return reply;
}

HttpReply PageClient::get(const std::string& target) {
    return remember(m_http.get(target, headers()));
}

HttpReply PageClient::post(const std::string& target, std::map<std::string, std::string> fields,
                           bool with_csrf) {
    if (with_csrf && !fields.contains("csrf"))
        fields["csrf"] = m_csrf;
    std::string body;
    for (const auto& [name, value] : fields) {
        if (!body.empty())
            body += "&";
        body += url_encode(name) + "=" + url_encode(value);
    }
    auto h = headers();
    h["Content-Type"] = "application/x-www-form-urlencoded";
    return remember(m_http.send("POST", target, h, body));
}

bool PageClient::sign_in(const std::string& username, const std::string& password,
                         const std::string& totp) {
    get("/sign-in");
    auto reply = post("/sign-in", {{"username", username}, {"password", password}, {"totp", totp}});
    return reply.status == 303 && !cookie("retorno_session").empty();
}

std::string PageClient::cookie(const std::string& name) const {
    auto it = m_cookies.find(name);
    return it == m_cookies.end() ? std::string{} : it->second;
}

}  // namespace retorno::testing
