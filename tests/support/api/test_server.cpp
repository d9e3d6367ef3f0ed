#include "support/api/test_server.h"

#include <stdexcept>

#include "core/resources.h"
#include "crypto/password.h"
#include "web/pages.h"

namespace retorno::testing {

TestServer::TestServer(Backend backend) {
    auto problem = m_backing.open(backend);
    if (!problem.empty())
        throw std::runtime_error("cannot open the test store: " + problem);
    auto protocols = protocol::ProtocolRegistry::load_default();
    if (!protocols)
        throw std::runtime_error("cannot load protocols: " + protocols.error().message);
    m_protocols = std::move(*protocols);
    m_cases = std::make_unique<CaseService>(*m_backing.store, m_clock, m_protocols);
    m_options.host = "127.0.0.1";
    m_options.port = 0;
    m_options.threads = 2;
    m_options.shutdown_grace = std::chrono::seconds(20);
    // As `retorno serve` does: reads on the network threads over SQLite, on the pool over
    // PostgreSQL; the API tests run on both, so both ways are tested.
    m_options.quick_on_network_threads = backend == Backend::Sqlite;
    m_security =
        std::make_unique<access::AccessServices>(*m_backing.store, *m_cases, m_clock, std::nullopt);
    m_institution = add_institution("MX", "ChildProtectionAuthority");
    add_user(m_institution, {Role::Supervisor}, kTestUser);
}

Institution TestServer::add_institution(const std::string& country, const std::string& type) {
    Institution institution{Id::generate(), country, type,
                            "Institución de prueba " + country + " " + type, std::nullopt};
    if (!m_backing.store->put_institution(institution))
        throw std::runtime_error("cannot add an institution");
    return institution;
}

User TestServer::add_user(const Institution& institution, std::vector<Role> roles,
                          const std::string& username) {
    // One Argon2id hash serves every test user: hashing is slow on purpose.
    static const std::string hash = hash_password(kTestPassword).value();
    User user{Id::generate(), username, username, institution.id, std::move(roles), hash, false};
    if (!m_backing.store->put_user(user))
        throw std::runtime_error("cannot add a user");
    return user;
}

std::string TestServer::sign_in(const std::string& username) {
    auto signed_in = m_security->auth.sign_in({username, kTestPassword, "", "127.0.0.1"});
    if (!signed_in)
        throw std::runtime_error("cannot sign in " + username + ": " + signed_in.error().message);
    return signed_in->token;
}

std::unique_ptr<Store> TestServer::open_another_store() {
    if (m_backing.database) {
        auto opened = PostgresStore::open(m_backing.database->url(), 2);
        if (!opened)
            throw std::runtime_error("cannot open the store again: " + opened.error().message);
        return std::move(*opened);
    }
    auto opened = SqliteStore::open(m_backing.dir.path() / "retorno.db");
    if (!opened)
        throw std::runtime_error("cannot open the store again: " + opened.error().message);
    return std::move(*opened);
}

TestServer::~TestServer() {
    stop();
}

void TestServer::start() {
    m_api = std::make_unique<http::ApiContext>(
        http::ApiContext{*m_cases, *m_backing.store, m_options.limits, m_security.get()});
    http::add_api_routes(m_router, *m_api);
    auto web = web::make_web_context(resource_root(), *m_cases, *m_backing.store, *m_security,
                                     m_protocols, m_clock, m_options.limits);
    if (!web)
        throw std::runtime_error("cannot load the web assets: " + web.error().detail);
    m_web = std::move(*web);
    web::add_web_routes(m_router, *m_web);
    m_server = std::make_unique<http::Server>(m_router, m_options);
    auto listening = m_server->listen();
    if (!listening)
        throw std::runtime_error("cannot listen: " + listening.error().message);
    m_token = sign_in(kTestUser);
    m_thread = std::thread([this] { m_server->run(http::Server::Signals::Ignore); });
}

void TestServer::stop() {
    if (!m_thread.joinable())
        return;
    m_server->shutdown();
    m_thread.join();
}

std::string sample_case_body() {
    return R"({"person": {"prs_FirstName": "Ana Lucía", "prs_SecondName": "Pérez Xol",
               "prs_Birthdate": "2011-03-04", "prs_Gender": "Feminine",
               "prs_Citizenship": ["GT"], "prs_PrimaryLanguage": "es"},
               "victim": {"vic_TypeOfExploitation": ["ForcedLabour"]},
               "origin_country": "GT", "destination_country": "MX"})";
}

}  // namespace retorno::testing
