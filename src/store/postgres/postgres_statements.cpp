#include "store/postgres/postgres_statements.h"

#include <fmt/format.h>

namespace retorno::postgres {

namespace {

// Timestamps leave the database in the one form that core/time.h parses.
constexpr std::string_view kUtcText =
    R"(to_char({} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))";

std::string utc_text(std::string_view column) {
    return fmt::format(fmt::runtime(kUtcText), column);
}

// The columns that postgres_rows.h reads, in its order. `table` names the table in a join
// ("u." for `users u`) and is empty otherwise.
std::string institution_columns(std::string_view table = "") {
    return fmt::format("{0}id, {0}country, {0}type, {0}name, {0}parent_id", table);
}
std::string user_columns(std::string_view table = "") {
    return fmt::format(
        "{0}id, {0}username, {0}display_name, {0}institution_id, array_to_string({0}roles, ','), "
        "{0}password_hash, {0}disabled, {0}language",
        table);
}
std::string session_columns(std::string_view table = "") {
    auto at = [&](std::string_view column) { return utc_text(fmt::format("{}{}", table, column)); };
    return fmt::format("{0}id, {0}token_hash, {0}user_id, {1}, {2}, {3}, {4}, {0}address", table,
                       at("created_at"), at("last_seen_at"), at("expires_at"), at("revoked_at"));
}

// Parameters are numbered in the order limit, status, country, cursor, party (institution,
// destination country, notified origin country), skipping the filters that the statement does
// not have; PostgresStore::list_cases binds them alike.
std::string list_cases_sql(StatusFilter status, CountryFilter country, Cursor cursor,
                           PartyFilterGiven party) {
    int next = 2;
    std::string filters;  // on the cases aliased x
    if (status == StatusFilter::Given)
        filters += fmt::format(" AND x.status = ${}", next++);
    if (country == CountryFilter::Given) {
        filters +=
            fmt::format(" AND (x.origin_country = ${0} OR x.destination_country = ${0})", next++);
    }
    if (cursor == Cursor::After)
        filters += fmt::format(" AND x.id < ${}::uuid", next++);
    if (party == PartyFilterGiven::No) {
        return fmt::format(
            "SELECT x.id, x.document::text FROM cases x WHERE true{} ORDER BY x.id DESC LIMIT $1",
            filters);
    }
    // For each way of being a party (PartyFilter), the newest cases of that kind from an index
    // of its own (migration 10), at most a page and one of each; a case that is a party's in
    // several ways comes once (UNION). The cases whose parties are not known yet are kept for
    // everyone; the policy decides each case. The documents are read last, one probe per case
    // listed: a join could walk the cases newer than the oldest one listed.
    return fmt::format(
        "SELECT p.id, (SELECT c.document::text FROM cases c WHERE c.id = p.id) FROM ("
        "(SELECT x.id FROM cases x WHERE x.opened_by_institution = ${1}{0} "
        "ORDER BY x.id DESC LIMIT $1) "
        "UNION (SELECT x.id FROM cases x WHERE ${2} <> '' AND x.destination_country = ${2}{0} "
        "ORDER BY x.id DESC LIMIT $1) "
        "UNION (SELECT x.id FROM cases x WHERE ${3} <> '' AND x.origin_notified "
        "AND x.origin_country = ${3}{0} ORDER BY x.id DESC LIMIT $1) "
        "UNION (SELECT DISTINCT s.case_id FROM case_shares s JOIN cases x ON x.id = s.case_id "
        "WHERE s.institution_id = nullif(${1}, '')::uuid{0} ORDER BY s.case_id DESC LIMIT $1) "
        "UNION (SELECT x.id FROM cases x WHERE x.opened_by_institution IS NULL{0} "
        "ORDER BY x.id DESC LIMIT $1) ORDER BY 1 DESC LIMIT $1) p ORDER BY p.id DESC",
        filters, next, next + 1, next + 2);
}

std::vector<Statement> build() {
    using namespace statement;
    std::vector<Statement> out;
    auto add = [&](std::string_view name, std::string sql) {
        out.push_back(Statement{std::string(name), std::move(sql)});
    };
    // A new case: a concurrent creator of the same case makes this insert nothing, never fail,
    // so the transaction stays usable to report the conflict.
    add(kInsertCase,
        "INSERT INTO cases (id, version, status, origin_country, destination_country, opened_at, "
        "updated_at, document, opened_by_institution, origin_notified) VALUES ($1, $2, $3, $4, "
        "$5, $6::timestamptz, $7::timestamptz, $8::jsonb, $9, $10) ON CONFLICT (id) DO NOTHING");
    // The version test in the WHERE clause is the optimistic lock: a concurrent writer that
    // committed first leaves this update with no row to change.
    add(kUpdateCase,
        "UPDATE cases SET version = $2, status = $3, origin_country = $4, "
        "destination_country = $5, updated_at = $6::timestamptz, document = $7::jsonb, "
        "opened_by_institution = $9, origin_notified = $10 WHERE id = $1 AND version = $8");
    add(kCaseVersion, "SELECT version FROM cases WHERE id = $1");
    add(kInsertEvent,
        "INSERT INTO events (id, case_id, version, kind, step, data, actor_user, "
        "actor_institution, recorded_at, previous_hash, hash) VALUES ($1, $2, $3, $4, $5, "
        "$6::json, $7, $8, $9::timestamptz, $10, $11) ON CONFLICT DO NOTHING");
    add(kEventExists, "SELECT 1 FROM events WHERE id = $1");
    add(kFindCase, "SELECT document::text FROM cases WHERE id = $1");
    add(kCaseEvents, fmt::format("SELECT id, case_id, version, kind, step, data::text, actor_user, "
                                 "actor_institution, {}, previous_hash, hash FROM events "
                                 "WHERE case_id = $1 AND version > $2 ORDER BY version LIMIT $3",
                                 utc_text("recorded_at")));
    // Key rotation (`reseal_fields`): batches of events and projections, rewritten in place.
    // Migration 3 lets an UPDATE of events change the data column and nothing else.
    add(kEventDataBatch,
        "SELECT seq, id, case_id, data::text FROM events WHERE seq > $1 ORDER BY seq LIMIT $2");
    add(kUpdateEventData, "UPDATE events SET data = $2::json WHERE id = $1");
    add(kCaseDocumentBatch,
        "SELECT id, version, document::text FROM cases WHERE id > $1::uuid ORDER BY id LIMIT $2");
    add(kUpdateCaseDocument,
        "UPDATE cases SET document = $3::jsonb WHERE id = $1 AND version = $2");
    add(kCountEvents, "SELECT count(*) FROM events");
    add(kCountCases, "SELECT count(*) FROM cases");
    add(kEventPositions,
        "SELECT seq, case_id::text FROM events WHERE seq > $1 ORDER BY seq LIMIT $2");
    add(kPutInstitution,
        "INSERT INTO institutions (id, country, type, name, parent_id) "
        "VALUES ($1, $2, $3, $4, nullif($5, '')::uuid) ON CONFLICT (id) DO UPDATE SET "
        "country = excluded.country, type = excluded.type, name = excluded.name, "
        "parent_id = excluded.parent_id");
    // Byte order (COLLATE "C") matches SQLite's, whatever the server's default collation.
    add(kListInstitutions,
        fmt::format(
            "SELECT {} FROM institutions ORDER BY country COLLATE \"C\", name COLLATE \"C\"",
            institution_columns()));
    add(kFindInstitution,
        fmt::format("SELECT {} FROM institutions WHERE id = $1", institution_columns()));
    add(kPutUser,
        "INSERT INTO users (id, username, display_name, institution_id, roles, password_hash, "
        "disabled, language) VALUES ($1, $2, $3, $4, "
        "coalesce(string_to_array(nullif($5, ''), ','), '{}'), $6, $7, $8) "
        "ON CONFLICT (id) DO UPDATE SET username = excluded.username, "
        "display_name = excluded.display_name, institution_id = excluded.institution_id, "
        "roles = excluded.roles, password_hash = excluded.password_hash, "
        "disabled = excluded.disabled, language = excluded.language");
    add(kListUsers,
        fmt::format("SELECT {} FROM users ORDER BY username COLLATE \"C\"", user_columns()));
    add(kFindUserByName, fmt::format("SELECT {} FROM users WHERE username = $1", user_columns()));
    add(kFindUser, fmt::format("SELECT {} FROM users WHERE id = $1::uuid", user_columns()));
    // Migration 4: the user's language.
    add(kSetUserLanguage, "UPDATE users SET language = $2 WHERE id = $1::uuid");
    add(kDisableUser, "UPDATE users SET disabled = true WHERE id = $1::uuid");
    add(kSetUserPassword, "UPDATE users SET password_hash = $2 WHERE id = $1::uuid");

    // Migration 2: sessions, sign-in counters, second factor, shares, audit trail.
    add(kInsertSession,
        "INSERT INTO sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at, "
        "revoked_at, address) VALUES ($1, $2, $3, $4::timestamptz, $5::timestamptz, "
        "$6::timestamptz, nullif($7, '')::timestamptz, $8)");
    add(kFindSession,
        fmt::format("SELECT {} FROM sessions WHERE token_hash = $1", session_columns()));
    add(kFindSessionWithUser,
        fmt::format("SELECT {}, {}, {} FROM sessions s LEFT JOIN users u ON u.id = s.user_id "
                    "LEFT JOIN institutions i ON i.id = u.institution_id WHERE s.token_hash = $1",
                    session_columns("s."), user_columns("u."), institution_columns("i.")));
    // Never moves last_seen_at backwards when two processes touch the session at once.
    add(kTouchSession,
        "UPDATE sessions SET last_seen_at = $2::timestamptz WHERE id = $1 "
        "AND last_seen_at < $2::timestamptz");
    add(kRevokeSession,
        "UPDATE sessions SET revoked_at = $2::timestamptz WHERE id = $1 AND revoked_at IS NULL");
    add(kRevokeUserSessions,
        "UPDATE sessions SET revoked_at = $2::timestamptz WHERE user_id = $1 "
        "AND revoked_at IS NULL");
    add(kCountUserSessions, "SELECT count(*) FROM sessions WHERE user_id = $1");
    // One statement, so that concurrent failures from several processes all count.
    add(kRecordSignInFailure,
        fmt::format(
            "INSERT INTO sign_in_failures AS f (key, failures, first_failed_at, last_failed_at) "
            "VALUES ($1, 1, $2::timestamptz, $2::timestamptz) ON CONFLICT (key) DO UPDATE SET "
            "failures = CASE WHEN f.last_failed_at + make_interval(secs => $3::double precision) "
            ">= excluded.last_failed_at THEN f.failures + 1 ELSE 1 END, "
            "first_failed_at = CASE WHEN f.last_failed_at + make_interval(secs => "
            "$3::double precision) >= excluded.last_failed_at THEN f.first_failed_at "
            "ELSE excluded.first_failed_at END, last_failed_at = excluded.last_failed_at "
            "RETURNING failures, {}, {}",
            utc_text("f.first_failed_at"), utc_text("f.last_failed_at")));
    add(kSignInFailures, fmt::format("SELECT failures, {}, {} FROM sign_in_failures WHERE key = $1",
                                     utc_text("first_failed_at"), utc_text("last_failed_at")));
    add(kClearSignInFailures, "DELETE FROM sign_in_failures WHERE key = $1");
    add(kSetTotpRequired,
        "INSERT INTO institution_settings (institution_id, totp_required) VALUES ($1, $2) "
        "ON CONFLICT (institution_id) DO UPDATE SET totp_required = excluded.totp_required");
    add(kTotpRequired, "SELECT totp_required FROM institution_settings WHERE institution_id = $1");
    add(kSetUserTotpSecret,
        "INSERT INTO user_totp (user_id, secret) VALUES ($1, $2) "
        "ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret");
    add(kUserTotpSecret, "SELECT secret FROM user_totp WHERE user_id = $1");
    // One statement, so two processes given the same code cannot both claim its step.
    add(kClaimTotpStep,
        "UPDATE user_totp SET last_used_step = $2 WHERE user_id = $1 AND last_used_step < $2");
    add(kPutCaseShare,
        "INSERT INTO case_shares (id, case_id, institution_id, purpose, legal_basis, categories, "
        "shared_by_user, shared_by_institution, shared_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
        "$8, $9::timestamptz)");
    add(kCaseShares,
        fmt::format("SELECT id, case_id, institution_id, purpose, legal_basis, categories, "
                    "shared_by_user, shared_by_institution, {} FROM case_shares "
                    "WHERE case_id = $1 ORDER BY id",
                    utc_text("shared_at")));
    // One advisory lock serialises audit appends across every process, so the chain never forks.
    add(kAuditLock, "SELECT pg_advisory_xact_lock(7252001)");
    add(kAuditLast, "SELECT seq, hash, recorded_at FROM audit_log ORDER BY seq DESC LIMIT 1");
    constexpr std::string_view kAuditColumns =
        "seq, recorded_at, actor_user, actor_institution, address, action, case_id, categories, "
        "reason, previous_hash, hash";
    add(kInsertAudit,
        fmt::format("INSERT INTO audit_log ({}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
                    "$11)",
                    kAuditColumns));
    add(kAuditEntries, fmt::format("SELECT {} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2",
                                   kAuditColumns));
    // Both by the index audit_log_by_case (case_id, seq), forwards and backwards.
    add(kCaseAuditEntries,
        fmt::format("SELECT {} FROM audit_log WHERE case_id = $2 AND seq > $1 ORDER BY seq "
                    "LIMIT $3",
                    kAuditColumns));
    add(kLatestCaseAuditEntries,
        fmt::format("SELECT {} FROM audit_log WHERE case_id = $1 ORDER BY seq DESC LIMIT $2",
                    kAuditColumns));
    add(kPutAuditDayHead,
        "INSERT INTO audit_day_heads (day, seq, hash, signature) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (day) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, "
        "signature = excluded.signature");
    add(kAuditDayHeads, "SELECT day, seq, hash, signature FROM audit_day_heads ORDER BY day");
    // The open-tasks projection (migration 5). A case's tasks are cleared with its head, and
    // the new tasks arrive as one JSON array, so that replacing them costs two statements.
    add(kClearCaseTasks,
        "WITH cleared AS (DELETE FROM open_tasks WHERE case_id = $1) "
        "DELETE FROM case_task_heads WHERE case_id = $1");
    add(kPutCaseTaskHead,
        "WITH cleared AS (DELETE FROM open_tasks WHERE case_id = $1) "
        "INSERT INTO case_task_heads (case_id, case_version, fingerprint, origin_country, "
        "destination_country, opened_by_institution, origin_notified) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7) "
        "ON CONFLICT (case_id) DO UPDATE SET case_version = excluded.case_version, "
        "fingerprint = excluded.fingerprint, origin_country = excluded.origin_country, "
        "destination_country = excluded.destination_country, "
        "opened_by_institution = excluded.opened_by_institution, "
        "origin_notified = excluded.origin_notified");
    add(kInsertOpenTasks,
        "INSERT INTO open_tasks (case_id, position, step, kind, side, country, institution_type, "
        "institution_name, supervisor_type, due) SELECT $1, t.n - 1, t.v->>'step', "
        "t.v->>'kind', t.v->>'side', t.v->>'country', t.v->>'institution_type', "
        "t.v->>'institution_name', t.v->>'supervisor_type', (t.v->>'due')::date "
        "FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(v, n)");
    add(kCasesWithTasksDue,
        "SELECT DISTINCT case_id FROM open_tasks WHERE due < $1::date AND case_id > $2::uuid "
        "ORDER BY case_id LIMIT $3");
    add(kLockCaseVersion, "SELECT version FROM cases WHERE id = $1 FOR UPDATE");
    add(kStaleTaskCases,
        "SELECT c.id FROM cases c LEFT JOIN case_task_heads h ON h.case_id = c.id "
        "WHERE c.id > $1::uuid AND (h.case_id IS NULL OR h.case_version <> c.version "
        "OR h.fingerprint <> $2 OR c.opened_by_institution IS NULL) ORDER BY c.id LIMIT $3");
    // Replacing a case's tasks records its parties too (a case stored before migration 10).
    add(kSetCaseParties,
        "UPDATE cases SET opened_by_institution = $2, origin_notified = $3 WHERE id = $1 "
        "AND (opened_by_institution IS DISTINCT FROM $2 OR origin_notified IS DISTINCT FROM $3)");
    constexpr std::string_view kOpenTaskColumns =
        "SELECT t.case_id, t.step, t.kind, t.side, t.country, t.institution_type, "
        "t.institution_name, t.supervisor_type, to_char(t.due, 'YYYY-MM-DD'), "
        "h.origin_country, h.destination_country, h.opened_by_institution, h.origin_notified "
        "FROM open_tasks t JOIN case_task_heads h ON h.case_id = t.case_id ";
    constexpr std::string_view kOpenTaskOrder = " ORDER BY t.due NULLS LAST, t.case_id, t.position";
    add(kOpenTasks, std::string(kOpenTaskColumns) +
                        "WHERE t.institution_type = $1 AND (t.country = $2 OR t.country = '')" +
                        std::string(kOpenTaskOrder));
    add(kOpenAndSupervisedTasks,
        std::string(kOpenTaskColumns) +
            "WHERE (t.institution_type = $1 AND (t.country = $2 OR t.country = '')) OR "
            "(t.supervisor_type = $1 AND t.country = $2 AND t.due < $3::date)" +
            std::string(kOpenTaskOrder));
    add(kEveryOpenTask, std::string(kOpenTaskColumns) + std::string(kOpenTaskOrder));
    add(kCaseSummaries,
        fmt::format("SELECT c.id, c.status, c.origin_country, c.destination_country, {}, "
                    "(SELECT {} FROM events e WHERE e.case_id = c.id "
                    "AND e.kind = 'step_completed' AND e.step = 'handover' "
                    "ORDER BY e.recorded_at DESC LIMIT 1) FROM cases c ORDER BY c.id",
                    utc_text("c.opened_at"), utc_text("e.recorded_at")));

    for (auto status : {StatusFilter::Any, StatusFilter::Given}) {
        for (auto country : {CountryFilter::Any, CountryFilter::Given}) {
            for (auto cursor : {Cursor::First, Cursor::After}) {
                for (auto party : {PartyFilterGiven::No, PartyFilterGiven::Yes}) {
                    add(list_cases_statement(status, country, cursor, party),
                        list_cases_sql(status, country, cursor, party));
                }
            }
        }
    }
    return out;
}

}  // namespace

const std::vector<Statement>& all_statements() {
    static const std::vector<Statement> statements = build();
    return statements;
}

std::string list_cases_statement(StatusFilter status, CountryFilter country, Cursor cursor,
                                 PartyFilterGiven party) {
    return fmt::format("list_cases_{}{}{}{}", status == StatusFilter::Given ? "s" : "_",
                       country == CountryFilter::Given ? "c" : "_",
                       cursor == Cursor::After ? "a" : "_",
                       party == PartyFilterGiven::Yes ? "p" : "_");
}

}  // namespace retorno::postgres
