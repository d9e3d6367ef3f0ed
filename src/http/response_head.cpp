#include "http/response_head.h"

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/status.hpp>

namespace retorno::http {

namespace {

// Header names compare without regard to case (RFC 9110 §5.1).
bool same_name(std::string_view a, std::string_view b) {
    return boost::beast::iequals(a, b);
}

void append_clean(std::string& out, std::string_view text) {
    for (char c : text) {
        if (c != '\r' && c != '\n' && c != '\0')
            out.push_back(c);
    }
}

void append_field(std::string& out, std::string_view name, std::string_view value) {
    append_clean(out, name);
    out += ": ";
    append_clean(out, value);
    out += "\r\n";
}

}  // namespace

bool status_has_body(int status) {
    return !(status / 100 == 1 || status == 204 || status == 304);
}

std::string response_head(const Response& response, unsigned version, bool keep_alive,
                          Transport transport) {
    // The headers of every answer. The API serves JSON only: no page may frame it, load
    // anything from it or be told where a reader came from. Handlers may set stricter values;
    // the web pages set their own CSP (web/page.cpp). HSTS only over TLS: a browser ignores
    // it on plain HTTP, and sending it there would promise something this server does not do.
    std::vector<std::pair<std::string_view, std::string_view>> fields{
        {"Server", "retorno"},
        {"Content-Type", response.content_type},
        {"Cache-Control", "no-store"},
        {"X-Content-Type-Options", "nosniff"},
        {"X-Frame-Options", "DENY"},
        {"Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"},
        {"Referrer-Policy", "no-referrer"},
    };
    if (transport == Transport::Tls)
        fields.emplace_back("Strict-Transport-Security", "max-age=31536000");
    const auto defaults = static_cast<std::ptrdiff_t>(fields.size());
    std::vector<std::string_view> given;
    for (const auto& [name, value] : response.headers) {
        // The server alone frames the message.
        if (same_name(name, "Content-Length") || same_name(name, "Connection") ||
            same_name(name, "Transfer-Encoding"))
            continue;
        const bool first = std::none_of(given.begin(), given.end(),
                                        [&](std::string_view g) { return same_name(g, name); });
        if (first) {
            given.push_back(name);
            auto end = fields.begin() + defaults;
            auto it = std::find_if(fields.begin(), end,
                                   [&](const auto& field) { return same_name(field.first, name); });
            if (it != end) {
                it->second = value;
                continue;
            }
        }
        fields.emplace_back(name, value);
    }

    std::string out;
    out.reserve(512);
    out += version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
    out += std::to_string(response.status);
    out += ' ';
    const auto reason = boost::beast::http::obsolete_reason(
        static_cast<boost::beast::http::status>(response.status));
    out.append(reason.data(), reason.size());
    out += "\r\n";
    for (const auto& [name, value] : fields)
        append_field(out, name, value);
    if (status_has_body(response.status))
        append_field(out, "Content-Length", std::to_string(response.body.size()));
    if (version == 10 && keep_alive)
        append_field(out, "Connection", "keep-alive");
    else if (version != 10 && !keep_alive)
        append_field(out, "Connection", "close");
    out += "\r\n";
    return out;
}

}  // namespace retorno::http
