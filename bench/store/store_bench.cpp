// bench_store: what the Store layer costs over the database itself.
//
// For each store (SQLite, PostgreSQL) it seeds N cases with plain SQL, then measures appends
// per second and case reads per second with 1, 8 and 64 concurrent clients, through the Store
// interface (what `retorno serve` calls) and as the same statements in plain SQL: pgbench
// custom scripts for PostgreSQL, the sqlite3 C API for SQLite. The two sides take turns, round
// after round, and each figure is the median of its rounds, so that a drift of the machine
// (a checkpoint, another process) falls on both sides alike. The store appends to the first
// half of the cases, the plain SQL to the second, so neither makes the other's versions stale.
// It prints one table with the application's overhead over the raw cost. Synthetic data only.
//
//   bench_store [--cases N] [--seconds S] [--rounds R] [--clients 1,8,64] [--sqlite DIR]
//               [--postgres URL]

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "core/id.h"
#include "store/postgres/postgres_store.h"
#include "store/postgres/postgres_url.h"
#include "store/sqlite/sqlite_store.h"

namespace {

using namespace retorno;
namespace json = boost::json;

struct Options {
    int cases = 100000;
    int seconds = 5;
    int rounds = 3;
    std::vector<int> clients{1, 8, 64};
    std::filesystem::path sqlite_dir;
    std::string postgres_url;
};

struct Row {
    std::string store;
    std::string operation;
    int clients = 0;
    double app = 0;
    double raw = 0;
};

[[noreturn]] void die(const std::string& message) {
    std::cerr << "bench_store: " << message << "\n";
    std::exit(2);
}

template <typename T>
T must(Result<T> result, std::string_view what) {
    if (!result)
        die(std::string(what) + ": " + result.error().message + " " + result.error().detail);
    return std::move(*result);
}

std::string case_id(int n) {
    return fmt::format("0190a000-0000-7000-8000-{:012x}", n);
}

Case template_case(int n, std::int64_t version) {
    Case c;
    c.id = Id::parse(case_id(n)).value();
    c.version = version;
    c.status = "Active";
    c.origin_country = "GT";
    c.destination_country = "MX";
    c.opened_by_institution = "0190a000-0000-7000-8000-000000000001";
    c.opened_at = parse_timestamp("2026-03-01T10:00:00.000Z").value();
    c.updated_at = c.opened_at;
    c.person.first_name = "Xochitl";
    c.person.second_name = "Prueba Sintética";
    c.person.gender = "NonSpecifiedUnknown";
    c.person.citizenship = {"GT"};
    c.last_hash = std::string(64, 'a');
    return c;
}

std::string template_document() {
    return json::serialize(case_to_json(template_case(1, 1)));
}

// Runs `op` on `clients` threads for `seconds` and answers operations per second.
double measure(int clients, int seconds, const std::function<bool(int, std::mt19937&)>& op) {
    std::atomic<long> done{0};
    std::atomic<bool> stop{false};
    std::atomic<long> failed{0};
    std::vector<std::thread> threads;
    auto start = std::chrono::steady_clock::now();
    for (int c = 0; c < clients; ++c) {
        threads.emplace_back([&, c] {
            std::mt19937 random(static_cast<unsigned>(c * 7919 + 1));
            long mine = 0;
            while (!stop.load(std::memory_order_relaxed)) {
                if (op(c, random))
                    ++mine;
                else if (++failed > 100)
                    break;
            }
            done += mine;
        });
    }
    std::this_thread::sleep_for(std::chrono::seconds(seconds));
    stop = true;
    for (auto& t : threads)
        t.join();
    double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (failed > 100)
        die("too many failed operations");
    return static_cast<double>(done) / elapsed;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

// Measures the store's side and the plain SQL's side in turns, `rounds` times each, and fills
// the row with the medians.
void measure_in_turns(const Options& options, Row& row,
                      const std::function<bool(int, std::mt19937&)>& app,
                      const std::function<double()>& raw) {
    std::vector<double> app_rates, raw_rates;
    for (int round = 1; round <= options.rounds; ++round) {
        std::cerr << fmt::format("{}, {} clients, {}, round {}/{}...\n", row.store, row.clients,
                                 row.operation, round, options.rounds);
        app_rates.push_back(measure(row.clients, options.seconds, app));
        raw_rates.push_back(raw());
    }
    row.app = median(app_rates);
    row.raw = median(raw_rates);
}

// The store's side: appends to cases in the first half that each client owns (so no append
// conflicts), reads of random cases.
struct AppBench {
    Store& store;
    int cases;
    std::vector<std::int64_t> versions;  // by case number; each client touches only its own

    AppBench(Store& s, int n) : store(s), cases(n), versions(static_cast<std::size_t>(n) + 1, 1) {}

    bool append(int client, int clients, std::mt19937& random) {
        int slice = cases / 2 / clients;
        int n = 1 + client + clients * static_cast<int>(random() % static_cast<unsigned>(slice));
        auto& version = versions[static_cast<std::size_t>(n)];
        Case after = template_case(n, version + 1);
        Event event;
        event.id = Id::generate();
        event.case_id = after.id;
        event.version = version + 1;
        event.kind = EventKind::NoteAdded;
        event.data = json::object{{"cco_CaseComment", "bench note"}};
        event.actor_user = "bench";
        event.actor_institution = "bench";
        event.recorded_at = now_utc();
        event.previous_hash = std::string(64, 'a');
        event.hash = std::string(64, 'b');
        if (!store.append(event, after))
            return false;
        ++version;
        return true;
    }

    bool read(std::mt19937& random) {
        int n = 1 + static_cast<int>(random() % static_cast<unsigned>(cases));
        auto found = store.find_case(Id::parse(case_id(n)).value());
        return found && found->has_value();
    }
};

// ---- SQLite -------------------------------------------------------------------------------

sqlite3* open_sqlite(const std::filesystem::path& file) {
    sqlite3* db = nullptr;
    if (sqlite3_open(file.c_str(), &db) != SQLITE_OK)
        die("cannot open " + file.string());
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000",
                 nullptr, nullptr, nullptr);
    return db;
}

void sqlite_exec(sqlite3* db, const std::string& sql, const std::string& bind = {}) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK)
        die(sqlite3_errmsg(db));
    if (!bind.empty())
        sqlite3_bind_text(statement, 1, bind.c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(statement) == SQLITE_ROW) {
    }
    if (sqlite3_finalize(statement) != SQLITE_OK)
        die(sqlite3_errmsg(db));
}

