#pragma once

#include <memory>
#include <string>

#include "store/postgres/connection_pool.h"
#include "store/store.h"

namespace retorno {

// The production store: PostgreSQL 15, shared by any number of `retorno serve` processes.
// Every call borrows one pooled connection and runs prepared statements only. Optimistic
// concurrency is enforced by the database itself (see `append`), so it holds across processes.
class PostgresStore final : public Store {
  public:
    // Connects, applies pending migrations and keeps up to `pool_size` connections. A wrong URL
    // is InvalidInput; a server that cannot be reached is Unavailable.
    // `cipher` seals the sensitive fields (store/sealed_fields.h); open_store always gives one,
    // a null cipher (raw stores of tests and benchmarks) writes them in clear.
    static Result<std::unique_ptr<PostgresStore>> open(
        const std::string& url, int pool_size, std::shared_ptr<FieldCipher> cipher = nullptr);
    // Connects to a read replica (a hot standby) for reports: nothing is migrated, and a schema
    // other than this binary's is refused. Writes through it fail, as the server refuses them.
    static Result<std::unique_ptr<PostgresStore>> open_replica(
        const std::string& url, int pool_size, std::shared_ptr<FieldCipher> cipher = nullptr);

    using Store::append;
    Status append(const Event& event, const Case& after, const CaseTasks* tasks) override;
    Result<bool> replace_case_tasks(const Id& case_id, const CaseTasks& tasks) override;
    Result<std::vector<Id>> cases_with_stale_tasks(const std::string& fingerprint,
                                                   const std::string& after, int limit) override;
    Status each_open_task(const OpenTaskQuery& query,
                          const std::function<Status(OpenTask&&)>& visit) override;
    Result<std::vector<CaseSummary>> case_summaries() override;
    Result<std::vector<Id>> cases_with_tasks_due_before(Date day, const std::string& after,
                                                        int limit) override;
    Result<std::optional<Case>> find_case(const Id& case_id) override;
    Result<CasePage> list_cases(const CaseFilter& filter) override;
    Result<std::vector<Event>> case_events(const Id& case_id, std::int64_t after_version,
                                           int limit) override;
    Result<std::int64_t> count_events() override;
    Result<std::int64_t> count_cases() override;
    Result<std::vector<EventPosition>> event_positions(std::int64_t after_seq, int limit) override;
    Status put_institution(const Institution& institution) override;
    Result<std::vector<Institution>> list_institutions() override;
    Result<std::optional<Institution>> find_institution(const Id& id) override;
    Status put_user(const User& user) override;
    Status set_user_language(const Id& user_id, const std::string& language) override;
    Status disable_user(const Id& user_id) override;
    Status set_user_password(const Id& user_id, const std::string& password_hash) override;
    Result<std::vector<User>> list_users() override;
    Result<std::optional<User>> find_user_by_name(const std::string& username) override;
    Status put_session(const Session& session) override;
    Result<std::optional<Session>> find_session(const std::string& token_hash) override;
    Result<std::optional<SessionWithUser>> find_session_with_user(
        const std::string& token_hash) override;
    Status touch_session(const Id& session_id, Timestamp last_seen_at) override;
    Status revoke_session(const Id& session_id, Timestamp at) override;
    Result<int> revoke_user_sessions(const Id& user_id, Timestamp at) override;
    Result<std::optional<User>> find_user(const Id& user_id) override;
    Result<SignInFailures> record_sign_in_failure(const std::string& key, Timestamp now,
                                                  std::chrono::seconds window) override;
    Result<std::optional<SignInFailures>> sign_in_failures(const std::string& key) override;
    Status clear_sign_in_failures(const std::string& key) override;
    Status set_totp_required(const Id& institution_id, bool required) override;
    Result<bool> totp_required(const Id& institution_id) override;
    Status set_user_totp_secret(const Id& user_id, const std::string& secret) override;
    Result<std::optional<std::string>> user_totp_secret(const Id& user_id) override;
    Result<bool> claim_totp_step(const Id& user_id, std::int64_t step) override;
    Status put_case_share(const CaseShare& share) override;
    Result<std::vector<CaseShare>> case_shares(const Id& case_id) override;
    Result<std::vector<AuditEntry>> append_audit(std::vector<AuditEntry> entries,
                                                 const AuditSeal& seal,
                                                 const AuditHeadSigner& sign_head) override;
    Result<std::vector<AuditEntry>> audit_entries(std::int64_t after_seq, int limit,
                                                  const std::string& case_id) override;
    Result<std::vector<AuditEntry>> latest_audit_entries(const std::string& case_id,
                                                         int limit) override;
    Status put_audit_day_head(const AuditDayHead& head) override;
    Result<std::vector<AuditDayHead>> audit_day_heads() override;
    Result<ResealReport> reseal_fields(ResealMode mode, int batch) override;
    std::string describe() override;
    Result<ReadFreshness> freshness() override;

    // Closes the idle pooled connections (before dropping the database in tests, for example).
    void close_idle_connections() { m_pool.close_idle(); }

  private:
    PostgresStore(std::string conninfo, std::string display, int pool_size);

    // Runs `body` on a pooled connection, turning libpqxx exceptions into Errors. A connection
    // found broken is discarded; when it was an idle one (perhaps left over from before a
    // server restart) the call is tried once more on a new connection, which is safe because
    // nothing was committed on the broken one.
    template <typename T, typename Body>
    Result<T> with_connection(Body&& body);
    // Runs one prepared statement that writes, in a transaction of its own.
    template <typename... Args>
    Status write_one(std::string_view statement, const Args&... args);

    postgres::ConnectionPool m_pool;
    std::string m_display;
    int m_schema_version = 0;
    std::shared_ptr<FieldCipher> m_cipher;
};

}  // namespace retorno
