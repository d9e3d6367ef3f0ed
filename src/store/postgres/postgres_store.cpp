#include "store/postgres/postgres_store.h"

#include <fmt/format.h>
#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "store/case_document.h"
#include "store/comma_list.h"
#include "store/postgres/postgres_open_tasks.h"
#include "store/postgres/postgres_rows.h"
#include "store/postgres/postgres_schema.h"
#include "store/postgres/postgres_statements.h"
#include "store/postgres/postgres_store_impl.h"
#include "store/postgres/postgres_url.h"

namespace retorno {

namespace json = boost::json;
namespace st = postgres::statement;

namespace {

// Sets up a new pooled connection. Acknowledged appends must survive a crash, whatever the
// server's default: synchronous_commit is forced on for the session.
void set_up_connection(pqxx::connection& connection) {
    connection.set_variable("synchronous_commit", "on");
    connection.set_variable("TimeZone", "'UTC'");
    postgres::prepare_statements(connection);
}

std::string name(std::string_view statement) {
    return std::string(statement);
}

// A failure of the database that the transaction reports as a value, so that `append` can
// answer Conflict with the message that says why.
Error conflict_at(std::int64_t stored_version, std::int64_t expected_version) {
    return Error::make(
        ErrorCode::Conflict,
        fmt::format("The case is at version {}; this change was made against version {}. "
                    "Reload the case and try again.",
                    stored_version, expected_version));
}

}  // namespace

PostgresStore::PostgresStore(std::string conninfo, std::string display, int pool_size)
    : m_pool(std::move(conninfo), pool_size, &set_up_connection), m_display(std::move(display)) {}

Result<std::unique_ptr<PostgresStore>> PostgresStore::open(const std::string& url, int pool_size,
                                                           std::shared_ptr<FieldCipher> cipher) {
    auto settings = TRY(postgres::parse_connection_settings(url));
    std::unique_ptr<PostgresStore> store(
        new PostgresStore(settings.conninfo, settings.display, pool_size));
    store->m_cipher = std::move(cipher);
    // The first connection migrates; it goes back to the pool afterwards. Statements are
    // prepared lazily by libpqxx, so preparing them before the tables exist is harmless.
    auto lease = TRY(store->m_pool.acquire());
    store->m_schema_version = TRY(postgres::apply_migrations(*lease));
    return store;
}

Result<std::unique_ptr<PostgresStore>> PostgresStore::open_replica(
    const std::string& url, int pool_size, std::shared_ptr<FieldCipher> cipher) {
    auto settings = TRY(postgres::parse_connection_settings(url));
    std::unique_ptr<PostgresStore> store(
        new PostgresStore(settings.conninfo, settings.display, pool_size));
    store->m_cipher = std::move(cipher);
    auto lease = TRY(store->m_pool.acquire());
    store->m_schema_version = TRY(postgres::require_current_schema(*lease));
    return store;
}

// On a standby, the replay may be behind what was received, or behind the primary while the
// stream is down: the staleness is the age of the newest replayed transaction whenever some
// received WAL is not replayed yet. A standby that has replayed all it received is current.
Result<ReadFreshness> PostgresStore::freshness() {
    return with_connection<ReadFreshness>(
        [&](pqxx::connection& connection) -> Result<ReadFreshness> {
            pqxx::nontransaction tx(connection);
            auto row = tx.exec1(
                "SELECT pg_is_in_recovery(), "
                "CASE WHEN NOT pg_is_in_recovery() THEN 0 "
                "WHEN pg_last_wal_receive_lsn() IS NOT NULL "
                "AND pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 "
                "ELSE coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0) "
                "END::float8");
            return ReadFreshness{row[0].as<bool>(), row[1].as<double>()};
        });
}

// The optimistic lock is taken by the database in two places: the projection row is changed
// only WHERE version = expected (or inserted only if absent, for a new case), and the event
// log's UNIQUE (case_id, version) admits one version N per case. A writer that lost the race
// waits on the winner's row lock, then finds no row to change and reports a Conflict; its
// transaction is rolled back, so nothing it wrote remains.
Status PostgresStore::append(const Event& event, const Case& after, const CaseTasks* tasks) {
    // Sealed before a connection is taken: encryption needs no database.
    json::object sealed_data = event.data;
    TRY_STATUS(seal_event_data(sealed_data, event.case_id, event.id, m_cipher.get()));
    json::object sealed_document = case_to_json(after);
    TRY_STATUS(seal_case_document(sealed_document, m_cipher.get()));
    const std::string data = json::serialize(sealed_data);
    const std::string document = json::serialize(sealed_document);
    return with_connection<void>([&](pqxx::connection& connection) -> Status {
        pqxx::work tx(connection);
        const std::string case_id = event.case_id.to_string();
        const auto parties = parties_of(after);
        pqxx::result changed;
        if (event.version == 1) {
            changed = tx.exec_prepared(name(st::kInsertCase), case_id, after.version, after.status,
                                       after.origin_country, after.destination_country,
                                       format_timestamp(after.opened_at),
                                       format_timestamp(after.updated_at), document,
                                       parties.opened_by_institution, parties.origin_notified);
        } else {
            changed = tx.exec_prepared(
                name(st::kUpdateCase), case_id, after.version, after.status, after.origin_country,
                after.destination_country, format_timestamp(after.updated_at), document,
                event.version - 1, parties.opened_by_institution, parties.origin_notified);
        }
        if (changed.affected_rows() != 1) {
            auto stored = tx.exec_prepared(name(st::kCaseVersion), case_id);
            std::int64_t stored_version = stored.empty() ? 0 : stored[0][0].as<std::int64_t>();
            return fail(conflict_at(stored_version, event.version - 1));
        }
        auto inserted =
            tx.exec_prepared(name(st::kInsertEvent), event.id.to_string(), case_id, event.version,
                             std::string(to_string(event.kind)), event.step, data, event.actor_user,
                             event.actor_institution, format_timestamp(event.recorded_at),
                             event.previous_hash, event.hash);
        if (inserted.affected_rows() != 1) {
            if (!tx.exec_prepared(name(st::kEventExists), event.id.to_string()).empty()) {
                return fail(Error::make(ErrorCode::Conflict, "This event was already recorded."));
            }
            // The projection said version N-1, yet the log holds version N: the projection is
            // behind the log, which only a manual change to the database can cause.
            return fail(Error::make(ErrorCode::Conflict,
                                    "This version of the case was already recorded. Reload the "
                                    "case and try again.",
                                    "the cases projection is behind the events table"));
        }
        postgres::write_case_tasks(tx, case_id, tasks);
        tx.commit();
        return {};
    });
}

Result<std::optional<Case>> PostgresStore::find_case(const Id& case_id) {
    return with_connection<std::optional<Case>>(
        [&](pqxx::connection& connection) -> Result<std::optional<Case>> {
            pqxx::nontransaction tx(connection);
            auto rows = tx.exec_prepared(name(st::kFindCase), case_id.to_string());
            if (rows.empty())
                return std::optional<Case>{};
            return std::optional<Case>{TRY(case_from_document(rows[0][0].c_str(), m_cipher.get()))};
        });
}

Result<CasePage> PostgresStore::list_cases(const CaseFilter& filter) {
    if (!filter.after.empty() && !Id::parse(filter.after)) {
        return fail(Error::invalid("/after", "The page cursor is not valid."));
    }
    const int limit = filter.limit < 1 ? 1 : filter.limit;
    auto statement = postgres::list_cases_statement(
        filter.status.empty() ? postgres::StatusFilter::Any : postgres::StatusFilter::Given,
        filter.country.empty() ? postgres::CountryFilter::Any : postgres::CountryFilter::Given,
        filter.after.empty() ? postgres::Cursor::First : postgres::Cursor::After,
        filter.party ? postgres::PartyFilterGiven::Yes : postgres::PartyFilterGiven::No);
    // One row more than the page tells whether there is a next page.
    std::vector<std::string> parameters{std::to_string(limit + 1)};
    if (!filter.status.empty())
        parameters.push_back(filter.status);
    if (!filter.country.empty())
        parameters.push_back(filter.country);
    if (!filter.after.empty())
        parameters.push_back(filter.after);
    if (filter.party) {
        parameters.push_back(filter.party->institution_id);
        parameters.push_back(filter.party->destination_country);
        parameters.push_back(filter.party->notified_origin_country);
    }
    return with_connection<CasePage>([&](pqxx::connection& connection) -> Result<CasePage> {
        pqxx::nontransaction tx(connection);
        auto rows = tx.exec_prepared(statement, pqxx::prepare::make_dynamic_params(parameters));
        CasePage page;
        for (const auto& row : rows) {
            if (static_cast<int>(page.cases.size()) == limit) {
                page.next = page.cases.back().id.to_string();
                break;
            }
            page.cases.push_back(TRY(case_from_document(row[1].c_str(), m_cipher.get())));
        }
        return page;
    });
}

Result<std::vector<Event>> PostgresStore::case_events(const Id& case_id, std::int64_t after_version,
                                                      int limit) {
    return with_connection<std::vector<Event>>(
        [&](pqxx::connection& connection) -> Result<std::vector<Event>> {
            pqxx::nontransaction tx(connection);
            auto rows =
                tx.exec_prepared(name(st::kCaseEvents), case_id.to_string(), after_version, limit);
            std::vector<Event> events;
            events.reserve(rows.size());
            for (const auto& row : rows)
                events.push_back(TRY(postgres::event_from_row(row, m_cipher.get())));
            return events;
        });
}

Result<ResealReport> PostgresStore::reseal_fields(ResealMode mode, int batch) {
    if (!m_cipher)
        return fail(Error::internal("reseal_fields on a store without a key file"));
    ResealReport report;
    // Events, in batches by seq, each batch one short transaction.
    for (std::int64_t after = 0;;) {
        auto read = TRY(with_connection<int>([&](pqxx::connection& connection) -> Result<int> {
            pqxx::work tx(connection);
            auto rows = tx.exec_prepared(name(st::kEventDataBatch), after, batch);
            for (const auto& row : rows) {
                after = row[0].as<std::int64_t>();
                auto id = Id::parse(row[1].c_str());
                auto case_id = Id::parse(row[2].c_str());
                boost::system::error_code ec;
                auto data = json::parse(row[3].c_str(), ec);
                if (!id || !case_id || ec || !data.is_object())
                    return fail(Error::internal("event row with unreadable data"));
                auto fields =
                    TRY(reseal_event_data(data.get_object(), *case_id, *id, *m_cipher, mode));
                report.fields += fields;
                if (fields > 0 && mode == ResealMode::Reseal) {
                    tx.exec_prepared(name(st::kUpdateEventData), id->to_string(),
                                     json::serialize(data));
                    ++report.rows;
                }
            }
            tx.commit();
            return static_cast<int>(rows.size());
        }));
        if (read < batch)
            break;
    }
    // Projections, in batches by id; one that an append changed meanwhile is left for the
    // next pass (the append wrote it under whatever key its process had).
    for (std::string after = "00000000-0000-0000-0000-000000000000";;) {
        auto read = TRY(with_connection<int>([&](pqxx::connection& connection) -> Result<int> {
            pqxx::work tx(connection);
            auto rows = tx.exec_prepared(name(st::kCaseDocumentBatch), after, batch);
            for (const auto& row : rows) {
                after = row[0].c_str();
                boost::system::error_code ec;
                auto document = json::parse(row[2].c_str(), ec);
                if (ec || !document.is_object())
                    return fail(Error::internal("unreadable case document"));
                auto fields = TRY(reseal_case_document(document.get_object(), *m_cipher, mode));
                report.fields += fields;
                if (fields > 0 && mode == ResealMode::Reseal) {
                    auto changed =
                        tx.exec_prepared(name(st::kUpdateCaseDocument), after,
                                         row[1].as<std::int64_t>(), json::serialize(document));
                    if (changed.affected_rows() == 1) {
                        ++report.rows;
                    } else {
                        ++report.skipped;
                    }
                }
            }
            tx.commit();
            return static_cast<int>(rows.size());
        }));
        if (read < batch)
            break;
    }
    return report;
}

Result<std::int64_t> PostgresStore::count_events() {
    return with_connection<std::int64_t>([&](pqxx::connection& connection) -> Result<std::int64_t> {
        pqxx::nontransaction tx(connection);
        return tx.exec_prepared1(name(st::kCountEvents))[0].as<std::int64_t>();
    });
}

Result<std::int64_t> PostgresStore::count_cases() {
    return with_connection<std::int64_t>([&](pqxx::connection& connection) -> Result<std::int64_t> {
        pqxx::nontransaction tx(connection);
        return tx.exec_prepared1(name(st::kCountCases))[0].as<std::int64_t>();
    });
}

Result<std::vector<EventPosition>> PostgresStore::event_positions(std::int64_t after_seq,
                                                                  int limit) {
    return with_connection<std::vector<EventPosition>>(
        [&](pqxx::connection& connection) -> Result<std::vector<EventPosition>> {
            pqxx::nontransaction tx(connection);
            auto rows = tx.exec_prepared(name(st::kEventPositions), after_seq, limit);
            std::vector<EventPosition> positions;
            positions.reserve(rows.size());
            for (const auto& row : rows) {
                auto case_id = Id::parse(row[1].c_str());
                if (!case_id)
                    return fail(Error::internal("event row with an unreadable case id"));
                positions.push_back(EventPosition{row[0].as<std::int64_t>(), *case_id});
            }
            return positions;
        });
}

Status PostgresStore::put_institution(const Institution& institution) {
    auto done = write_one(st::kPutInstitution, institution.id.to_string(), institution.country,
                          institution.type, institution.name,
                          institution.parent ? institution.parent->to_string() : std::string());
    if (!done && done.error().code == ErrorCode::Conflict) {
        return fail(Error::make(ErrorCode::Conflict, "The parent institution does not exist.",
                                done.error().detail));
    }
    return done;
}

Result<std::vector<Institution>> PostgresStore::list_institutions() {
    return with_connection<std::vector<Institution>>(
        [&](pqxx::connection& connection) -> Result<std::vector<Institution>> {
            pqxx::nontransaction tx(connection);
            std::vector<Institution> out;
            for (const auto& row : tx.exec_prepared(name(st::kListInstitutions))) {
                out.push_back(TRY(postgres::institution_from_row(row)));
            }
            return out;
        });
}

Result<std::optional<Institution>> PostgresStore::find_institution(const Id& id) {
    return with_connection<std::optional<Institution>>(
        [&](pqxx::connection& connection) -> Result<std::optional<Institution>> {
            pqxx::nontransaction tx(connection);
            auto rows = tx.exec_prepared(name(st::kFindInstitution), id.to_string());
            if (rows.empty())
                return std::optional<Institution>{};
            return std::optional<Institution>{TRY(postgres::institution_from_row(rows[0]))};
        });
}

Status PostgresStore::set_user_language(const Id& user_id, const std::string& language) {
    return write_one(st::kSetUserLanguage, user_id.to_string(), language);
}

Status PostgresStore::disable_user(const Id& user_id) {
    return write_one(st::kDisableUser, user_id.to_string());
}

Status PostgresStore::set_user_password(const Id& user_id, const std::string& password_hash) {
    return write_one(st::kSetUserPassword, user_id.to_string(), password_hash);
}

Status PostgresStore::put_user(const User& user) {
    auto done = write_one(st::kPutUser, user.id.to_string(), user.username, user.display_name,
                          user.institution_id.to_string(), join_roles(user.roles),
                          user.password_hash, user.disabled, user.language);
    if (!done && done.error().code == ErrorCode::Conflict) {
        return fail(Error::make(ErrorCode::Conflict,
                                "That user name is taken, or the institution does not exist.",
                                done.error().detail));
    }
    return done;
}

Result<std::vector<User>> PostgresStore::list_users() {
    return with_connection<std::vector<User>>(
        [&](pqxx::connection& connection) -> Result<std::vector<User>> {
            pqxx::nontransaction tx(connection);
            std::vector<User> out;
            for (const auto& row : tx.exec_prepared(name(st::kListUsers))) {
                out.push_back(TRY(postgres::user_from_row(row)));
            }
            return out;
        });
}

Result<std::optional<User>> PostgresStore::find_user_by_name(const std::string& username) {
    return with_connection<std::optional<User>>(
        [&](pqxx::connection& connection) -> Result<std::optional<User>> {
            pqxx::nontransaction tx(connection);
            auto rows = tx.exec_prepared(name(st::kFindUserByName), username);
            if (rows.empty())
                return std::optional<User>{};
            return std::optional<User>{TRY(postgres::user_from_row(rows[0]))};
        });
}

std::string PostgresStore::describe() {
    return fmt::format("postgresql {} (schema {})", m_display, m_schema_version);
}

}  // namespace retorno
