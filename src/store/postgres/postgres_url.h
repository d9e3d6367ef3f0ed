#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace retorno::postgres {

// True for the settings that name a PostgreSQL server ("postgresql://..." or "postgres://...").
bool is_postgres_url(std::string_view setting);

// A parsed connection setting. `conninfo` is what libpq connects with: every option of the URL
// in keyword=value form, plus a connect timeout when the URL gives none, so that a server that
// does not answer yields Unavailable instead of a hung request. `display` names the server
// without the password, for logs and /healthz.
struct ConnectionSettings {
    std::string conninfo;
    std::string display;
    std::string database;
};

// Refuses a setting that libpq cannot parse with InvalidInput; the message never repeats the
// setting, which may hold a password.
Result<ConnectionSettings> parse_connection_settings(const std::string& url);

// The same URL naming another database on the same server, as tests and `retorno migrate-store`
// need: "postgresql://u@h:5432/postgres?x=y" with "t1" gives "postgresql://u@h:5432/t1?x=y".
Result<std::string> with_database(const std::string& url, std::string_view database);

}  // namespace retorno::postgres
