#pragma once

#include <memory>
#include <thread>

#include "http/api.h"
#include "http/server.h"
#include "service/case_service.h"
#include "store/store.h"
#include "store/store_backends.h"
#include "support/api/http_client.h"
#include "support/throwaway_dir.h"

namespace retorno::testing {

// The real server on an ephemeral loopback port, over a throwaway store of either backend
// (a SQLite file, or a fresh PostgreSQL database on the test cluster), running on its own
// threads for the duration of a test. `router()` may be given extra routes before `start()`.
class TestServer {
public:
    explicit TestServer(Backend backend = Backend::Sqlite);
    ~TestServer();

    http::Router& router() { return m_router; }
    http::Limits& limits() { return m_options.limits; }
    void start();
    void stop();  // graceful shutdown, waits until run() returned

    HttpClient client() const { return HttpClient(m_server->port()); }
    Store& store() { return *m_backing.store; }
    CaseService& cases() { return *m_cases; }

private:
    StoreUnderTest m_backing;
    protocol::ProtocolRegistry m_protocols;
    SystemClock m_clock;
    std::unique_ptr<CaseService> m_cases;
    http::ServerOptions m_options;
    http::Router m_router;
    std::unique_ptr<http::ApiContext> m_api;
    std::unique_ptr<http::Server> m_server;
    std::thread m_thread;
};

// Both backends, for INSTANTIATE_TEST_SUITE_P of API tests.
inline const std::vector<Backend> kBothBackends{Backend::Sqlite, Backend::Postgres};

// A valid body for POST /api/v1/cases, with a synthetic child.
std::string sample_case_body();

}  // namespace retorno::testing
