#include "store/postgres/pg_tools.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include <libpq-fe.h>

#include "store/postgres/postgres_url.h"

extern char** environ;

namespace retorno::postgres {

namespace {

// Quotes a conninfo value: single quotes, with backslash escapes.
std::string quote(std::string_view value) {
    std::string out = "'";
    for (char c : value) {
        if (c == '\'' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "'";
}

std::string read_all(int fd) {
    std::string out;
    char buffer[4096];
    ssize_t n = 0;
    while ((n = ::read(fd, buffer, sizeof buffer)) > 0)
        out.append(buffer, static_cast<std::size_t>(n));
    return out;
}

std::string failed_message(std::string_view program) {
    return std::string(program) + " failed.";
}

Error tool_failed(const std::filesystem::path& program, std::string detail) {
    while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' '))
        detail.pop_back();
    return Error::make(ErrorCode::Unavailable, failed_message(program.filename().string()),
                       std::move(detail));
}

}  // namespace

std::filesystem::path pg_tool(std::string_view name) {
    const char* bin = std::getenv("PG_BIN");
    std::filesystem::path folder =
        bin != nullptr && *bin != '\0' ? bin : "/usr/lib/postgresql/15/bin";
    return folder / std::string(name);
}

Result<ToolConnection> tool_connection(const std::string& url) {
    auto settings = TRY(parse_connection_settings(url));
    char* error = nullptr;
    std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(
        PQconninfoParse(settings.conninfo.c_str(), &error), &PQconninfoFree);
    if (!options) {
        if (error != nullptr)
            PQfreemem(error);
        return fail(Error::make(ErrorCode::InvalidInput,
                                "The PostgreSQL connection setting cannot be read."));
    }
    ToolConnection out;
    for (const PQconninfoOption* option = options.get(); option->keyword != nullptr; ++option) {
        if (option->val == nullptr || *option->val == '\0')
            continue;
        std::string_view keyword = option->keyword;
        if (keyword == "password") {
            out.password = option->val;
            continue;
        }
        if (!out.dbname.empty())
            out.dbname += ' ';
        out.dbname += std::string(keyword) + "=" + quote(option->val);
    }
    return out;
}

Status run_tool(const std::filesystem::path& program, const std::vector<std::string>& arguments,
                const std::vector<std::string>& environment,
                const std::function<Status(std::string_view)>& on_line) {
    if (::access(program.c_str(), X_OK) != 0) {
        return fail(Error::make(ErrorCode::Unavailable,
                                program.string() + " is not installed (apt-get install "
                                                   "postgresql-client-15, or set PG_BIN)."));
    }
    // Standard error goes to an unlinked temporary file, so that a chatty child can never block
    // on a full pipe while its standard output is being read.
    char error_template[] = "/tmp/retorno-pgtool.XXXXXX";
    int error_fd = ::mkstemp(error_template);
    if (error_fd < 0)
        return fail(Error::internal("mkstemp failed"));
    ::unlink(error_template);
    int out_pipe[2];
    if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
        ::close(error_fd);
        return fail(Error::internal("pipe failed"));
    }

    std::vector<std::string> argv_text{program.string()};
    argv_text.insert(argv_text.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (auto& a : argv_text)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_text;
    for (char** e = environ; *e != nullptr; ++e)
        env_text.emplace_back(*e);
    env_text.insert(env_text.end(), environment.begin(), environment.end());
    std::vector<char*> envp;
    for (auto& e : env_text)
        envp.push_back(e.data());
    envp.push_back(nullptr);

    pid_t pid = ::fork();
    if (pid < 0) {
        ::close(out_pipe[0]);
        ::close(out_pipe[1]);
        ::close(error_fd);
        return fail(Error::internal("fork failed"));
    }
    if (pid == 0) {
        ::dup2(out_pipe[1], STDOUT_FILENO);
        ::dup2(error_fd, STDERR_FILENO);
        ::execve(argv[0], argv.data(), envp.data());
        ::_exit(127);
    }
    ::close(out_pipe[1]);

    Status outcome;
    FILE* out = ::fdopen(out_pipe[0], "r");
    char* line = nullptr;
    std::size_t capacity = 0;
    ssize_t length = 0;
    while ((length = ::getline(&line, &capacity, out)) >= 0) {
        std::string_view text(line, static_cast<std::size_t>(length));
        if (!text.empty() && text.back() == '\n')
            text.remove_suffix(1);
        if (!on_line)
            continue;
        if (auto taken = on_line(text); !taken) {
            outcome = fail(taken.error());
            ::kill(pid, SIGTERM);
            break;
        }
    }
    std::free(line);
    std::fclose(out);

    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    ::lseek(error_fd, 0, SEEK_SET);
    std::string errors = read_all(error_fd);
    ::close(error_fd);
    if (!outcome)
        return outcome;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        if (WIFEXITED(status) && WEXITSTATUS(status) == 127 && errors.empty())
            errors = "cannot execute " + program.string();
        return fail(tool_failed(program, std::move(errors)));
    }
    return {};
}

bool tool_exited_with_error(const Error& error, std::string_view program) {
    return error.code == ErrorCode::Unavailable && error.message == failed_message(program);
}

}  // namespace retorno::postgres
