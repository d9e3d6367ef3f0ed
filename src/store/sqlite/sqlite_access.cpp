// The sign-in, sharing and audit parts of the SQLite store (migration 2). They use the store's
// one writer connection and its reader pool like the case tables do.

#include <algorithm>

#include <fmt/format.h>

#include "store/audit_day_heads.h"
#include "store/audit_time_order.h"
#include "store/comma_list.h"
#include "store/sealed_fields.h"
#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace retorno {

namespace {

Result<SignInFailures> failures_from_row(const sqlite::Statement& row) {
    SignInFailures out;
    out.failures = static_cast<int>(row.integer(0));
    out.first_failed_at = TRY(sqlite::time_column(row, 1));
    out.last_failed_at = TRY(sqlite::time_column(row, 2));
    return out;
}

constexpr std::string_view kAuditColumns =
    "seq, recorded_at, actor_user, actor_institution, address, action, case_id, categories, "
    "reason, previous_hash, hash";

AuditEntry audit_from_row(const sqlite::Statement& row) {
    AuditEntry e;
    e.seq = row.integer(0);
    e.recorded_at = row.text(1);
    e.actor_user = row.text(2);
    e.actor_institution = row.text(3);
    e.address = row.text(4);
    e.action = row.text(5);
    e.case_id = row.text(6);
    e.categories = row.text(7);
    e.reason = row.text(8);
    e.previous_hash = row.text(9);
    e.hash = row.text(10);
    return e;
}

Status upsert_day_head(sqlite::Connection& db, const AuditDayHead& head) {
    auto upsert = TRY(db.prepare(
        "INSERT INTO audit_day_heads (day, seq, hash, signature) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT (day) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, "
        "signature = excluded.signature"));
    upsert.bind(1, head.day).bind(2, head.seq).bind(3, head.hash).bind(4, head.signature);
    return upsert.run();
}

}  // namespace

