// The least-privilege setup of docs/operations.md works: a schema owner migrates, the grants
// of docs/postgres-grants.sql are all that the application role needs, and that role cannot
// change the event log or the schema.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "store/store_backends.h"
#include "support/file_text.h"

namespace retorno::testing {
namespace {

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

// The server URL with other credentials: "postgresql://u:p@h:1/db" as "postgresql://r:s@h:1/db".
std::string as_role(const std::string& url, const std::string& role, const std::string& password) {
    return "postgresql://" + role + ":" + password + url.substr(url.find('@'));
}

class PostgresRoles : public ::testing::Test {
  protected:
    void SetUp() override {
        RETORNO_REQUIRE_POSTGRES();
        auto server = postgres_test_url();
        m_server = *server;
        m_database = std::make_unique<ThrowawayDatabase>(m_server);
        // Roles belong to the whole cluster, so their names are as unique as the database's.
        m_owner = m_database->name() + "_owner";
        m_app = m_database->name() + "_app";
        m_database->execute(fmt::format(
            "CREATE ROLE {0} LOGIN PASSWORD 'owner-pw'; CREATE ROLE {1} LOGIN PASSWORD 'app-pw'; "
            "ALTER DATABASE {2} OWNER TO {0}; REVOKE ALL ON DATABASE {2} FROM PUBLIC; "
            "GRANT CONNECT ON DATABASE {2} TO {1}",
            m_owner, m_app, m_database->name()));
    }

    void TearDown() override {
        if (!m_database)
            return;
        m_database.reset();
        try {
            pqxx::connection admin(postgres::parse_connection_settings(m_server)->conninfo);
            pqxx::nontransaction tx(admin);
            tx.exec(fmt::format("DROP ROLE IF EXISTS {}; DROP ROLE IF EXISTS {}", m_app, m_owner));
        } catch (const std::exception& e) {
            ADD_FAILURE() << "could not drop the test roles: " << e.what();
        }
    }

    std::string url_of(const std::string& role, const std::string& password) const {
        return as_role(m_database->url(), role, password);
    }

    std::string m_server;
    std::unique_ptr<ThrowawayDatabase> m_database;
    std::string m_owner;
    std::string m_app;
};

TEST_F(PostgresRoles, TheApplicationRoleWorksWithTheDocumentedGrantsOnly) {
    // Before the owner has migrated, the application role may not create the schema.
    auto too_early = PostgresStore::open(url_of(m_app, "app-pw"), 1);
    ASSERT_FALSE(too_early);
    EXPECT_NE(too_early.error().message.find("privilege"), std::string::npos)
        << too_early.error().message << " / " << too_early.error().detail;

    {
        auto owner = PostgresStore::open(url_of(m_owner, "owner-pw"), 1);
        ASSERT_TRUE(owner) << owner.error().message << " / " << owner.error().detail;
    }
    std::string grants =
        read_file(std::filesystem::path(RETORNO_SOURCE_ROOT) / "docs/postgres-grants.sql");
    ASSERT_FALSE(grants.empty());
    {
        pqxx::connection owner(
            postgres::parse_connection_settings(url_of(m_owner, "owner-pw"))->conninfo);
        pqxx::nontransaction tx(owner);
        tx.exec(replace_all(grants, "retorno_app", m_app));
    }

    auto opened = PostgresStore::open(url_of(m_app, "app-pw"), 2);
    ASSERT_TRUE(opened) << opened.error().message << " / " << opened.error().detail;
    Store& store = **opened;
    Case c = make_case(Id::generate(), 1);
    ASSERT_TRUE(store.append(make_event(c), c));
    Case next = make_case(c.id, 2);
    auto appended = store.append(make_event(next), next);
    ASSERT_TRUE(appended) << appended.error().detail;
    EXPECT_EQ(store.case_events(c.id, 0, 10).value().size(), 2u);
    EXPECT_EQ(store.list_cases(CaseFilter{.country = "GT"}).value().cases.size(), 1u);
    Institution office{Id::generate(), "HN", "Ministry", "Oficina de Prueba", std::nullopt};
    ASSERT_TRUE(store.put_institution(office));
    ASSERT_TRUE(store.put_institution(office));
    User user{Id::generate(),     "rol.prueba", "Rol Prueba", office.id,
              {Role::Caseworker}, "h",          false};
    ASSERT_TRUE(store.put_user(user));
    ASSERT_TRUE(store.put_user(user));

    pqxx::connection app(postgres::parse_connection_settings(url_of(m_app, "app-pw"))->conninfo);
    for (const char* sql :
         {"UPDATE events SET step = 'x'", "DELETE FROM events", "DELETE FROM cases",
          "CREATE TABLE intruder (x int)", "DROP TABLE cases"}) {
        pqxx::nontransaction tx(app);
        EXPECT_THROW(tx.exec(sql), pqxx::sql_error) << sql;
    }
}

}  // namespace
}  // namespace retorno::testing
