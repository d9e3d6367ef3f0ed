#pragma once

// Shared by the store tests: the backends a contract test runs on, throwaway PostgreSQL
// databases, and small builders of synthetic cases and events. Header-only, because the test
// support library links only core and these helpers need the store.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "core/id.h"
#include "crypto/field_cipher.h"
#include "crypto/keyring.h"
#include "domain/case.h"
#include "domain/event.h"
#include "store/postgres/postgres_store.h"
#include "store/postgres/postgres_url.h"
#include "store/sqlite/sqlite_store.h"
#include "support/throwaway_dir.h"

namespace retorno::testing {

enum class Backend { Sqlite, Postgres };

inline std::string backend_name(Backend backend) {
    return backend == Backend::Sqlite ? "Sqlite" : "Postgres";
}

// Lets GoogleTest name the backend in failure messages.
inline void PrintTo(Backend backend, std::ostream* out) {
    *out << backend_name(backend);
}

inline bool env_is(const char* name, std::string_view value) {
    const char* set = std::getenv(name);
    return set != nullptr && value == set;
}

// The server that PostgreSQL tests create their databases on, from RETORNO_TEST_POSTGRES_URL
// (set by `make test`, which starts one with scripts/test-postgres).
inline std::optional<std::string> postgres_test_url() {
    const char* url = std::getenv("RETORNO_TEST_POSTGRES_URL");
    if (url == nullptr || *url == '\0')
        return std::nullopt;
    return std::string(url);
}

// Why a PostgreSQL test cannot run. Such a test fails rather than being skipped, so that CI
// never passes without having exercised PostgreSQL; RETORNO_ALLOW_NO_POSTGRES=1 turns the
// failure into a skip on a developer's machine without PostgreSQL.
inline constexpr std::string_view kNoPostgres =
    "RETORNO_TEST_POSTGRES_URL is not set. Run the tests with `make test`, or start a cluster "
    "with `scripts/test-postgres start DIR` and export RETORNO_TEST_POSTGRES_URL=$(cat DIR/url); "
    "set RETORNO_ALLOW_NO_POSTGRES=1 to skip the PostgreSQL tests instead.";

inline bool postgres_may_be_missing() {
    return env_is("RETORNO_ALLOW_NO_POSTGRES", "1");
}

// In a test or its SetUp, before it uses postgres_test_url(): skips the test when no server is
// set and PostgreSQL may be missing here, and fails it when none is set otherwise. A macro,
// because GTEST_SKIP and FAIL return from the function they are written in.
#define RETORNO_REQUIRE_POSTGRES()                               \
    do {                                                         \
        if (!::retorno::testing::postgres_test_url()) {          \
            if (::retorno::testing::postgres_may_be_missing())   \
                GTEST_SKIP() << ::retorno::testing::kNoPostgres; \
            FAIL() << ::retorno::testing::kNoPostgres;           \
        }                                                        \
    } while (false)

// A database of its own for one test, created on the test server and dropped afterwards, so
// that tests can run in parallel against one cluster.
class ThrowawayDatabase {
  public:
    explicit ThrowawayDatabase(std::string server_url) : m_server_url(std::move(server_url)) {
        std::string id = Id::generate().to_string();
        std::erase(id, '-');
        m_name = "retorno_test_" + id;
        pqxx::connection admin(connection_string(m_server_url));
        pqxx::nontransaction tx(admin);
        tx.exec("CREATE DATABASE " + m_name);
        m_url = postgres::with_database(m_server_url, m_name).value();
    }
    ~ThrowawayDatabase() {
        try {
            pqxx::connection admin(connection_string(m_server_url));
            pqxx::nontransaction tx(admin);
            tx.exec("DROP DATABASE IF EXISTS " + m_name + " WITH (FORCE)");
        } catch (const std::exception& e) {
            ADD_FAILURE() << "could not drop the test database " << m_name << ": " << e.what();
        }
    }
    ThrowawayDatabase(const ThrowawayDatabase&) = delete;
    ThrowawayDatabase& operator=(const ThrowawayDatabase&) = delete;

    const std::string& url() const { return m_url; }
    const std::string& name() const { return m_name; }

    // Runs administrative SQL on this database, for tests that tamper with it.
    void execute(const std::string& sql) const {
        pqxx::connection connection(connection_string(m_url));
        pqxx::nontransaction tx(connection);
        tx.exec(sql);
    }

    // The first column of the first row that `sql` answers on this database, as text.
    std::string query_text(const std::string& sql) const {
        pqxx::connection connection(connection_string(m_url));
        pqxx::nontransaction tx(connection);
        return tx.exec1(sql)[0].as<std::string>();
    }

  private:
    static std::string connection_string(const std::string& url) {
        return postgres::parse_connection_settings(url).value().conninfo;
    }

    std::string m_server_url;
    std::string m_name;
    std::string m_url;
};

// A fresh, empty store of one backend, with whatever it lives in (a folder or a database).
// Its sensitive fields are encrypted, as in a deployment, with a key file in the folder
// (`key_file`, created on open).
struct StoreUnderTest {
    ThrowawayDir dir;
    std::unique_ptr<ThrowawayDatabase> database;
    std::unique_ptr<Store> store;
    std::shared_ptr<FieldCipher> cipher;

    std::filesystem::path key_file() const { return data_key_file(dir.path()); }
    std::filesystem::path sqlite_file() const { return dir.path() / "retorno.db"; }

    // Another store over the same database and key file, as a second server process has.
    Result<std::unique_ptr<Store>> open_another() const {
        auto another_cipher = TRY(FieldCipher::open(key_file()));
        if (database) {
            std::unique_ptr<Store> opened =
                TRY(PostgresStore::open(database->url(), 4, another_cipher));
            return opened;
        }
        std::unique_ptr<Store> opened =
            TRY(SqliteStore::open(sqlite_file(), sqlite::Durability::Full, another_cipher));
        return opened;
    }

