#include "service/config.h"
#include "core/whole_number.h"

#include <charconv>
#include <fstream>
#include <optional>
#include <sstream>

#include <fmt/format.h>

namespace retorno {

namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
        text.remove_suffix(1);
    }
    return text;
}

}  // namespace

Result<Config> parse_config(std::string_view text, const std::string& file_name) {
    Config config;
    int line_number = 0;
    std::istringstream lines{std::string(text)};
    std::string raw;
    while (std::getline(lines, raw)) {
        ++line_number;
        auto line = trim(raw);
        if (line.empty() || line.front() == '#')
            continue;
        auto where = fmt::format("{}:{}", file_name, line_number);
        auto equals = line.find('=');
        if (equals == std::string_view::npos) {
            return fail(Error::invalid(where, where + ": expected `key = value`."));
        }
        auto key = trim(line.substr(0, equals));
        auto value = trim(line.substr(equals + 1));
        std::string text_value;
        std::optional<std::int64_t> number;
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
            text_value = std::string(value.substr(1, value.size() - 2));
        } else {
            number = whole_number<std::int64_t>(value);
            if (!number) {
                return fail(Error::invalid(
                    where, where + ": a value must be a \"quoted string\" or a whole number."));
            }
        }
        auto want_text = [&](std::string& target) -> Status {
            if (number)
                return fail(Error::invalid(
                    where, fmt::format("{}: '{}' takes a quoted string.", where, key)));
            target = text_value;
            return {};
        };
        auto want_number = [&](std::int64_t& target, std::int64_t min, std::int64_t max) -> Status {
            if (!number || *number < min || *number > max) {
                return fail(Error::invalid(
                    where, fmt::format("{}: '{}' takes a whole number from {} to {}.", where, key,
                                       min, max)));
            }
            target = *number;
            return {};
        };
        if (key == "listen") {
            TRY_STATUS(want_text(config.listen));
            TRY(parse_listen_address(config.listen));
        } else if (key == "database") {
            TRY_STATUS(want_text(config.database));
        } else if (key == "read_database") {
            TRY_STATUS(want_text(config.read_database));
        } else if (key == "log_level") {
            TRY_STATUS(want_text(config.log_level));
        } else if (key == "max_body_bytes") {
            TRY_STATUS(want_number(config.max_body_bytes, 1024, 64 * 1024 * 1024));
        } else if (key == "max_header_bytes") {
            TRY_STATUS(want_number(config.max_header_bytes, 1024, 64 * 1024));
        } else if (key == "max_json_depth") {
            TRY_STATUS(want_number(config.max_json_depth, 2, 64));
        } else if (key == "max_string_bytes") {
            TRY_STATUS(want_number(config.max_string_bytes, 64, 1024 * 1024));
        } else if (key == "request_timeout_seconds") {
            TRY_STATUS(want_number(config.request_timeout_seconds, 1, 600));
        } else if (key == "threads") {
            TRY_STATUS(want_number(config.threads, 0, 256));
        } else if (key == "handler_threads") {
            TRY_STATUS(want_number(config.handler_threads, 0, 1024));
        } else if (key == "audit_commit_interval_ms") {
            TRY_STATUS(want_number(config.audit_commit_interval_ms, 0, 1000));
        } else if (key == "tls_cert") {
            TRY_STATUS(want_text(config.tls_cert));
        } else if (key == "tls_key") {
            TRY_STATUS(want_text(config.tls_key));
        } else if (key == "escalation_interval_seconds") {
            TRY_STATUS(want_number(config.escalation_interval_seconds, 10, 86400));
        } else if (key == "address_requests_per_second") {
            TRY_STATUS(want_number(config.address_requests_per_second, 1, 1'000'000));
        } else if (key == "session_requests_per_second") {
            TRY_STATUS(want_number(config.session_requests_per_second, 1, 1'000'000));
        } else {
            return fail(
                Error::invalid(where, fmt::format("{}: unknown setting '{}'.", where, key)));
        }
    }
    return config;
}

Result<Config> load_config(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in)
        return Config{};
    std::stringstream text;
    text << in.rdbuf();
    return parse_config(text.str(), file.string());
}

std::string default_config_text(const Config& config) {
    return fmt::format(
        "# retorno configuration. Command-line options override these settings.\n"
        "# Address and port to serve on. Without TLS, serve on loopback behind a TLS proxy.\n"
        "listen = \"{}\"\n"
        "# \"sqlite:FILE\" (a file in this folder) or a postgresql:// URL.\n"
        "database = \"{}\"\n"
        "# trace, debug, info, warn or error. Personal data is never logged at any level.\n"
        "log_level = \"{}\"\n"
        "# Limits on requests; each one exceeded is refused with its own error.\n"
        "max_body_bytes = {}\n"
        "max_header_bytes = {}\n"
        "max_json_depth = {}\n"
        "max_string_bytes = {}\n"
        "request_timeout_seconds = {}\n"
        "# Network threads (0 means one per core), and threads that run the request handlers,\n"
        "# which wait on the database.\n"
        "threads = {}\n"
        "handler_threads = {}\n"
        "# The audit entries of reads are committed together, at most once per this many\n"
        "# milliseconds: under load more reads share each commit (0: commit as soon as possible).\n"
        "audit_commit_interval_ms = {}\n"
        "# How often, in seconds, overdue protocol tasks are escalated to their supervisors.\n"
        "escalation_interval_seconds = {}\n"
        "# Requests per second of signed-in routes, per client address and per session; a\n"
        "# client may burst ten times the rate. Beyond it the answer is 429 with Retry-After.\n"
        "address_requests_per_second = {}\n"
        "session_requests_per_second = {}\n",
        config.listen, config.database, config.log_level, config.max_body_bytes,
        config.max_header_bytes, config.max_json_depth, config.max_string_bytes,
        config.request_timeout_seconds, config.threads, config.handler_threads,
        config.audit_commit_interval_ms, config.escalation_interval_seconds,
        config.address_requests_per_second, config.session_requests_per_second);
}

Result<ListenAddress> parse_listen_address(std::string_view text) {
    auto colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0) {
        return fail(
            Error::invalid("listen", "'listen' must be HOST:PORT, such as 127.0.0.1:8080."));
    }
    ListenAddress address;
    auto host = text.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    address.host = std::string(host);
    auto port_text = text.substr(colon + 1);
    auto port = whole_number<unsigned>(port_text);
    if (!port || *port > 65535) {
        return fail(
            Error::invalid("listen", "The port in 'listen' must be a number from 0 to 65535."));
    }
    address.port = static_cast<unsigned short>(*port);
    return address;
}

}  // namespace retorno