void seed_sqlite(const std::filesystem::path& file, int cases) {
    sqlite3* db = open_sqlite(file);
    std::string series = fmt::format(
        "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < {}) ", cases);
    sqlite_exec(db, "BEGIN");
    sqlite_exec(db,
                series +
                    "INSERT INTO cases (id, version, status, origin_country, "
                    "destination_country, opened_at, updated_at, document, "
                    "opened_by_institution, origin_notified) "
                    "SELECT printf('0190a000-0000-7000-8000-%012x', n), 1, "
                    "'Active', 'GT', 'MX', "
                    "'2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00.000Z', "
                    "json_set(?1, '$.id', printf('0190a000-0000-7000-8000-%012x', n)), "
                    "'0190a000-0000-7000-8000-000000000001', 0 FROM s",
                template_document());
    sqlite_exec(
        db,
        series +
            "INSERT INTO events (id, case_id, version, kind, step, data, actor_user, "
            "actor_institution, "
            "recorded_at, previous_hash, hash) SELECT printf('0190b000-0000-7000-8000-%012x', n), "
            "printf('0190a000-0000-7000-8000-%012x', n), 1, 'case_opened', '', '{}', 'bench', "
            "'bench', "
            "'2026-03-01T10:00:00.000Z', '', printf('%064x', n) FROM s");
    sqlite_exec(db, "COMMIT");
    sqlite3_close(db);
}

// The same statements as SqliteStore's append and find_case, as plain SQL. Writers take turns
// through a mutex, as SQLite admits one writer at a time (and as the store does); they append
// to cases in the second half.
struct RawSqlite {
    std::filesystem::path file;
    int cases;
    std::mutex write_mutex;
    std::vector<sqlite3*> connections;

