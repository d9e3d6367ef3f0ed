// The sign-in, sharing and audit parts of the PostgreSQL store (migration 2).

#include <pqxx/pqxx>

#include "store/audit_day_heads.h"
#include "store/audit_time_order.h"
#include "store/comma_list.h"
#include "store/postgres/postgres_rows.h"
#include "store/postgres/postgres_statements.h"
#include "store/postgres/postgres_store_impl.h"
#include "store/sealed_fields.h"

namespace retorno {

namespace st = postgres::statement;

namespace {

std::string name(std::string_view statement) {
    return std::string(statement);
}

Result<SignInFailures> failures_from_row(const pqxx::row& row) {
    SignInFailures out;
    out.failures = row[0].as<int>();
    out.first_failed_at = TRY(postgres::time_field(row[1]));
    out.last_failed_at = TRY(postgres::time_field(row[2]));
    return out;
}

AuditEntry audit_from_row(const pqxx::row& row) {
    AuditEntry e;
    e.seq = row[0].as<std::int64_t>();
    e.recorded_at = row[1].c_str();
    e.actor_user = row[2].c_str();
    e.actor_institution = row[3].c_str();
    e.address = row[4].c_str();
    e.action = row[5].c_str();
    e.case_id = row[6].c_str();
    e.categories = row[7].c_str();
    e.reason = row[8].c_str();
    e.previous_hash = row[9].c_str();
    e.hash = row[10].c_str();
    return e;
}

}  // namespace

Status PostgresStore::put_session(const Session& session) {
    return write_one(st::kInsertSession, session.id.to_string(), session.token_hash,
                     session.user_id.to_string(), format_timestamp(session.created_at),
                     format_timestamp(session.last_seen_at), format_timestamp(session.expires_at),
                     session.revoked_at ? format_timestamp(*session.revoked_at) : std::string(),
                     session.address);
}

Result<std::optional<Session>> PostgresStore::find_session(const std::string& token_hash) {
    return with_connection<std::optional<Session>>(
        [&](pqxx::connection& connection) -> Result<std::optional<Session>> {
            pqxx::nontransaction tx(connection);
            auto rows = tx.exec_prepared(name(st::kFindSession), token_hash);
            if (rows.empty())
                return std::optional<Session>{};
            return std::optional<Session>{TRY(postgres::session_from_row(rows[0]))};
        });
}

Result<std::optional<SessionWithUser>> PostgresStore::find_session_with_user(
    const std::string& token_hash) {
    using namespace postgres;
    return with_connection<std::optional<SessionWithUser>>(
        [&](pqxx::connection& connection) -> Result<std::optional<SessionWithUser>> {
            pqxx::nontransaction tx(connection);
            auto rows = tx.exec_prepared(name(st::kFindSessionWithUser), token_hash);
            if (rows.empty())
                return std::optional<SessionWithUser>{};
            const auto& row = rows[0];
            SessionWithUser out;
            out.session = TRY(session_from_row(row));
            constexpr int kUserFirst = kSessionColumnCount;
            constexpr int kInstitutionFirst = kUserFirst + kUserColumnCount;
            if (!row[kUserFirst].is_null())
                out.user = TRY(user_from_row(row, kUserFirst));
            if (!row[kInstitutionFirst].is_null())
                out.institution = TRY(institution_from_row(row, kInstitutionFirst));
            return std::optional<SessionWithUser>{std::move(out)};
        });
}

Status PostgresStore::touch_session(const Id& session_id, Timestamp last_seen_at) {
    return write_one(st::kTouchSession, session_id.to_string(), format_timestamp(last_seen_at));
}

Status PostgresStore::revoke_session(const Id& session_id, Timestamp at) {
    return write_one(st::kRevokeSession, session_id.to_string(), format_timestamp(at));
}

Result<int> PostgresStore::revoke_user_sessions(const Id& user_id, Timestamp at) {
    return with_connection<int>([&](pqxx::connection& connection) -> Result<int> {
        pqxx::work tx(connection);
        auto changed = tx.exec_prepared(name(st::kRevokeUserSessions), user_id.to_string(),
                                        format_timestamp(at));
        tx.commit();
        return static_cast<int>(changed.affected_rows());
    });
}

Result<std::optional<User>> PostgresStore::find_user(const Id& user_id) {
    return with_connection<std::optional<User>>(
        [&](pqxx::connection& connection) -> Result<std::optional<User>> {
            pqxx::nontransaction tx(connection);
            auto rows = tx.exec_prepared(name(st::kFindUser), user_id.to_string());
            if (rows.empty())
                return std::optional<User>{};
            return std::optional<User>{TRY(postgres::user_from_row(rows[0]))};
        });
}

Result<SignInFailures> PostgresStore::record_sign_in_failure(const std::string& key, Timestamp now,
                                                             std::chrono::seconds window) {
    return with_connection<SignInFailures>(
        [&](pqxx::connection& connection) -> Result<SignInFailures> {
            pqxx::work tx(connection);
            auto rows = tx.exec_prepared(name(st::kRecordSignInFailure), key, format_timestamp(now),
                                         static_cast<double>(window.count()));
            auto out = TRY(failures_from_row(rows[0]));
            tx.commit();
            return out;
        });
}

Result<std::optional<SignInFailures>> PostgresStore::sign_in_failures(const std::string& key) {
    return with_connection<std::optional<SignInFailures>>(
        [&](pqxx::connection& connection) -> Result<std::optional<SignInFailures>> {
            pqxx::nontransaction tx(connection);
            auto rows = tx.exec_prepared(name(st::kSignInFailures), key);
            if (rows.empty())
                return std::optional<SignInFailures>{};
            return std::optional<SignInFailures>{TRY(failures_from_row(rows[0]))};
        });
}

Status PostgresStore::clear_sign_in_failures(const std::string& key) {
    return write_one(st::kClearSignInFailures, key);
}

Status PostgresStore::set_totp_required(const Id& institution_id, bool required) {
    return write_one(st::kSetTotpRequired, institution_id.to_string(), required);
}

Result<bool> PostgresStore::totp_required(const Id& institution_id) {
    return with_connection<bool>([&](pqxx::connection& connection) -> Result<bool> {
        pqxx::nontransaction tx(connection);
        auto rows = tx.exec_prepared(name(st::kTotpRequired), institution_id.to_string());
        return !rows.empty() && rows[0][0].as<bool>();
    });
}

Status PostgresStore::set_user_totp_secret(const Id& user_id, const std::string& secret) {
    const std::string sealed = TRY(seal_totp_secret(secret, user_id, m_cipher.get()));
    return write_one(st::kSetUserTotpSecret, user_id.to_string(), sealed);
}

Result<bool> PostgresStore::claim_totp_step(const Id& user_id, std::int64_t step) {
    return with_connection<bool>([&](pqxx::connection& connection) -> Result<bool> {
        pqxx::work tx(connection);
        auto changed = tx.exec_prepared(name(st::kClaimTotpStep), user_id.to_string(), step);
        tx.commit();
        return changed.affected_rows() == 1;
    });
}

Result<std::optional<std::string>> PostgresStore::user_totp_secret(const Id& user_id) {
    return with_connection<std::optional<std::string>>(
        [&](pqxx::connection& connection) -> Result<std::optional<std::string>> {
            pqxx::nontransaction tx(connection);
            auto rows = tx.exec_prepared(name(st::kUserTotpSecret), user_id.to_string());
            if (rows.empty())
                return std::optional<std::string>{};
            return std::optional<std::string>{
                TRY(open_totp_secret(rows[0][0].c_str(), user_id, m_cipher.get()))};
        });
}

Status PostgresStore::put_case_share(const CaseShare& share) {
    return write_one(st::kPutCaseShare, share.id.to_string(), share.case_id.to_string(),
                     share.institution_id.to_string(), share.purpose, share.legal_basis,
                     join_comma_list(share.categories), share.shared_by_user,
                     share.shared_by_institution, format_timestamp(share.shared_at));
}

Result<std::vector<CaseShare>> PostgresStore::case_shares(const Id& case_id) {
    return with_connection<std::vector<CaseShare>>(
        [&](pqxx::connection& connection) -> Result<std::vector<CaseShare>> {
            pqxx::nontransaction tx(connection);
            std::vector<CaseShare> out;
            for (const auto& row : tx.exec_prepared(name(st::kCaseShares), case_id.to_string())) {
                CaseShare share;
                auto id = Id::parse(row[0].c_str());
                auto case_id_read = Id::parse(row[1].c_str());
                auto institution = Id::parse(row[2].c_str());
                if (!id || !case_id_read || !institution) {
                    return fail(Error::internal("share row with an unreadable id"));
                }
                share.id = *id;
                share.case_id = *case_id_read;
                share.institution_id = *institution;
                share.purpose = row[3].c_str();
                share.legal_basis = row[4].c_str();
                share.categories = split_comma_list(row[5].c_str());
                share.shared_by_user = row[6].c_str();
                share.shared_by_institution = row[7].c_str();
                share.shared_at = TRY(postgres::time_field(row[8]));
                out.push_back(std::move(share));
            }
            return out;
        });
}

Result<std::vector<AuditEntry>> PostgresStore::append_audit(std::vector<AuditEntry> entries,
                                                            const AuditSeal& seal,
                                                            const AuditHeadSigner& sign_head) {
    return with_connection<std::vector<AuditEntry>>(
        [&](pqxx::connection& connection) -> Result<std::vector<AuditEntry>> {
            pqxx::work tx(connection);
            tx.exec_prepared(name(st::kAuditLock));
            auto last = tx.exec_prepared(name(st::kAuditLast));
            std::int64_t seq = 0;
            std::string previous_hash;
            std::string last_recorded_at;
            if (!last.empty()) {
                seq = last[0][0].as<std::int64_t>();
                previous_hash = last[0][1].c_str();
                last_recorded_at = last[0][2].c_str();
            }
            keep_audit_time_order(entries, last_recorded_at);
            for (auto& entry : entries) {
                entry.seq = ++seq;
                entry.previous_hash = previous_hash;
                entry.hash = seal(entry);
                previous_hash = entry.hash;
                tx.exec_prepared(name(st::kInsertAudit), entry.seq, entry.recorded_at,
                                 entry.actor_user, entry.actor_institution, entry.address,
                                 entry.action, entry.case_id, entry.categories, entry.reason,
                                 entry.previous_hash, entry.hash);
            }
            for (const auto& head : day_heads_of(entries, sign_head)) {
                tx.exec_prepared(name(st::kPutAuditDayHead), head.day, head.seq, head.hash,
                                 head.signature);
            }
            tx.commit();
            return entries;
        });
}

Result<std::vector<AuditEntry>> PostgresStore::audit_entries(std::int64_t after_seq, int limit,
                                                             const std::string& case_id) {
    return with_connection<std::vector<AuditEntry>>(
        [&](pqxx::connection& connection) -> Result<std::vector<AuditEntry>> {
            pqxx::nontransaction tx(connection);
            std::vector<AuditEntry> out;
            // Two statements, not one with "$2 = '' OR case_id = $2": PostgreSQL's generic plan
            // for that one walked the whole trail in order of seq for one case's entries.
            auto rows =
                case_id.empty()
                    ? tx.exec_prepared(name(st::kAuditEntries), after_seq, limit)
                    : tx.exec_prepared(name(st::kCaseAuditEntries), after_seq, case_id, limit);
            for (const auto& row : rows)
                out.push_back(audit_from_row(row));
            return out;
        });
}

Result<std::vector<AuditEntry>> PostgresStore::latest_audit_entries(const std::string& case_id,
                                                                    int limit) {
    return with_connection<std::vector<AuditEntry>>(
        [&](pqxx::connection& connection) -> Result<std::vector<AuditEntry>> {
            pqxx::nontransaction tx(connection);
            std::vector<AuditEntry> out;
            for (const auto& row :
                 tx.exec_prepared(name(st::kLatestCaseAuditEntries), case_id, limit)) {
                out.push_back(audit_from_row(row));
            }
            return out;
        });
}

Status PostgresStore::put_audit_day_head(const AuditDayHead& head) {
    return write_one(st::kPutAuditDayHead, head.day, head.seq, head.hash, head.signature);
}

Result<std::vector<AuditDayHead>> PostgresStore::audit_day_heads() {
    return with_connection<std::vector<AuditDayHead>>(
        [&](pqxx::connection& connection) -> Result<std::vector<AuditDayHead>> {
            pqxx::nontransaction tx(connection);
            std::vector<AuditDayHead> out;
            for (const auto& row : tx.exec_prepared(name(st::kAuditDayHeads))) {
                out.push_back(AuditDayHead{row[0].c_str(), row[1].as<std::int64_t>(),
                                           row[2].c_str(), row[3].c_str()});
            }
            return out;
        });
}

}  // namespace retorno
