#include "web/cookies.h"

namespace retorno::web {

namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

}  // namespace

std::map<std::string, std::string, std::less<>> parse_cookies(const std::string* header) {
    std::map<std::string, std::string, std::less<>> out;
    if (header == nullptr)
        return out;
    std::string_view rest = *header;
    while (!rest.empty()) {
        auto end = rest.find(';');
        auto pair = trim(rest.substr(0, end));
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
        auto equals = pair.find('=');
        if (equals == std::string_view::npos)
            continue;
        auto value = trim(pair.substr(equals + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
            value = value.substr(1, value.size() - 2);
        out.emplace(std::string(trim(pair.substr(0, equals))), std::string(value));
    }
    return out;
}

std::string set_cookie(std::string_view name, std::string_view value,
                       const CookieOptions& options) {
    std::string out = std::string(name) + "=" + std::string(value) + "; Path=/";
    if (options.max_age_seconds >= 0)
        out += "; Max-Age=" + std::to_string(options.max_age_seconds);
    out += "; Secure; SameSite=Strict";
    if (options.http_only)
        out += "; HttpOnly";
    return out;
}

}  // namespace retorno::web