Status SqliteStore::put_session(const Session& session) {
    return write_transaction([&](sqlite::Connection& db) -> Status {
        auto insert = TRY(db.prepare(
            fmt::format("INSERT INTO sessions ({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                        sqlite::kSessionColumns)));
        insert.bind(1, session.id.to_string())
            .bind(2, session.token_hash)
            .bind(3, session.user_id.to_string())
            .bind(4, format_timestamp(session.created_at))
            .bind(5, format_timestamp(session.last_seen_at))
            .bind(6, format_timestamp(session.expires_at));
        if (session.revoked_at) {
            insert.bind(7, format_timestamp(*session.revoked_at));
        } else {
            insert.bind_null(7);
        }
        insert.bind(8, session.address);
        return insert.run();
    });
}

Result<std::optional<Session>> SqliteStore::find_session(const std::string& token_hash) {
    auto db = TRY(reader());
    auto query = TRY(db->prepare(
        fmt::format("SELECT {} FROM sessions WHERE token_hash = ?1", sqlite::kSessionColumns)));
    query.bind(1, token_hash);
    if (!TRY(query.step()))
        return std::optional<Session>{};
    return std::optional<Session>{TRY(sqlite::session_from_row(query))};
}

Result<std::optional<SessionWithUser>> SqliteStore::find_session_with_user(
    const std::string& token_hash) {
    using namespace sqlite;
    static const std::string sql = fmt::format(
        "SELECT {}, {}, {} FROM sessions s LEFT JOIN users u ON u.id = s.user_id "
        "LEFT JOIN institutions i ON i.id = u.institution_id WHERE s.token_hash = ?1",
        qualified(kSessionColumns, "s"), qualified(kUserColumns, "u"),
        qualified(kInstitutionColumns, "i"));
    auto db = TRY(reader());
    auto query = TRY(db->prepare(sql));
    query.bind(1, token_hash);
    if (!TRY(query.step()))
        return std::optional<SessionWithUser>{};
    SessionWithUser out;
    out.session = TRY(session_from_row(query));
    constexpr int kUserFirst = kSessionColumnCount;
    constexpr int kInstitutionFirst = kUserFirst + kUserColumnCount;
    if (!query.is_null(kUserFirst))
        out.user = TRY(user_from_row(query, kUserFirst));
    if (!query.is_null(kInstitutionFirst))
        out.institution = TRY(institution_from_row(query, kInstitutionFirst));
    return std::optional<SessionWithUser>{std::move(out)};
}

Status SqliteStore::touch_session(const Id& session_id, Timestamp last_seen_at) {
    return write_transaction([&](sqlite::Connection& db) -> Status {
        // Never moves last_seen_at backwards when two processes touch the session at once.
        auto update = TRY(db.prepare(
            "UPDATE sessions SET last_seen_at = ?2 WHERE id = ?1 AND last_seen_at < ?2"));
        update.bind(1, session_id.to_string()).bind(2, format_timestamp(last_seen_at));
        return update.run();
    });
}

Status SqliteStore::revoke_session(const Id& session_id, Timestamp at) {
    return write_transaction([&](sqlite::Connection& db) -> Status {
        auto update = TRY(
            db.prepare("UPDATE sessions SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL"));
        update.bind(1, session_id.to_string()).bind(2, format_timestamp(at));
        return update.run();
    });
}

Result<int> SqliteStore::revoke_user_sessions(const Id& user_id, Timestamp at) {
    int revoked = 0;
    TRY_STATUS(write_transaction([&](sqlite::Connection& db) -> Status {
        auto count = TRY(
            db.prepare("SELECT count(*) FROM sessions WHERE user_id = ?1 AND revoked_at IS NULL"));
        count.bind(1, user_id.to_string());
        TRY(count.step());
        revoked = static_cast<int>(count.integer(0));
        auto update = TRY(db.prepare(
            "UPDATE sessions SET revoked_at = ?2 WHERE user_id = ?1 AND revoked_at IS NULL"));
        update.bind(1, user_id.to_string()).bind(2, format_timestamp(at));
        return update.run();
    }));
    return revoked;
}

Result<SignInFailures> SqliteStore::record_sign_in_failure(const std::string& key, Timestamp now,
                                                           std::chrono::seconds window) {
    SignInFailures out;
    TRY_STATUS(write_transaction([&](sqlite::Connection& db) -> Status {
        auto query =
            TRY(db.prepare("SELECT failures, first_failed_at, last_failed_at FROM sign_in_failures "
                           "WHERE key = ?1"));
        query.bind(1, key);
        std::optional<SignInFailures> before;
        if (TRY(query.step()))
            before = TRY(failures_from_row(query));
        if (before && before->last_failed_at + window >= now) {
            out = *before;
            out.failures += 1;
            out.last_failed_at = now;
        } else {
            out = SignInFailures{1, now, now};
        }
        auto upsert = TRY(db.prepare(
            "INSERT INTO sign_in_failures (key, failures, first_failed_at, last_failed_at) "
            "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, "
            "first_failed_at = excluded.first_failed_at, last_failed_at = "
            "excluded.last_failed_at"));
        upsert.bind(1, key)
            .bind(2, static_cast<std::int64_t>(out.failures))
            .bind(3, format_timestamp(out.first_failed_at))
            .bind(4, format_timestamp(out.last_failed_at));
        return upsert.run();
    }));
    return out;
}

Result<std::optional<SignInFailures>> SqliteStore::sign_in_failures(const std::string& key) {
    auto db = TRY(reader());
    auto query = TRY(db->prepare(
        "SELECT failures, first_failed_at, last_failed_at FROM sign_in_failures WHERE key = ?1"));
    query.bind(1, key);
    if (!TRY(query.step()))
        return std::optional<SignInFailures>{};
    return std::optional<SignInFailures>{TRY(failures_from_row(query))};
}

Status SqliteStore::clear_sign_in_failures(const std::string& key) {
    return write_transaction([&](sqlite::Connection& db) -> Status {
        auto remove = TRY(db.prepare("DELETE FROM sign_in_failures WHERE key = ?1"));
        remove.bind(1, key);
        return remove.run();
    });
}

Status SqliteStore::set_totp_required(const Id& institution_id, bool required) {
    return write_transaction([&](sqlite::Connection& db) -> Status {
        auto upsert = TRY(db.prepare(
            "INSERT INTO institution_settings (institution_id, totp_required) VALUES (?1, ?2) "
            "ON CONFLICT (institution_id) DO UPDATE SET totp_required = excluded.totp_required"));
        upsert.bind(1, institution_id.to_string()).bind(2, static_cast<std::int64_t>(required));
        return upsert.run();
    });
}

Result<bool> SqliteStore::totp_required(const Id& institution_id) {
    auto db = TRY(reader());
    auto query = TRY(
        db->prepare("SELECT totp_required FROM institution_settings WHERE institution_id = ?1"));
    query.bind(1, institution_id.to_string());
    if (!TRY(query.step()))
        return false;
    return query.integer(0) != 0;
}

Status SqliteStore::set_user_totp_secret(const Id& user_id, const std::string& secret) {
    const std::string sealed = TRY(seal_totp_secret(secret, user_id, m_cipher.get()));
    return write_transaction([&](sqlite::Connection& db) -> Status {
        auto upsert =
            TRY(db.prepare("INSERT INTO user_totp (user_id, secret) VALUES (?1, ?2) "
                           "ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret"));
        upsert.bind(1, user_id.to_string()).bind(2, sealed);
        return upsert.run();
    });
}

Result<std::optional<std::string>> SqliteStore::user_totp_secret(const Id& user_id) {
    auto db = TRY(reader());
    auto query = TRY(db->prepare("SELECT secret FROM user_totp WHERE user_id = ?1"));
    query.bind(1, user_id.to_string());
    if (!TRY(query.step()))
        return std::optional<std::string>{};
    return std::optional<std::string>{
        TRY(open_totp_secret(query.text(0), user_id, m_cipher.get()))};
}

Result<bool> SqliteStore::claim_totp_step(const Id& user_id, std::int64_t step) {
    bool claimed = false;
    TRY_STATUS(write_transaction([&](sqlite::Connection& db) -> Status {
        auto update =
            TRY(db.prepare("UPDATE user_totp SET last_used_step = ?2 "
                           "WHERE user_id = ?1 AND last_used_step < ?2 RETURNING 1"));
        update.bind(1, user_id.to_string()).bind(2, step);
        claimed = TRY(update.step());
        return {};
    }));
    return claimed;
}

Status SqliteStore::put_case_share(const CaseShare& share) {
    return write_transaction([&](sqlite::Connection& db) -> Status {
        auto insert = TRY(db.prepare(
            "INSERT INTO case_shares (id, case_id, institution_id, purpose, legal_basis, "
            "categories, shared_by_user, shared_by_institution, shared_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"));
        insert.bind(1, share.id.to_string())
            .bind(2, share.case_id.to_string())
            .bind(3, share.institution_id.to_string())
            .bind(4, share.purpose)
            .bind(5, share.legal_basis)
            .bind(6, join_comma_list(share.categories))
            .bind(7, share.shared_by_user)
            .bind(8, share.shared_by_institution)
            .bind(9, format_timestamp(share.shared_at));
        return insert.run();
    });
}

Result<std::vector<CaseShare>> SqliteStore::case_shares(const Id& case_id) {
    auto db = TRY(reader());
    auto query = TRY(db->prepare(
        "SELECT id, case_id, institution_id, purpose, legal_basis, categories, shared_by_user, "
        "shared_by_institution, shared_at FROM case_shares WHERE case_id = ?1 ORDER BY id"));
    query.bind(1, case_id.to_string());
    std::vector<CaseShare> out;
    while (TRY(query.step())) {
        CaseShare share;
        auto id = Id::parse(query.text_view(0));
        auto case_id_read = Id::parse(query.text_view(1));
        auto institution = Id::parse(query.text_view(2));
        if (!id || !case_id_read || !institution) {
            return fail(Error::internal("share row with an unreadable id"));
        }
        share.id = *id;
        share.case_id = *case_id_read;
        share.institution_id = *institution;
        share.purpose = query.text(3);
        share.legal_basis = query.text(4);
        share.categories = split_comma_list(query.text_view(5));
        share.shared_by_user = query.text(6);
        share.shared_by_institution = query.text(7);
        share.shared_at = TRY(sqlite::time_column(query, 8));
        out.push_back(std::move(share));
    }
    return out;
}

Result<std::vector<AuditEntry>> SqliteStore::append_audit(std::vector<AuditEntry> entries,
                                                          const AuditSeal& seal,
                                                          const AuditHeadSigner& sign_head) {
    // The writer lock and BEGIN IMMEDIATE serialise appends, also against other processes.
    TRY_STATUS(write_transaction([&](sqlite::Connection& db) -> Status {
        auto last = TRY(
            db.prepare("SELECT seq, hash, recorded_at FROM audit_log ORDER BY seq DESC LIMIT 1"));
        std::int64_t seq = 0;
        std::string previous_hash;
        std::string last_recorded_at;
        if (TRY(last.step())) {
            seq = last.integer(0);
            previous_hash = last.text(1);
            last_recorded_at = last.text(2);
        }
        keep_audit_time_order(entries, last_recorded_at);
        const auto insert_sql = fmt::format(
            "INSERT INTO audit_log ({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            kAuditColumns);
        for (auto& entry : entries) {
            entry.seq = ++seq;
            entry.previous_hash = previous_hash;
            entry.hash = seal(entry);
            previous_hash = entry.hash;
            auto insert = TRY(db.prepare(insert_sql));
            insert.bind(1, entry.seq)
                .bind(2, entry.recorded_at)
                .bind(3, entry.actor_user)
                .bind(4, entry.actor_institution)
                .bind(5, entry.address)
                .bind(6, entry.action)
                .bind(7, entry.case_id)
                .bind(8, entry.categories)
                .bind(9, entry.reason)
                .bind(10, entry.previous_hash)
                .bind(11, entry.hash);
            TRY_STATUS(insert.run());
        }
        for (const auto& head : day_heads_of(entries, sign_head))
            TRY_STATUS(upsert_day_head(db, head));
        return {};
    }));
    m_audit_index->entries_appended();
    return entries;
}

Result<std::vector<AuditEntry>> SqliteStore::audit_entries(std::int64_t after_seq, int limit,
                                                           const std::string& case_id) {
    auto db = TRY(reader());
    std::vector<AuditEntry> out;
    if (case_id.empty()) {
        auto query = TRY(db->prepare(fmt::format(
            "SELECT {} FROM audit_log WHERE seq > ?1 ORDER BY seq LIMIT ?2", kAuditColumns)));
        query.bind(1, after_seq).bind(2, static_cast<std::int64_t>(limit));
        while (TRY(query.step()))
            out.push_back(audit_from_row(query));
        return out;
    }
    // The hours in which the case has entries, in chain order, each with its first entry; the
    // entries of an hour run in the chain until the first entry of a later hour. The index may
    // lag behind the trail: the entries after it are read from the trail.
    const auto indexed = TRY(m_audit_index->case_hours(case_id));
    const auto full = [&] { return out.size() >= static_cast<std::size_t>(limit); };
    // An entry from before migration 9 may be earlier than the entry before it, and so be read
    // with an hour before its own; reading on from the entry after the last one answered never
    // answers it twice.
    std::int64_t next = after_seq + 1;
    const auto entries_sql =
        fmt::format("SELECT {} FROM audit_log WHERE seq >= ?1 ORDER BY seq", kAuditColumns);
    for (const auto& [hour, first_seq] : indexed.hours) {
        if (full())
            break;
        auto entries = TRY(db->prepare(entries_sql));
        entries.bind(1, std::max(first_seq, next));
        while (!full() && TRY(entries.step())) {
            if (audit_hour(entries.text_view(1)) > hour)
                break;
            if (entries.text_view(6) == case_id) {
                out.push_back(audit_from_row(entries));
                next = out.back().seq + 1;
            }
        }
    }
    if (!full()) {
        auto tail = TRY(db->prepare(fmt::format(
            "SELECT {} FROM audit_log WHERE seq >= ?1 AND case_id = ?2 ORDER BY seq LIMIT ?3",
            kAuditColumns)));
        tail.bind(1, std::max(next, indexed.indexed_through + 1))
            .bind(2, case_id)
            .bind(3, static_cast<std::int64_t>(limit - static_cast<int>(out.size())));
        while (TRY(tail.step()))
            out.push_back(audit_from_row(tail));
    }
    return out;
}

Result<std::vector<AuditEntry>> SqliteStore::latest_audit_entries(const std::string& case_id,
                                                                  int limit) {
    auto db = TRY(reader());
    std::vector<AuditEntry> out;
    const auto full = [&] { return out.size() >= static_cast<std::size_t>(limit); };
    if (case_id.empty() || limit <= 0)
        return out;
    // audit_entries backwards: first the entries the index has not reached, from the trail,
    // then the case's hours from the latest. An hour's entries are read forward, as
    // audit_entries reads them, up to the first entry of the hour read before it (or the end of
    // the index), and answered in reverse.
    const auto indexed = TRY(m_audit_index->case_hours(case_id));
    auto tail = TRY(db->prepare(fmt::format(
        "SELECT {} FROM audit_log WHERE seq > ?1 AND case_id = ?2 ORDER BY seq DESC LIMIT ?3",
        kAuditColumns)));
    tail.bind(1, indexed.indexed_through)
        .bind(2, case_id)
        .bind(3, static_cast<std::int64_t>(limit));
    while (TRY(tail.step()))
        out.push_back(audit_from_row(tail));
    // Unless it filled the answer, the tail gave every entry of the case after the index.
    std::int64_t before = indexed.indexed_through + 1;
    const auto entries_sql = fmt::format(
        "SELECT {} FROM audit_log WHERE seq >= ?1 AND seq < ?2 ORDER BY seq", kAuditColumns);
    for (auto it = indexed.hours.rbegin(); it != indexed.hours.rend() && !full(); ++it) {
        const auto& [hour, first_seq] = *it;
        if (first_seq >= before)
            continue;
        auto entries = TRY(db->prepare(entries_sql));
        entries.bind(1, first_seq).bind(2, before);
        std::vector<AuditEntry> in_hour;
        while (TRY(entries.step())) {
            if (audit_hour(entries.text_view(1)) > hour)
                break;
            if (entries.text_view(6) == case_id)
                in_hour.push_back(audit_from_row(entries));
        }
        for (auto entry = in_hour.rbegin(); entry != in_hour.rend() && !full(); ++entry)
            out.push_back(std::move(*entry));
        before = first_seq;
    }
    return out;
}

Status SqliteStore::put_audit_day_head(const AuditDayHead& head) {
    return write_transaction(
        [&](sqlite::Connection& db) -> Status { return upsert_day_head(db, head); });
}

Result<std::vector<AuditDayHead>> SqliteStore::audit_day_heads() {
    auto db = TRY(reader());
    auto query =
        TRY(db->prepare("SELECT day, seq, hash, signature FROM audit_day_heads ORDER BY day"));
    std::vector<AuditDayHead> out;
    while (TRY(query.step())) {
        out.push_back(AuditDayHead{query.text(0), query.integer(1), query.text(2), query.text(3)});
    }
    return out;
}

}  // namespace retorno
