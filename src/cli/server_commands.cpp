#include <sys/stat.h>

#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>
#include <boost/asio/ip/address.hpp>

#include "audit/signing_key.h"
#include "cli/commands.h"
#include "core/resources.h"
#include "crypto/keyring.h"
#include "http/api.h"
#include "http/server.h"
#include "service/demo_data.h"
#include "service/deployment.h"
#include "store/postgres/postgres_url.h"
#include "synthetic/institutions.h"
#include "web/pages.h"

namespace retorno::cli {

namespace {

struct InitOptions {
    std::string data = "data";
    std::string database;
    bool demo = false;
    int demo_cases = 300;
};

struct ServeOptions {
    std::string data = "data";
    std::string listen;
    std::string tls_cert;
    std::string tls_key;
};

void report(const Error& error) {
    std::cerr << "retorno: " << error.message << "\n";
    if (!error.detail.empty())
        std::cerr << "  (" << error.detail << ")\n";
}

int run_init(const InitOptions& options) {
    std::filesystem::path dir = options.data;
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        std::cerr << "retorno: cannot create " << dir << ": " << ec.message() << "\n";
        return 2;
    }
    // The folder holds personal data and, later, keys: only its owner may enter it.
    ::chmod(dir.c_str(), 0700);
    auto config_file = dir / kConfigFileName;
    if (!std::filesystem::exists(config_file)) {
        Config config;
        if (!options.database.empty())
            config.database = options.database;
        std::ofstream out(config_file);
        out << default_config_text(config);
        if (!out) {
            std::cerr << "retorno: cannot write " << config_file << "\n";
            return 2;
        }
        ::chmod(config_file.c_str(), 0600);
    } else if (!options.database.empty()) {
        auto existing = load_config(config_file);
        if (existing && existing->database != options.database) {
            std::cerr
                << "retorno: " << config_file
                << " already names another database; edit it, or use another --data folder.\n";
            return 2;
        }
    }
    // The audit trail's signing key lives in the data folder, never in the database
    // (docs/security.md); an existing key is kept.
    if (auto key = audit::create_signing_key(dir / "keys" / audit::kAuditKeyFile); !key) {
        report(key.error());
        return 2;
    }
    // So does the data key of field encryption (crypto/keyring.h); an existing one is kept.
    if (auto key = create_keyring_file(data_key_file(dir)); !key) {
        report(key.error());
        return 2;
    }
    auto deployment = open_deployment(dir, MustExist::Yes);
    if (!deployment) {
        report(deployment.error());
        return 2;
    }
    auto& store = *(*deployment)->store;
    std::cout << "retorno: data folder " << dir.string() << " is ready (" << store.describe()
              << ").\n";
    if (!options.demo)
        return 0;
    auto existing = store.list_institutions();
    if (!existing) {
        report(existing.error());
        return 2;
    }
    Result<std::vector<DemoLogin>> logins;
    if (!existing->empty()) {
        std::cout << "retorno: the folder already holds data; no demo data added.\n";
        logins = existing_demo_logins(store);
    } else {
        std::cout << "retorno: adding demo institutions, users and " << options.demo_cases
                  << " synthetic cases...\n";
        logins =
            seed_demo_data(store, *(*deployment)->cases, options.demo_cases, synthetic::kDemoSeed);
    }
    if (!logins) {
        report(logins.error());
        return 2;
    }
    if (logins->empty())
        return 0;
    std::cout << "\nDemo sign-ins (password for all: " << kDemoPassword << "):\n";
    for (const auto& login : *logins) {
        std::printf("  %-22s %-24s %s\n", login.username.c_str(), login.role.c_str(),
                    login.institution.c_str());
    }
    std::cout << "\n";
    return 0;
}

bool is_loopback(const std::string& host) {
    boost::system::error_code ec;
    auto address = boost::asio::ip::make_address(host, ec);
    return !ec && address.is_loopback();
}

int run_serve(const ServeOptions& options) {
    auto opened = open_deployment(options.data, MustExist::Yes);
    if (!opened) {
        report(opened.error());
        return 2;
    }
    auto& deployment = **opened;
    const auto& config = deployment.config;
    if (auto level = spdlog::level::from_str(config.log_level); level != spdlog::level::off) {
        spdlog::set_level(level);
    }
    auto listen = parse_listen_address(options.listen.empty() ? config.listen : options.listen);
    if (!listen) {
        report(listen.error());
        return 2;
    }
    // TLS files from the command line, else from the configuration; relative paths are inside
    // the data folder.
    auto in_data = [&](const std::string& file) {
        if (file.empty() || std::filesystem::path(file).is_absolute())
            return file;
        return (std::filesystem::path(options.data) / file).string();
    };
    const std::string tls_cert =
        options.tls_cert.empty() ? in_data(config.tls_cert) : options.tls_cert;
    const std::string tls_key = options.tls_key.empty() ? in_data(config.tls_key) : options.tls_key;
    // Every route but /healthz, the OpenAPI document and sign-in needs a session, so any
    // address may be served; without TLS in front, tokens and data cross the network in clear.
    if (tls_cert.empty() && !is_loopback(listen->host)) {
        spdlog::warn("listening on {} without TLS: put a TLS-terminating proxy in front of it",
                     listen->host);
    }
    auto key = audit::load_signing_key(std::filesystem::path(options.data) / "keys" /
                                       audit::kAuditKeyFile);
    if (!key) {
        report(key.error());
        return 2;
    }
    http::ServerOptions server_options;
    server_options.host = listen->host;
    server_options.port = listen->port;
    server_options.threads = static_cast<unsigned>(config.threads);
    server_options.handler_threads = static_cast<unsigned>(config.handler_threads);
    // Reads on the network threads only when the store answers them from memory.
    server_options.quick_on_network_threads = !postgres::is_postgres_url(config.database);
    server_options.limits.body_bytes = static_cast<std::size_t>(config.max_body_bytes);
    server_options.limits.header_bytes = static_cast<std::size_t>(config.max_header_bytes);
    server_options.limits.json_depth = static_cast<std::size_t>(config.max_json_depth);
    server_options.limits.string_bytes = static_cast<std::size_t>(config.max_string_bytes);
    server_options.limits.request_timeout = std::chrono::seconds(config.request_timeout_seconds);
    server_options.tls_certificate_file = tls_cert;
    server_options.tls_key_file = tls_key;

    http::Router router;
    access::AccessServices security(*deployment.store, *deployment.cases, deployment.clock, *key);
    security.audit.set_commit_interval(std::chrono::milliseconds(config.audit_commit_interval_ms));
    security.addresses.set_rate(static_cast<double>(config.address_requests_per_second),
                                10.0 * static_cast<double>(config.address_requests_per_second));
    security.sessions.set_rate(static_cast<double>(config.session_requests_per_second),
                               10.0 * static_cast<double>(config.session_requests_per_second));
    http::ApiContext api{*deployment.cases, *deployment.store, server_options.limits, &security,
                         deployment.read_replica.get()};
    // One dashboard for the pages and the API, computed beside the server (below).
    auto dashboards = std::make_shared<reports::DashboardCache>();
    api.dashboards = dashboards;
    // The inboxes read the open-tasks projection; cases appended by an older binary, restored
    // or moved from another store, or derived under other protocol files are derived again.
    if (auto refreshed = deployment.cases->refresh_open_tasks(); !refreshed) {
        spdlog::error("open tasks: {}", refreshed.error().detail.empty()
                                            ? refreshed.error().message
                                            : refreshed.error().detail);
    } else if (*refreshed > 0) {
        spdlog::info("open tasks: derived again for {} cases", *refreshed);
    }
    // The person index is built now rather than by the first search; a failure leaves the
    // search answering 503 and everything else working.
    if (auto built = security.person_index.refresh(); !built) {
        spdlog::error("person index: {}",
                      built.error().detail.empty() ? built.error().message : built.error().detail);
    }
    http::add_api_routes(router, api);
    auto web =
        web::make_web_context(resource_root(), *deployment.cases, *deployment.store, security,
                              deployment.protocols, deployment.clock, server_options.limits);
    if (!web) {
        report(web.error());
        return 2;
    }
    (*web)->reports = deployment.read_replica.get();
    (*web)->dashboards = dashboards;
    web::add_web_routes(router, **web);
    http::Server server(router, server_options);
    if (auto listening = server.listen(); !listening) {
        report(listening.error());
        return 2;
    }
    std::cout << "retorno " << RETORNO_VERSION << " serving on "
              << (tls_cert.empty() ? "http://" : "https://")
              << (listen->host.find(':') != std::string::npos ? "[" + listen->host + "]"
                                                              : listen->host)
              << ":" << server.port() << " (" << deployment.store->describe() << ")" << std::endl;
    // Overdue tasks are escalated on a schedule, beside the server. Escalations are idempotent
    // and appended with optimistic concurrency, so several processes may run this safely.
    std::mutex stop_mutex;
    std::condition_variable stop_signal;
    bool stopped = false;
    std::thread escalations([&] {
        std::unique_lock lock(stop_mutex);
        while (!stopped) {
            lock.unlock();
            auto raised = deployment.cases->raise_escalations();
            if (!raised) {
                spdlog::error("escalations: {}", raised.error().detail.empty()
                                                     ? raised.error().message
                                                     : raised.error().detail);
            } else if (*raised > 0) {
                spdlog::info("escalations: {} overdue tasks raised", *raised);
            }
            lock.lock();
            stop_signal.wait_for(lock, std::chrono::seconds(config.escalation_interval_seconds),
                                 [&] { return stopped; });
        }
    });
    // The dashboard is computed now and every half its age limit, beside the server, so that
    // no supervisor waits for it; it reads from the read replica when there is one.
    std::thread dashboard_refresh([&] {
        CaseService reading(deployment.report_store(), deployment.clock, deployment.protocols);
        reports::DashboardService service(reading, deployment.clock);
        std::unique_lock lock(stop_mutex);
        while (!stopped) {
            lock.unlock();
            if (auto refreshed = dashboards->refresh(service); !refreshed) {
                spdlog::error("dashboard: {}", refreshed.error().detail.empty()
                                                   ? refreshed.error().message
                                                   : refreshed.error().detail);
            }
            lock.lock();
            stop_signal.wait_for(lock, dashboards->max_age() / 2, [&] { return stopped; });
        }
    });
    server.run(http::Server::Signals::Handle);
    {
        std::lock_guard lock(stop_mutex);
        stopped = true;
    }
    stop_signal.notify_all();
    escalations.join();
    dashboard_refresh.join();
    std::cout << "retorno: stopped." << std::endl;
    return 0;
}

}  // namespace