    ~StoreUnderTest() {
        // The store's connections close before its database is dropped.
        store.reset();
        database.reset();
    }

    // Opens the store; answers why it could not, or an empty string.
    std::string open(Backend backend) {
        if (auto created = create_keyring_file(key_file()); !created)
            return created.error().message;
        auto loaded = FieldCipher::open(key_file());
        if (!loaded)
            return loaded.error().message;
        cipher = *loaded;
        if (backend == Backend::Sqlite) {
            auto opened = SqliteStore::open(sqlite_file(), sqlite::Durability::Full, cipher);
            if (!opened)
                return opened.error().message + " / " + opened.error().detail;
            store = std::move(*opened);
            return {};
        }
        auto server = postgres_test_url();
        if (!server)
            return std::string(kNoPostgres);
        database = std::make_unique<ThrowawayDatabase>(*server);
        auto opened = PostgresStore::open(database->url(), 4, cipher);
        if (!opened)
            return opened.error().message + " / " + opened.error().detail;
        store = std::move(*opened);
        return {};
    }
};

// In a parameterised test's SetUp: opens `backing` (a StoreUnderTest) on `backend`, skips the
// test when that is PostgreSQL and it may be missing here, and fails it on any other problem.
// A macro, because GTEST_SKIP and FAIL return from the function they are written in.
#define RETORNO_OPEN_BACKEND_OR_SKIP(backing, backend)                \
    do {                                                              \
        const std::string problem_ = (backing).open(backend);         \
        if (!problem_.empty()) {                                      \
            if ((backend) == ::retorno::testing::Backend::Postgres && \
                ::retorno::testing::postgres_may_be_missing())        \
                GTEST_SKIP() << problem_;                             \
            FAIL() << problem_;                                       \
        }                                                             \
    } while (false)

// The seqs of the audit entries of `case_id` after `after`, at most `limit`, as the store
// answers them.
inline std::vector<std::int64_t> audit_seqs(Store& store, const std::string& case_id,
                                            std::int64_t after = 0, int limit = 1000) {
    const auto entries = store.audit_entries(after, limit, case_id).value();
    std::vector<std::int64_t> out;
    for (const auto& entry : entries)
        out.push_back(entry.seq);
    return out;
}

// The seqs of a case's latest audit entries, the latest first.
inline std::vector<std::int64_t> latest_audit_seqs(Store& store, const std::string& case_id,
                                                   int limit = 1000) {
    const auto entries = store.latest_audit_entries(case_id, limit).value();
    std::vector<std::int64_t> out;
    for (const auto& entry : entries)
        out.push_back(entry.seq);
    return out;
}

// A case as its projection's document, to compare two cases: the writer emits every field, so
// two cases are equal when they write the same.
inline std::string document_of(const Case& c) {
    return boost::json::serialize(case_to_json(c));
}

// A synthetic case at a given version. Names are invented; no real person is described.
inline Case make_case(const Id& id, std::int64_t version, std::string status = "Active",
                      std::string origin = "GT", std::string destination = "MX") {
    Case c;
    c.id = id;
    c.version = version;
    c.status = std::move(status);
    c.origin_country = std::move(origin);
    c.destination_country = std::move(destination);
    c.opened_by_institution = "0190a000-0000-7000-8000-000000000001";
    c.opened_at = parse_timestamp("2026-03-01T10:00:00.000Z").value();
    c.updated_at = c.opened_at + std::chrono::minutes(version);
    c.person.first_name = "Xochitl";
    c.person.second_name = "Prueba Sintética";
    c.person.gender = "NonSpecifiedUnknown";
    c.person.citizenship = {c.origin_country};
    c.last_hash = fmt::format("{:064x}", version);
    return c;
}

// The event that brings `c` to its version.
inline Event make_event(const Case& c) {
    Event e;
    e.id = Id::generate();
    e.case_id = c.id;
    e.version = c.version;
    e.kind = c.version == 1 ? EventKind::CaseOpened : EventKind::NoteAdded;
    e.step = c.version == 1 ? "" : "interview";
    e.data = boost::json::object{{"note", fmt::format("synthetic note {}", c.version)},
                                 {"count", c.version},
                                 {"nested", boost::json::object{{"z", 1}, {"a", "ñandú"}}}};
    e.actor_user = Id::generate().to_string();
    e.actor_institution = Id::generate().to_string();
    e.recorded_at = c.updated_at;
    e.previous_hash = c.version == 1 ? "" : fmt::format("{:064x}", c.version - 1);
    e.hash = fmt::format("{:064x}", c.version);
    return e;
}

// The ids in the order that the case list answers them: the newest first.
inline std::vector<Id> newest_first(std::vector<Id> ids) {
    std::sort(ids.begin(), ids.end(),
              [](const Id& a, const Id& b) { return a.to_string() > b.to_string(); });
    return ids;
}

// Lists every page of a filter and answers the case ids in order, checking the cursors.
inline std::vector<Id> all_pages(Store& store, CaseFilter filter, int* pages) {
    std::vector<Id> ids;
    *pages = 0;
    for (;;) {
        auto page = store.list_cases(filter);
        EXPECT_TRUE(page) << page.error().detail;
        if (!page)
            break;
        ++*pages;
        EXPECT_LE(static_cast<int>(page->cases.size()), filter.limit);
        for (const auto& c : page->cases)
            ids.push_back(c.id);
        if (page->next.empty())
            break;
        EXPECT_EQ(page->next, page->cases.back().id.to_string());
        filter.after = page->next;
        if (*pages > 100)
            break;
    }
    return ids;
}

}  // namespace retorno::testing
