// What only the PostgreSQL store has: connection settings, migrations on a shared server, the
// database's own guard of the event log, and errors that keep server text out of messages.

#include <gtest/gtest.h>

#include <latch>
#include <thread>

#include <boost/json.hpp>

#include "store/open_store.h"
#include "store/postgres/postgres_schema.h"
#include "store/store_backends.h"

namespace retorno::testing {
namespace {

TEST(PostgresUrl, RecognisesOnlyPostgresSchemes) {
    EXPECT_TRUE(postgres::is_postgres_url("postgresql://u@h/db"));
    EXPECT_TRUE(postgres::is_postgres_url("postgres://u@h/db"));
    EXPECT_FALSE(postgres::is_postgres_url("sqlite:retorno.db"));
    EXPECT_FALSE(postgres::is_postgres_url("mysql://u@h/db"));
    EXPECT_FALSE(postgres::is_postgres_url(""));
}

TEST(PostgresUrl, AWrongUrlIsInvalidInputAndItsPasswordIsNotRepeated) {
    for (const std::string url : {"postgresql://ana:s3cret@host/db?no_such_option=1",
                                  "postgresql://ana:s3cret@[::1/db", "mysql://ana:s3cret@h/db"}) {
        auto parsed = postgres::parse_connection_settings(url);
        ASSERT_FALSE(parsed) << url;
        EXPECT_EQ(parsed.error().code, ErrorCode::InvalidInput) << url;
        EXPECT_EQ(parsed.error().message.find("s3cret"), std::string::npos) << url;
        EXPECT_EQ(parsed.error().detail.find("s3cret"), std::string::npos) << url;
    }
}

TEST(PostgresUrl, SettingsAddATimeoutAndDisplayNoPassword) {
    auto parsed =
        postgres::parse_connection_settings("postgresql://ana:s3cret@db.example:6543/cases");
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->display, "ana@db.example:6543/cases");
    EXPECT_EQ(parsed->database, "cases");
    EXPECT_NE(parsed->conninfo.find("connect_timeout="), std::string::npos);
    auto given = postgres::parse_connection_settings("postgresql://h/db?connect_timeout=2");
    ASSERT_TRUE(given);
    EXPECT_NE(given->conninfo.find("connect_timeout='2'"), std::string::npos);
    EXPECT_EQ(given->conninfo.find("connect_timeout=5"), std::string::npos);
}

TEST(PostgresUrl, WithDatabaseReplacesOnlyTheDatabase) {
    struct Row {
        const char* url;
        const char* expected;
    };
    for (const auto& row : {
             Row{"postgresql://u:p@h:5432/postgres", "postgresql://u:p@h:5432/t1"},
             Row{"postgresql://u@h/postgres?sslmode=disable",
                 "postgresql://u@h/t1?sslmode=disable"},
             Row{"postgresql://u@h", "postgresql://u@h/t1"},
             Row{"postgresql://u@h?sslmode=disable", "postgresql://u@h/t1?sslmode=disable"},
         }) {
        EXPECT_EQ(postgres::with_database(row.url, "t1").value(), row.expected) << row.url;
    }
}

TEST(OpenStore, ChoosesTheBackendFromTheSetting) {
    ThrowawayDir dir;
    // Without the data folder's key file no store opens.
    auto keyless = open_store("", dir.path());
    ASSERT_FALSE(keyless);
    EXPECT_EQ(keyless.error().code, ErrorCode::Unavailable);
    ASSERT_TRUE(create_keyring_file(data_key_file(dir.path())));
    auto sqlite = open_store("", dir.path());
    ASSERT_TRUE(sqlite) << sqlite.error().detail;
    EXPECT_NE((*sqlite)->describe().find("sqlite"), std::string::npos);
    EXPECT_TRUE(std::filesystem::exists(dir.path() / "retorno.db"));
    auto named = open_store("sqlite:other.db", dir.path());
    ASSERT_TRUE(named) << named.error().detail;
    EXPECT_TRUE(std::filesystem::exists(dir.path() / "other.db"));

    auto unknown = open_store("oracle://x", dir.path());
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::InvalidInput);
}

// Port 1 on loopback refuses connections at once on any Linux machine, so this needs no
// server and no timing.
TEST(PostgresStore, AServerThatIsDownAtOpenIsUnavailable) {
    ThrowawayDir dir;
    ASSERT_TRUE(create_keyring_file(data_key_file(dir.path())));
    auto opened = open_store("postgresql://retorno:s3cret@127.0.0.1:1/retorno", dir.path());
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.error().code, ErrorCode::Unavailable);
    EXPECT_EQ(opened.error().message, "The database cannot be reached.");
    EXPECT_FALSE(opened.error().detail.empty());
}