void add_server_commands(CLI::App& app, CliContext& context) {
    auto init_options = std::make_shared<InitOptions>();
    auto* init = app.add_subcommand("init", "Prepare a data folder: configuration and database");
    init->add_option("--data", init_options->data, "The data folder")->capture_default_str();
    init->add_option("--database", init_options->database,
                     "sqlite:FILE (default sqlite:retorno.db) or a postgresql:// URL");
    init->add_flag("--demo", init_options->demo,
                   "Add demo institutions, users and synthetic cases to an empty store");
    init->add_option("--demo-cases", init_options->demo_cases, "How many synthetic demo cases")
        ->check(CLI::Range(0, 1000000))
        ->capture_default_str();
    init->callback([init_options, &context] { context.exit_code = run_init(*init_options); });

    auto serve_options = std::make_shared<ServeOptions>();
    auto* serve = app.add_subcommand("serve", "Serve the API and the web pages");
    serve->add_option("--data", serve_options->data, "The data folder")->capture_default_str();
    serve->add_option("--listen", serve_options->listen,
                      "HOST:PORT to listen on (default from the configuration, 127.0.0.1:8080)");
    serve->add_option("--tls-cert", serve_options->tls_cert,
                      "PEM certificate (chain) to serve HTTPS with (default: tls_cert setting)");
    serve->add_option("--tls-key", serve_options->tls_key,
                      "PEM private key of that certificate (default: tls_key setting)");
    serve->callback([serve_options, &context] { context.exit_code = run_serve(*serve_options); });
}

}  // namespace retorno::cli
