#include "store/postgres/postgres_url.h"

#include <memory>

#include <fmt/format.h>
#include <libpq-fe.h>

namespace retorno::postgres {

namespace {

// Seconds that libpq waits for a server before giving up on one connection attempt.
constexpr std::string_view kDefaultConnectTimeout = "5";

// Quotes a value for a keyword=value conninfo string: single quotes, with backslash escapes.
std::string quote(std::string_view value) {
    std::string out = "'";
    for (char c : value) {
        if (c == '\'' || c == '\\')
            out += '\\';
        out += c;
    }
    out += '\'';
    return out;
}

// libpq quotes the faulty part of a URL in its messages, password included; the password is
// masked before the message goes into an Error's detail and from there into a log.
std::string without_password(const std::string& url, std::string text) {
    std::size_t authority = url.find("://");
    if (authority == std::string::npos)
        return text;
    authority += 3;
    std::size_t at = url.find('@', authority);
    if (at == std::string::npos)
        return text;
    std::size_t colon = url.find(':', authority);
    if (colon == std::string::npos || colon > at || colon + 1 == at)
        return text;
    std::string password = url.substr(colon + 1, at - colon - 1);
    for (std::size_t found = text.find(password); found != std::string::npos;
         found = text.find(password, found + 3)) {
        text.replace(found, password.size(), "***");
    }
    return text;
}

}  // namespace

bool is_postgres_url(std::string_view setting) {
    return setting.starts_with("postgresql://") || setting.starts_with("postgres://");
}

Result<ConnectionSettings> parse_connection_settings(const std::string& url) {
    if (!is_postgres_url(url)) {
        return fail(Error::make(ErrorCode::InvalidInput,
                                "The database setting must be a URL that starts with "
                                "postgresql://."));
    }
    char* error = nullptr;
    std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(
        PQconninfoParse(url.c_str(), &error), &PQconninfoFree);
    if (!options) {
        std::string detail = without_password(url, error != nullptr ? error : "out of memory");
        PQfreemem(error);
        return fail(Error::make(ErrorCode::InvalidInput,
                                "The database setting is not a valid PostgreSQL connection URL.",
                                detail));
    }
    ConnectionSettings settings;
    bool has_timeout = false;
    std::string host = "localhost";
    std::string port = "5432";
    std::string user;
    for (const PQconninfoOption* option = options.get(); option->keyword != nullptr; ++option) {
        if (option->val == nullptr)
            continue;
        std::string_view keyword = option->keyword;
        std::string_view value = option->val;
        if (keyword == "connect_timeout")
            has_timeout = true;
        if (keyword == "host" || keyword == "hostaddr")
            host = value;
        if (keyword == "port")
            port = value;
        if (keyword == "user")
            user = value;
        if (keyword == "dbname")
            settings.database = value;
        settings.conninfo += fmt::format("{}={} ", keyword, quote(value));
    }
    if (!has_timeout) {
        settings.conninfo += fmt::format("connect_timeout={}", kDefaultConnectTimeout);
    }
    if (settings.database.empty())
        settings.database = user;
    settings.display =
        fmt::format("{}{}{}:{}/{}", user, user.empty() ? "" : "@", host, port, settings.database);
    return settings;
}

Result<std::string> with_database(const std::string& url, std::string_view database) {
    TRY(parse_connection_settings(url));
    std::size_t authority = url.find("://") + 3;
    std::size_t query = url.find('?', authority);
    std::size_t path = url.find('/', authority);
    if (path != std::string::npos && query != std::string::npos && path > query) {
        path = std::string::npos;
    }
    std::string out = url.substr(0, path != std::string::npos    ? path
                                    : query != std::string::npos ? query
                                                                 : url.size());
    out += '/';
    out += database;
    if (query != std::string::npos)
        out += url.substr(query);
    return out;
}

}  // namespace retorno::postgres
