#pragma once

#include <memory>
#include <thread>

#include "access/access_services.h"
#include "http/api.h"
#include "http/server.h"
#include "service/case_service.h"
#include "store/store.h"
#include "store/store_backends.h"
#include "support/api/http_client.h"
#include "support/throwaway_dir.h"
#include "web/web_context.h"

namespace retorno::testing {

// The real server on an ephemeral loopback port, over a throwaway store of either backend
// (a SQLite file, or a fresh PostgreSQL database on the test cluster), running on its own
// threads for the duration of a test, with the API and the web pages. `router()` may be given
// extra routes before `start()`.
// The store holds one institution (a Mexican child-protection authority) and one user of it,
// `kTestUser`, a supervisor; `client()` is signed in as that user.
class TestServer {
  public:
    static constexpr const char* kTestUser = "tester";
    static constexpr const char* kTestPassword = "test-password-2026";

    explicit TestServer(Backend backend = Backend::Sqlite);
    ~TestServer();

    http::Router& router() { return m_router; }
    http::Limits& limits() { return m_options.limits; }
    // The server's options (TLS files, for example); change them before start().
    http::ServerOptions& options() { return m_options; }
    unsigned short port() const { return m_server->port(); }
    const std::string& token() const { return m_token; }
    void start();
    void stop();  // graceful shutdown, waits until run() returned

    // Signed in as kTestUser (Authorization: Bearer on every request but raw()).
    HttpClient client() const { return anonymous_client().with_bearer(m_token); }
    HttpClient anonymous_client() const { return HttpClient(m_server->port()); }

    const Institution& institution() const { return m_institution; }
    Institution add_institution(const std::string& country, const std::string& type);
    // A user with kTestPassword.
    User add_user(const Institution& institution, std::vector<Role> roles,
                  const std::string& username);
    // Signs a user in (with kTestPassword) and answers the bearer token.
    std::string sign_in(const std::string& username);
    access::AccessServices& security() { return *m_security; }
    Store& store() { return *m_backing.store; }
    // The SQLite file behind store() (Backend::Sqlite only), for tests that change it by hand.
    std::filesystem::path sqlite_file() const { return m_backing.sqlite_file(); }
    // Another handle on the same database, as a second `retorno serve` process opens it.
    std::unique_ptr<Store> open_another_store();
    const protocol::ProtocolRegistry& protocols() const { return m_protocols; }
    CaseService& cases() { return *m_cases; }
    web::WebContext& web() { return *m_web; }

  private:
    StoreUnderTest m_backing;
    protocol::ProtocolRegistry m_protocols;
    SystemClock m_clock;
    std::unique_ptr<CaseService> m_cases;
    std::unique_ptr<access::AccessServices> m_security;
    Institution m_institution;
    std::string m_token;
    http::ServerOptions m_options;
    http::Router m_router;
    std::unique_ptr<http::ApiContext> m_api;
    std::unique_ptr<web::WebContext> m_web;
    std::unique_ptr<http::Server> m_server;
    std::thread m_thread;
};

// Both backends, for INSTANTIATE_TEST_SUITE_P of API tests.
inline const std::vector<Backend> kBothBackends{Backend::Sqlite, Backend::Postgres};

// A valid body for POST /api/v1/cases, with a synthetic child.
std::string sample_case_body();

}  // namespace retorno::testing