    RawSqlite(std::filesystem::path f, int n, int max_clients) : file(std::move(f)), cases(n) {
        for (int i = 0; i < max_clients; ++i)
            connections.push_back(open_sqlite(file));
    }
    ~RawSqlite() {
        for (auto* db : connections)
            sqlite3_close_v2(db);
    }

    sqlite3_stmt* prepare(sqlite3* db, const char* sql) {
        sqlite3_stmt* statement = nullptr;
        sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
        return statement;
    }

    bool append(int client, std::mt19937& random) {
        sqlite3* db = connections[static_cast<std::size_t>(client)];
        int half = cases / 2;
        int n = half + 1 + static_cast<int>(random() % static_cast<unsigned>(cases - half));
        std::string id = case_id(n);
        std::lock_guard lock(write_mutex);
        thread_local std::map<sqlite3*, std::array<sqlite3_stmt*, 3>> cache;
        auto& s = cache[db];
        if (s[0] == nullptr) {
            s[0] = prepare(db, "SELECT version FROM cases WHERE id = ?1");
            s[1] =
                prepare(db,
                        "INSERT INTO events (id, case_id, version, kind, step, data, actor_user, "
                        "actor_institution, "
                        "recorded_at, previous_hash, hash) VALUES (?1, ?2, ?3, 'note_added', '', "
                        "'{\"cco_CaseComment\":\"bench note\"}', 'bench', 'bench', ?4, ?5, ?6)");
            s[2] = prepare(
                db, "UPDATE cases SET version = ?2, updated_at = ?3, document = ?4 WHERE id = ?1");
        }
        sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
        sqlite3_bind_text(s[0], 1, id.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_step(s[0]);
        std::int64_t version = sqlite3_column_int64(s[0], 0) + 1;
        sqlite3_reset(s[0]);
        std::string event_id = Id::generate().to_string();
        std::string now = format_timestamp(now_utc());
        std::string previous(64, 'a'), hash(64, 'b');
        sqlite3_bind_text(s[1], 1, event_id.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s[1], 2, id.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(s[1], 3, version);
        sqlite3_bind_text(s[1], 4, now.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s[1], 5, previous.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s[1], 6, hash.c_str(), -1, SQLITE_TRANSIENT);
        bool ok = sqlite3_step(s[1]) == SQLITE_DONE;
        sqlite3_reset(s[1]);
        // The document is the same size as the store's: the template case, serialised.
        std::string document = json::serialize(case_to_json(template_case(n, version)));
        sqlite3_bind_text(s[2], 1, id.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(s[2], 2, version);
        sqlite3_bind_text(s[2], 3, now.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s[2], 4, document.c_str(), -1, SQLITE_TRANSIENT);
        ok = ok && sqlite3_step(s[2]) == SQLITE_DONE;
        sqlite3_reset(s[2]);
        return sqlite3_exec(db, ok ? "COMMIT" : "ROLLBACK", nullptr, nullptr, nullptr) ==
                   SQLITE_OK &&
               ok;
    }

    bool read(int client, std::mt19937& random) {
        sqlite3* db = connections[static_cast<std::size_t>(client)];
        int n = 1 + static_cast<int>(random() % static_cast<unsigned>(cases));
        std::string id = case_id(n);
        thread_local std::map<sqlite3*, sqlite3_stmt*> cache;
        auto& s = cache[db];
        if (s == nullptr)
            s = prepare(db, "SELECT document FROM cases WHERE id = ?1");
        sqlite3_bind_text(s, 1, id.c_str(), -1, SQLITE_TRANSIENT);
        bool ok = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_bytes(s, 0) > 0;
        sqlite3_reset(s);
        return ok;
    }
};

void bench_sqlite(const Options& options, std::vector<Row>& rows) {
    auto file = options.sqlite_dir / "bench.db";
    for (const char* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(file.string() + suffix);
    must(SqliteStore::open(file), "open SQLite").reset();
    std::cerr << "seeding SQLite with " << options.cases << " cases...\n";
    seed_sqlite(file, options.cases);
    auto store = must(SqliteStore::open(file), "open SQLite");
    AppBench app(*store, options.cases);
    int most = *std::max_element(options.clients.begin(), options.clients.end());
    RawSqlite raw(file, options.cases, most);
    for (int k : options.clients) {
        Row append{"SQLite", "append", k, 0, 0};
        measure_in_turns(
            options, append, [&](int c, std::mt19937& r) { return app.append(c, k, r); },
            [&] {
                return measure(k, options.seconds,
                               [&](int c, std::mt19937& r) { return raw.append(c, r); });
            });
        rows.push_back(append);
        Row read{"SQLite", "read case", k, 0, 0};
        measure_in_turns(
            options, read, [&](int, std::mt19937& r) { return app.read(r); },
            [&] {
                return measure(k, options.seconds,
                               [&](int c, std::mt19937& r) { return raw.read(c, r); });
            });
        rows.push_back(read);
    }
}

// ---- PostgreSQL ---------------------------------------------------------------------------

constexpr const char* kPgCaseId =
    "('0190a000-0000-7000-8000-' || lpad(to_hex(:n::bigint), 12, '0'))::uuid";

void seed_postgres(const std::string& url, int cases) {
    auto conninfo = must(postgres::parse_connection_settings(url), "URL").conninfo;
    pqxx::connection connection(conninfo);
    pqxx::work tx(connection);
    std::string id = "('0190a000-0000-7000-8000-' || lpad(to_hex(n), 12, '0'))::uuid";
    tx.exec_params(
        "INSERT INTO cases (id, version, status, origin_country, destination_country, opened_at, "
        "updated_at, document, opened_by_institution, origin_notified) SELECT " +
            id +
            ", 1, 'Active', 'GT', 'MX', now(), now(), jsonb_set($1::jsonb, '{id}', "
            "to_jsonb(" +
            id +
            "::text)), '0190a000-0000-7000-8000-000000000001', false FROM generate_series(1, $2) n",
        template_document(), cases);
    tx.exec_params(
        "INSERT INTO events (id, case_id, version, kind, step, data, actor_user, "
        "actor_institution, "
        "recorded_at, previous_hash, hash) SELECT gen_random_uuid(), " +
            id +
            ", 1, 'case_opened', '', "
            "'{}', 'bench', 'bench', now(), '', md5(n::text) FROM generate_series(1, $1) n",
        cases);
    tx.commit();
    pqxx::nontransaction vacuum(connection);
    vacuum.exec("VACUUM ANALYZE");
}

// pgbench with a custom script; answers its transactions per second.
double pgbench(const std::string& url, const std::string& script, int clients, int seconds,
               int cases) {
    auto file =
        std::filesystem::temp_directory_path() / fmt::format("bench-store-{}.sql", ::getpid());
    std::ofstream(file) << script;
    std::string command =
        fmt::format("pgbench -n -M prepared -c {} -j {} -T {} -D ncases={} -f '{}' '{}' 2>&1",
                    clients, std::min(clients, 4), seconds, cases, file.string(), url);
    FILE* pipe = ::popen(command.c_str(), "r");
    std::string output;
    char buffer[4096];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
        output.append(buffer, n);
    ::pclose(pipe);
    std::filesystem::remove(file);
    auto at = output.find("tps = ");
    if (at == std::string::npos)
        die("pgbench failed:\n" + output);
    return std::stod(output.substr(at + 6));
}

void bench_postgres(const Options& options, std::vector<Row>& rows) {
    // A database of its own on the given server, dropped afterwards.
    auto server = must(postgres::parse_connection_settings(options.postgres_url), "URL").conninfo;
    std::string name = fmt::format("retorno_bench_{}", ::getpid());
    {
        pqxx::connection admin(server);
        pqxx::nontransaction tx(admin);
        tx.exec("DROP DATABASE IF EXISTS " + name);
        tx.exec("CREATE DATABASE " + name);
    }
    auto url = must(postgres::with_database(options.postgres_url, name), "URL");
    // The same statements as PostgresStore's prepared ones (postgres_statements.cpp).
    std::string append = fmt::format(
        "\\set n random(:ncases / 2 + 1, :ncases)\n"
        "BEGIN;\n"
        "UPDATE cases SET version = version + 1, status = 'Active', origin_country = 'GT', "
        "destination_country = 'MX', opened_by_institution = "
        "'0190a000-0000-7000-8000-000000000001', origin_notified = false, "
        "updated_at = now(), document = jsonb_set(document, '{{version}}', to_jsonb(version + 1)) "
        "WHERE id = {0} "
        "RETURNING version \\gset\n"
        "INSERT INTO events (id, case_id, version, kind, step, data, actor_user, "
        "actor_institution, recorded_at, "
        "previous_hash, hash) VALUES (gen_random_uuid(), {0}, :version, 'note_added', '', "
        "'{{\"cco_CaseComment\":\"bench note\"}}', 'bench', 'bench', now(), repeat('a', 64), "
        "repeat('b', 64)) "
        "ON CONFLICT DO NOTHING;\n"
        "END;\n",
        kPgCaseId);
    std::string read = fmt::format(
        "\\set n random(1, :ncases)\nSELECT document::text FROM cases WHERE id = {};\n", kPgCaseId);
    int most = *std::max_element(options.clients.begin(), options.clients.end());
    {
        auto store = must(PostgresStore::open(url, most), "open PostgreSQL");
        std::cerr << "seeding PostgreSQL with " << options.cases << " cases...\n";
        seed_postgres(url, options.cases);
        AppBench app(*store, options.cases);
        for (int k : options.clients) {
            Row row_append{"PostgreSQL", "append", k, 0, 0};
            measure_in_turns(
                options, row_append, [&](int c, std::mt19937& r) { return app.append(c, k, r); },
                [&] { return pgbench(url, append, k, options.seconds, options.cases); });
            rows.push_back(row_append);
            Row row_read{"PostgreSQL", "read case", k, 0, 0};
            measure_in_turns(
                options, row_read, [&](int, std::mt19937& r) { return app.read(r); },
                [&] { return pgbench(url, read, k, options.seconds, options.cases); });
            rows.push_back(row_read);
        }
    }
    pqxx::connection admin(server);
    pqxx::nontransaction tx(admin);
    tx.exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
}

Options parse(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc)
                die(a + " needs a value");
            return argv[++i];
        };
        if (a == "--cases")
            options.cases = std::stoi(value());
        else if (a == "--seconds")
            options.seconds = std::stoi(value());
        else if (a == "--rounds")
            options.rounds = std::stoi(value());
        else if (a == "--sqlite")
            options.sqlite_dir = value();
        else if (a == "--postgres")
            options.postgres_url = value();
        else if (a == "--clients") {
            options.clients.clear();
            std::stringstream list(value());
            for (std::string item; std::getline(list, item, ',');)
                options.clients.push_back(std::stoi(item));
        } else
            die("unknown option " + a + " (see the comment at the top of store_bench.cpp)");
    }
    int most = *std::max_element(options.clients.begin(), options.clients.end());
    if (options.cases < 2 * most || options.seconds < 1 || options.rounds < 1)
        die("--cases must be at least twice the most clients, --seconds and --rounds at least 1");
    return options;
}

}  // namespace

int main(int argc, char** argv) {
    Options options = parse(argc, argv);
    std::vector<Row> rows;
    if (!options.sqlite_dir.empty())
        bench_sqlite(options, rows);
    if (!options.postgres_url.empty())
        bench_postgres(options, rows);
    std::cout << fmt::format(
        "\nStore benchmark: {} cases, {} s per measurement, median of {} rounds\n\n", options.cases,
        options.seconds, options.rounds);
    std::cout
        << "| Store | Operation | Clients | Store ops/s | Plain SQL ops/s | Store overhead |\n";
    std::cout << "|---|---|---:|---:|---:|---:|\n";
    for (const auto& row : rows) {
        double overhead = row.app > 0 ? (row.raw / row.app - 1.0) * 100.0 : 0;
        std::cout << fmt::format("| {} | {} | {} | {:.0f} | {:.0f} | {:+.0f} % |\n", row.store,
                                 row.operation, row.clients, row.app, row.raw, overhead);
    }
    return 0;
}
