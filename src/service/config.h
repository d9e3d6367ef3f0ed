#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/error.h"

namespace retorno {

// The settings of one deployment, read from `<data>/retorno.conf`: lines of `key = value`,
// where a value is a "quoted string" or a whole number, and `#` starts a comment. Command-line
// options override the file. An unknown key or a malformed line is an error naming its line,
// because a silently ignored setting is worse than a refused start.
struct Config {
    std::string listen = "127.0.0.1:8080";
    std::string database = "sqlite:retorno.db";  // or a postgresql://... URL
    std::string read_database;  // empty, or the postgresql:// URL of a hot standby for reports
    std::string log_level = "info";
    std::int64_t max_body_bytes = 1024 * 1024;
    std::int64_t max_header_bytes = 8 * 1024;
    std::int64_t max_json_depth = 16;
    std::int64_t max_string_bytes = 16 * 1024;
    std::int64_t request_timeout_seconds = 30;
    std::int64_t threads = 0;           // 0: one per core
    std::int64_t handler_threads = 16;  // run the handlers, which block on the store
    // The audit trail's writer commits the entries of the reads at most once per interval
    // (audit::AuditTrail::set_commit_interval).
    std::int64_t audit_commit_interval_ms = 2;
    std::int64_t escalation_interval_seconds = 900;  // how often overdue tasks are raised
    // Request rates of signed-in routes (per process); a client may burst ten times the rate.
    std::int64_t address_requests_per_second = 50;
    std::int64_t session_requests_per_second = 20;
    // PEM certificate and private key for HTTPS; both empty: plain HTTP (behind a TLS proxy).
    // Relative paths are inside the data folder.
    std::string tls_cert;
    std::string tls_key;
};

inline constexpr const char* kConfigFileName = "retorno.conf";

Result<Config> load_config(const std::filesystem::path& file);
Result<Config> parse_config(std::string_view text, const std::string& file_name);
std::string default_config_text(const Config& config);

// Splits "HOST:PORT" ("[::1]:8080" for IPv6).
struct ListenAddress {
    std::string host;
    unsigned short port = 0;
};
Result<ListenAddress> parse_listen_address(std::string_view text);

}  // namespace retorno
