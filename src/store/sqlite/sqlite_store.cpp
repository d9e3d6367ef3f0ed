#include "store/sqlite/sqlite_store.h"

#include <fmt/format.h>
#include <boost/json.hpp>

#include "store/case_document.h"
#include "store/comma_list.h"
#include "store/migration.h"
#include "store/sqlite/sqlite_open_tasks.h"
#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_schema.h"

namespace retorno {

namespace json = boost::json;

namespace {

constexpr std::string_view kEventColumns =
    "id, case_id, version, kind, step, data, actor_user, actor_institution, recorded_at, "
    "previous_hash, hash";

Result<Event> event_from_row(const sqlite::Statement& row, FieldCipher* cipher) {
    Event event;
    auto id = Id::parse(row.text_view(0));
    auto case_id = Id::parse(row.text_view(1));
    auto kind = parse_event_kind(row.text_view(3));
    auto recorded_at = parse_timestamp(row.text_view(8));
    if (!id || !case_id || !kind || !recorded_at) {
        return fail(Error::internal("event row with an unreadable id, kind or time"));
    }
    event.id = *id;
    event.case_id = *case_id;
    event.version = row.integer(2);
    event.kind = *kind;
    event.step = row.text(4);
    boost::system::error_code ec;
    auto data = json::parse(row.text_view(5), ec);
    if (ec || !data.is_object())
        return fail(Error::internal("event row with unreadable data"));
    event.data = std::move(data.get_object());
    TRY_STATUS(open_event_data(event.data, event.case_id, event.id, cipher));
    event.actor_user = row.text(6);
    event.actor_institution = row.text(7);
    event.recorded_at = *recorded_at;
    event.previous_hash = row.text(9);
    event.hash = row.text(10);
    return event;
}

// The read snapshots open on this thread, innermost last. One without a connection is nested
// in another on the same store, or could not begin its transaction; reads then go on as usual.
struct OpenSnapshot {
    const SqliteStore* store;
    std::unique_ptr<sqlite::Connection> connection;
};
thread_local std::vector<OpenSnapshot> t_snapshots;

}  // namespace

SqliteStore::Lease::~Lease() {
    if (m_owned)
        m_store->give_back(std::move(m_owned));
}

sqlite::Connection* SqliteStore::snapshot_connection() {
    for (auto it = t_snapshots.rbegin(); it != t_snapshots.rend(); ++it) {
        if (it->store == this && it->connection)
            return it->connection.get();
    }
    return nullptr;
}

void SqliteStore::begin_read_snapshot() {
    OpenSnapshot snapshot{this, nullptr};
    if (snapshot_connection() == nullptr) {
        if (auto connection = take_reader()) {
            // BEGIN takes no lock yet: the snapshot starts with its first read.
            auto begin = (*connection)->prepare("BEGIN");
            if (begin && begin->run())
                snapshot.connection = std::move(*connection);
            else
                give_back(std::move(*connection));
        }
    }
    t_snapshots.push_back(std::move(snapshot));
}

void SqliteStore::end_read_snapshot() {
    if (t_snapshots.empty())
        return;
    auto snapshot = std::move(t_snapshots.back());
    t_snapshots.pop_back();
    if (!snapshot.connection)
        return;
    // A connection whose transaction does not end is closed instead of given back, which ends
    // it.
    auto commit = snapshot.connection->prepare("COMMIT");
    if (commit && commit->run())
        give_back(std::move(snapshot.connection));
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::filesystem::path& file,
                                                       sqlite::Durability appends,
                                                       std::shared_ptr<FieldCipher> cipher) {
    std::unique_ptr<SqliteStore> store(new SqliteStore(file));
    store->m_cipher = std::move(cipher);
    store->m_writer = TRY(sqlite::Connection::open(file, appends));
    store->m_schema_version = TRY(apply_sqlite_migrations(*store->m_writer));
    store->m_audit_index = TRY(SqliteAuditIndex::open(file));
    return store;
}

Result<std::unique_ptr<sqlite::Connection>> SqliteStore::take_reader() {
    {
        std::lock_guard lock(m_pool_mutex);
        if (!m_idle_readers.empty()) {
            auto connection = std::move(m_idle_readers.back());
            m_idle_readers.pop_back();
            return connection;
        }
    }
    return sqlite::Connection::open(m_file, sqlite::Durability::Normal);
}

void SqliteStore::give_back(std::unique_ptr<sqlite::Connection> connection) {
    std::lock_guard lock(m_pool_mutex);
    m_idle_readers.push_back(std::move(connection));
}

Result<SqliteStore::Lease> SqliteStore::reader() {
    if (auto* snapshot = snapshot_connection())
        return Lease(*this, *snapshot);
    return Lease(*this, TRY(take_reader()));
}

Status SqliteStore::write_transaction(const std::function<Status(sqlite::Connection&)>& body) {
    std::lock_guard lock(m_write_mutex);
    TRY_STATUS(m_writer->execute("BEGIN IMMEDIATE"));
    auto result = body(*m_writer);
    if (!result) {
        (void)m_writer->execute("ROLLBACK");
        return result;
    }
    auto committed = m_writer->execute("COMMIT");
    if (!committed) {
        (void)m_writer->execute("ROLLBACK");
        return committed;
    }
    return {};
}

Status SqliteStore::append(const Event& event, const Case& after, const CaseTasks* tasks) {
    // Sealed before the write lock is taken: encryption needs no database.
    json::object data = event.data;
    TRY_STATUS(seal_event_data(data, event.case_id, event.id, m_cipher.get()));
    json::object document = case_to_json(after);
    TRY_STATUS(seal_case_document(document, m_cipher.get()));
    return write_transaction([&](sqlite::Connection& db) -> Status {
        auto current = TRY(db.prepare("SELECT version FROM cases WHERE id = ?1"));
        current.bind(1, event.case_id.to_string());
        std::int64_t stored_version = TRY(current.step()) ? current.integer(0) : 0;
        if (event.version != stored_version + 1) {
            return fail(Error::make(
                ErrorCode::Conflict,
                fmt::format("The case is at version {}; this change was made against version {}. "
                            "Reload the case and try again.",
                            stored_version, event.version - 1)));
        }
        auto insert = TRY(
            db.prepare("INSERT INTO events (id, case_id, version, kind, step, data, actor_user, "
                       "actor_institution, recorded_at, previous_hash, hash) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"));
        insert.bind(1, event.id.to_string())
            .bind(2, event.case_id.to_string())
            .bind(3, event.version)
            .bind(4, to_string(event.kind))
            .bind(5, event.step)
            .bind(6, json::serialize(data))
            .bind(7, event.actor_user)
            .bind(8, event.actor_institution)
            .bind(9, format_timestamp(event.recorded_at))
            .bind(10, event.previous_hash)
            .bind(11, event.hash);
        auto inserted = insert.run();
        if (!inserted) {
            if (inserted.error().code == ErrorCode::Conflict) {
                return fail(Error::make(ErrorCode::Conflict, "This event was already recorded.",
                                        inserted.error().detail));
            }
            return inserted;
        }
        // SQLite rewrites the entries of every index that holds a column an UPDATE sets, even
        // to the same value: the columns that the case list tests are set apart, and only when
        // one of them changed.
        const auto parties = parties_of(after);
        auto bind_listing = [&](sqlite::Statement& statement, int first) {
            statement.bind(first, after.status)
                .bind(first + 1, after.origin_country)
                .bind(first + 2, after.destination_country)
                .bind(first + 3, parties.opened_by_institution)
                .bind(first + 4, std::int64_t{parties.origin_notified ? 1 : 0});
        };
        auto upsert = TRY(db.prepare(
            "INSERT INTO cases (id, version, opened_at, updated_at, document, status, "
            "origin_country, destination_country, opened_by_institution, origin_notified) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
            "ON CONFLICT (id) DO UPDATE SET version = excluded.version, "
            "updated_at = excluded.updated_at, document = excluded.document"));
        upsert.bind(1, after.id.to_string())
            .bind(2, after.version)
            .bind(3, format_timestamp(after.opened_at))
            .bind(4, format_timestamp(after.updated_at))
            .bind(5, json::serialize(document));
        bind_listing(upsert, 6);
        TRY_STATUS(upsert.run());
        if (stored_version > 0) {  // the row was there: the upsert updated it
            auto listed = TRY(db.prepare(
                "UPDATE cases SET status = ?2, origin_country = ?3, destination_country = ?4, "
                "opened_by_institution = ?5, origin_notified = ?6 WHERE id = ?1 AND "
                "(status IS NOT ?2 OR origin_country IS NOT ?3 OR destination_country IS NOT ?4 "
                "OR opened_by_institution IS NOT ?5 OR origin_notified IS NOT ?6)"));
            listed.bind(1, after.id.to_string());
            bind_listing(listed, 2);
            TRY_STATUS(listed.run());
        }
        return sqlite::write_case_tasks(db, after.id, tasks);
    });
}

Result<std::optional<Case>> SqliteStore::find_case(const Id& case_id) {
    auto db = TRY(reader());
    auto query = TRY(db->prepare("SELECT document FROM cases WHERE id = ?1"));
    query.bind(1, case_id.to_string());
    if (!TRY(query.step()))
        return std::optional<Case>{};
    return std::optional<Case>{TRY(case_from_document(query.text_view(0), m_cipher.get()))};
}

Result<std::vector<Event>> SqliteStore::case_events(const Id& case_id, std::int64_t after_version,
                                                    int limit) {
    auto db = TRY(reader());
    auto query = TRY(db->prepare(fmt::format(
        "SELECT {} FROM events WHERE case_id = ?1 AND version > ?2 ORDER BY version LIMIT ?3",
        kEventColumns)));
    query.bind(1, case_id.to_string())
        .bind(2, after_version)
        .bind(3, static_cast<std::int64_t>(limit));
    std::vector<Event> events;
    while (TRY(query.step()))
        events.push_back(TRY(event_from_row(query, m_cipher.get())));
    return events;
}

Result<std::int64_t> SqliteStore::count_events() {
    auto db = TRY(reader());
    auto query = TRY(db->prepare("SELECT count(*) FROM events"));
    TRY(query.step());
    return query.integer(0);
}

Result<std::int64_t> SqliteStore::count_cases() {
    auto db = TRY(reader());
    auto query = TRY(db->prepare("SELECT count(*) FROM cases"));
    TRY(query.step());
    return query.integer(0);
}

Result<std::vector<EventPosition>> SqliteStore::event_positions(std::int64_t after_seq, int limit) {
    auto db = TRY(reader());
    auto query =
        TRY(db->prepare("SELECT seq, case_id FROM events WHERE seq > ?1 ORDER BY seq LIMIT ?2"));
    query.bind(1, after_seq).bind(2, static_cast<std::int64_t>(limit));
    std::vector<EventPosition> positions;
    while (TRY(query.step())) {
        auto case_id = Id::parse(query.text_view(1));
        if (!case_id)
            return fail(Error::internal("event row with an unreadable case id"));
        positions.push_back(EventPosition{query.integer(0), *case_id});
    }
    return positions;
}

Status SqliteStore::put_institution(const Institution& institution) {
    return write_transaction([&](sqlite::Connection& db) -> Status {
        auto upsert = TRY(db.prepare(
            "INSERT INTO institutions (id, country, type, name, parent_id) "
            "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (id) DO UPDATE SET country = "
            "excluded.country, "
            "type = excluded.type, name = excluded.name, parent_id = excluded.parent_id"));
        upsert.bind(1, institution.id.to_string())
            .bind(2, institution.country)
            .bind(3, institution.type)
            .bind(4, institution.name);
        if (institution.parent) {
            upsert.bind(5, institution.parent->to_string());
        } else {
            upsert.bind_null(5);
        }
        return upsert.run();
    });
}

namespace {

// The user whose `column`, a unique key (id or username), is `value`, if there is one.
Result<std::optional<User>> user_where(sqlite::Connection& db, std::string_view column,
                                       const std::string& value) {
    auto query = TRY(db.prepare(
        fmt::format("SELECT {} FROM users WHERE {} = ?1", sqlite::kUserColumns, column)));
    query.bind(1, value);
    if (!TRY(query.step()))
        return std::optional<User>{};
    return std::optional<User>{TRY(sqlite::user_from_row(query))};
}

}  // namespace

Result<std::vector<Institution>> SqliteStore::list_institutions() {
    auto db = TRY(reader());
    auto query = TRY(db->prepare(fmt::format("SELECT {} FROM institutions ORDER BY country, name",
                                             sqlite::kInstitutionColumns)));
    std::vector<Institution> out;
    while (TRY(query.step()))
        out.push_back(TRY(sqlite::institution_from_row(query)));
    return out;
}

Result<std::optional<Institution>> SqliteStore::find_institution(const Id& id) {
    auto db = TRY(reader());
    auto query = TRY(db->prepare(
        fmt::format("SELECT {} FROM institutions WHERE id = ?1", sqlite::kInstitutionColumns)));
    query.bind(1, id.to_string());
    if (!TRY(query.step()))
        return std::optional<Institution>{};
    return std::optional<Institution>{TRY(sqlite::institution_from_row(query))};
}

Status SqliteStore::put_user(const User& user) {
    return write_transaction([&](sqlite::Connection& db) -> Status {
        auto upsert = TRY(db.prepare(
            "INSERT INTO users (id, username, display_name, institution_id, roles, password_hash, "
            "disabled, language) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (id) DO "
            "UPDATE SET username = excluded.username, display_name = excluded.display_name, "
            "institution_id = excluded.institution_id, roles = excluded.roles, "
            "password_hash = excluded.password_hash, disabled = excluded.disabled, "
            "language = excluded.language"));
        upsert.bind(1, user.id.to_string())
            .bind(2, user.username)
            .bind(3, user.display_name)
            .bind(4, user.institution_id.to_string())
            .bind(5, join_roles(user.roles))
            .bind(6, user.password_hash)
            .bind(7, static_cast<std::int64_t>(user.disabled ? 1 : 0))
            .bind(8, user.language);
        auto done = upsert.run();
        if (!done && done.error().code == ErrorCode::Conflict) {
            return fail(Error::make(ErrorCode::Conflict,
                                    "That user name is taken, or the institution does not exist.",
                                    done.error().detail));
        }
        return done;
    });
}

Status SqliteStore::set_user_language(const Id& user_id, const std::string& language) {
    return write_transaction([&](sqlite::Connection& db) -> Status {
        auto update = TRY(db.prepare("UPDATE users SET language = ?2 WHERE id = ?1"));
        update.bind(1, user_id.to_string()).bind(2, language);
        return update.run();
    });
}

Status SqliteStore::disable_user(const Id& user_id) {
    return write_transaction([&](sqlite::Connection& db) -> Status {
        auto update = TRY(db.prepare("UPDATE users SET disabled = 1 WHERE id = ?1"));
        update.bind(1, user_id.to_string());
        return update.run();
    });
}

Status SqliteStore::set_user_password(const Id& user_id, const std::string& password_hash) {
    return write_transaction([&](sqlite::Connection& db) -> Status {
        auto update = TRY(db.prepare("UPDATE users SET password_hash = ?2 WHERE id = ?1"));
        update.bind(1, user_id.to_string()).bind(2, password_hash);
        return update.run();
    });
}

Result<std::vector<User>> SqliteStore::list_users() {
    auto db = TRY(reader());
    auto query = TRY(
        db->prepare(fmt::format("SELECT {} FROM users ORDER BY username", sqlite::kUserColumns)));
    std::vector<User> out;
    while (TRY(query.step()))
        out.push_back(TRY(sqlite::user_from_row(query)));
    return out;
}

// Every signed-in request looks its user up by id: one keyed row, not the table.
Result<std::optional<User>> SqliteStore::find_user(const Id& user_id) {
    auto db = TRY(reader());
    return user_where(*db, "id", user_id.to_string());
}

Result<std::optional<User>> SqliteStore::find_user_by_name(const std::string& username) {
    auto db = TRY(reader());
    return user_where(*db, "username", username);
}

Result<ResealReport> SqliteStore::reseal_fields(ResealMode mode, int batch) {
    if (!m_cipher)
        return fail(Error::internal("reseal_fields on a store without a key file"));
    ResealReport report;
    // Events, in batches by seq: read with a reader, rewritten in one short write transaction.
    for (std::int64_t after = 0;;) {
        std::vector<std::pair<std::string, std::string>> changed;  // id, sealed data
        int read = 0;
        {
            auto db = TRY(reader());
            auto query = TRY(db->prepare(
                "SELECT seq, id, case_id, data FROM events WHERE seq > ?1 ORDER BY seq LIMIT ?2"));
            query.bind(1, after).bind(2, static_cast<std::int64_t>(batch));
            while (TRY(query.step())) {
                ++read;
                after = query.integer(0);
                auto id = Id::parse(query.text_view(1));
                auto case_id = Id::parse(query.text_view(2));
                boost::system::error_code ec;
                auto data = json::parse(query.text_view(3), ec);
                if (!id || !case_id || ec || !data.is_object())
                    return fail(Error::internal("event row with unreadable data"));
                auto fields =
                    TRY(reseal_event_data(data.get_object(), *case_id, *id, *m_cipher, mode));
                report.fields += fields;
                if (fields > 0 && mode == ResealMode::Reseal)
                    changed.emplace_back(query.text(1), json::serialize(data));
            }
        }
        if (!changed.empty()) {
            TRY_STATUS(write_transaction([&](sqlite::Connection& db) -> Status {
                for (const auto& [id, data] : changed) {
                    auto update = TRY(db.prepare("UPDATE events SET data = ?2 WHERE id = ?1"));
                    update.bind(1, id).bind(2, data);
                    TRY_STATUS(update.run());
                }
                return {};
            }));
            report.rows += static_cast<std::int64_t>(changed.size());
        }
        if (read < batch)
            break;
    }
    // Projections, in batches by id; one that an append changed meanwhile is left for the
    // next pass (the append wrote it under whatever key its process had).
    for (std::string after;;) {
        std::vector<std::tuple<std::string, std::int64_t, std::string>> changed;
        int read = 0;
        {
            auto db = TRY(reader());
            auto query = TRY(db->prepare(
                "SELECT id, version, document FROM cases WHERE id > ?1 ORDER BY id LIMIT ?2"));
            query.bind(1, after).bind(2, static_cast<std::int64_t>(batch));
            while (TRY(query.step())) {
                ++read;
                after = query.text(0);
                boost::system::error_code ec;
                auto document = json::parse(query.text_view(2), ec);
                if (ec || !document.is_object())
                    return fail(Error::internal("unreadable case document"));
                auto fields = TRY(reseal_case_document(document.get_object(), *m_cipher, mode));
                report.fields += fields;
                if (fields > 0 && mode == ResealMode::Reseal)
                    changed.emplace_back(after, query.integer(1), json::serialize(document));
            }
        }
        if (!changed.empty()) {
            TRY_STATUS(write_transaction([&](sqlite::Connection& db) -> Status {
                for (const auto& [id, version, document] : changed) {
                    auto update =
                        TRY(db.prepare("UPDATE cases SET document = ?3 "
                                       "WHERE id = ?1 AND version = ?2 RETURNING id"));
                    update.bind(1, id).bind(2, version).bind(3, document);
                    if (TRY(update.step())) {
                        ++report.rows;
                    } else {
                        ++report.skipped;
                    }
                }
                return {};
            }));
        }
        if (read < batch)
            break;
    }
    return report;
}

std::string SqliteStore::describe() {
    return fmt::format("sqlite (schema {})", m_schema_version);
}

}  // namespace retorno