class PostgresOnly : public ::testing::Test {
  protected:
    void SetUp() override {
        RETORNO_REQUIRE_POSTGRES();
        auto server = postgres_test_url();
        m_database = std::make_unique<ThrowawayDatabase>(*server);
    }

    std::unique_ptr<PostgresStore> open() {
        auto opened = PostgresStore::open(m_database->url(), 2);
        EXPECT_TRUE(opened) << opened.error().message << " / " << opened.error().detail;
        return opened ? std::move(*opened) : nullptr;
    }

    std::unique_ptr<ThrowawayDatabase> m_database;
};

TEST_F(PostgresOnly, MigrationsAreAppliedOnceAndRecorded) {
    ASSERT_NE(open(), nullptr);
    ASSERT_NE(open(), nullptr);
    pqxx::connection connection(postgres::parse_connection_settings(m_database->url())->conninfo);
    pqxx::read_transaction tx(connection);
    auto rows = tx.exec("SELECT version FROM schema_migrations ORDER BY version");
    ASSERT_EQ(rows.size(), postgres_migrations().size());
    EXPECT_EQ(rows[0][0].as<int>(), 1);
}

TEST_F(PostgresOnly, ProcessesOpeningAFreshDatabaseTogetherMigrateItOnce) {
    constexpr int kOpeners = 4;
    std::latch start(kOpeners);
    std::vector<std::thread> threads;
    std::vector<bool> opened(kOpeners, false);
    for (int i = 0; i < kOpeners; ++i) {
        threads.emplace_back([&, i] {
            start.arrive_and_wait();
            opened[i] = PostgresStore::open(m_database->url(), 1).has_value();
        });
    }
    for (auto& thread : threads)
        thread.join();
    for (int i = 0; i < kOpeners; ++i)
        EXPECT_TRUE(opened[i]) << "opener " << i;
}

TEST_F(PostgresOnly, ASchemaNewerThanTheProgramIsRefused) {
    ASSERT_NE(open(), nullptr);
    m_database->execute(
        "INSERT INTO schema_migrations (version, name) VALUES (999, '0999_future.sql')");
    auto opened = PostgresStore::open(m_database->url(), 1);
    ASSERT_FALSE(opened);
    EXPECT_NE(opened.error().message.find("newer than this program"), std::string::npos)
        << opened.error().message;
}

TEST_F(PostgresOnly, TheEventLogRefusesChangesEvenFromSql) {
    auto store = open();
    ASSERT_NE(store, nullptr);
    Case c = make_case(Id::generate(), 1);
    ASSERT_TRUE(store->append(make_event(c), c));
    for (const char* sql :
         {"UPDATE events SET kind = 'note_added'", "DELETE FROM events", "TRUNCATE events"}) {
        EXPECT_THROW(m_database->execute(sql), pqxx::sql_error) << sql;
    }
    EXPECT_EQ(store->count_events().value(), 1);
}

TEST_F(PostgresOnly, EventDataIsStoredAsTheExactTextThatWasHashed) {
    auto store = open();
    ASSERT_NE(store, nullptr);
    Case c = make_case(Id::generate(), 1);
    Event event = make_event(c);
    ASSERT_TRUE(store->append(event, c));
    pqxx::connection connection(postgres::parse_connection_settings(m_database->url())->conninfo);
    pqxx::read_transaction tx(connection);
    auto text = tx.exec1("SELECT data::text FROM events")[0].as<std::string>();
    EXPECT_EQ(text, boost::json::serialize(event.data));
}

TEST_F(PostgresOnly, AnInvalidPageCursorIsInvalidInput) {
    auto store = open();
    ASSERT_NE(store, nullptr);
    auto page = store->list_cases(CaseFilter{.after = "not-an-id"});
    ASSERT_FALSE(page);
    EXPECT_EQ(page.error().code, ErrorCode::InvalidInput);
}

TEST_F(PostgresOnly, ManyThreadsShareASmallPool) {
    auto store = open();  // two connections
    ASSERT_NE(store, nullptr);
    constexpr int kThreads = 8;
    std::vector<std::thread> threads;
    std::vector<int> failures(kThreads, 0);
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 5; ++i) {
                Case c = make_case(Id::generate(), 1);
                if (!store->append(make_event(c), c))
                    ++failures[t];
            }
        });
    }
    for (auto& thread : threads)
        thread.join();
    for (int t = 0; t < kThreads; ++t)
        EXPECT_EQ(failures[t], 0) << "thread " << t;
    EXPECT_EQ(store->count_cases().value(), kThreads * 5);
}

}  // namespace
}  // namespace retorno::testing
