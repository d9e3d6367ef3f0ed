#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace retorno::postgres {

// PostgreSQL's own client programs (pg_dump, pg_restore) as child processes. They come from
// Debian's postgresql-client-15 in /usr/lib/postgresql/15/bin, or from the folder named by the
// environment variable PG_BIN, and must be of the server's major version.
std::filesystem::path pg_tool(std::string_view name);

// How a child process reaches the server without a password on its command line (where `ps`
// would show it): `dbname` is the connection setting without its password, and `password` goes
// into PGPASSWORD of the child's environment only.
struct ToolConnection {
    std::string dbname;
    std::string password;
};
Result<ToolConnection> tool_connection(const std::string& url);

// Runs `program` with `arguments`, the current environment plus `environment` ("NAME=value"),
// and gives every line of its standard output (without the newline) to `on_line`, when given.
// A non-zero exit is Unavailable, with the program's standard error as the detail. When
// `on_line` answers an error, the child is killed and that error is the answer.
Status run_tool(const std::filesystem::path& program, const std::vector<std::string>& arguments,
                const std::vector<std::string>& environment,
                const std::function<Status(std::string_view)>& on_line = {});

// Whether `error` is run_tool's answer for `program` (its file name, "pg_restore") having run
// and exited non-zero, as opposed to its not being installed or `on_line` refusing a line.
bool tool_exited_with_error(const Error& error, std::string_view program);

}  // namespace retorno::postgres
