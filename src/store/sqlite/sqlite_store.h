#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "store/sqlite/sqlite_audit_index.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/store.h"

namespace retorno {

// The embedded store: one SQLite file in WAL mode. One writer connection (appends are
// serialised, as SQLite serialises them anyway) with full sync, and a pool of reader
// connections so that reads never wait for a write.
class SqliteStore final : public Store {
  public:
    // `appends` is Full for every deployment. Only a bulk loader that rebuilds a throwaway
    // database from scratch (bench/api) passes Normal, trading crash safety for load speed.
    // `cipher` seals the sensitive fields (store/sealed_fields.h); open_store always gives one,
    // a null cipher (raw stores of tests and benchmarks) writes them in clear.
    static Result<std::unique_ptr<SqliteStore>> open(
        const std::filesystem::path& file, sqlite::Durability appends = sqlite::Durability::Full,
        std::shared_ptr<FieldCipher> cipher = nullptr);

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
    // One reader connection is held by the thread, in one read transaction, until the
    // snapshot ends: each lookup then skips SQLite's locking of the shared WAL index, and the
    // check whether its page cache is still current, that a transaction of its own would pay.
    void begin_read_snapshot() override;
    void end_read_snapshot() override;

    const std::filesystem::path& file() const { return m_file; }
    // Brings the index of the audit trail by case up to date now, on the calling thread; it
    // otherwise follows the trail on a thread of its own (store/sqlite/sqlite_audit_index.h).
    Status index_audit_trail() { return m_audit_index->catch_up(); }

  private:
    explicit SqliteStore(std::filesystem::path file) : m_file(std::move(file)) {}

    // A reader connection, given back to the pool when the lease ends; or, inside a read
    // snapshot, the snapshot's connection, which the lease only borrows.
    class Lease {
      public:
        Lease(SqliteStore& store, std::unique_ptr<sqlite::Connection> connection)
            : m_store(&store), m_owned(std::move(connection)), m_connection(m_owned.get()) {}
        Lease(SqliteStore& store, sqlite::Connection& borrowed)
            : m_store(&store), m_connection(&borrowed) {}
        ~Lease();
        Lease(Lease&& other) noexcept = default;
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        Lease& operator=(Lease&&) = delete;
        sqlite::Connection* operator->() { return m_connection; }
        sqlite::Connection& operator*() { return *m_connection; }

      private:
        SqliteStore* m_store;
        std::unique_ptr<sqlite::Connection> m_owned;
        sqlite::Connection* m_connection;
    };

    Result<Lease> reader();
    Result<std::unique_ptr<sqlite::Connection>> take_reader();  // from the pool, or a new one
    void give_back(std::unique_ptr<sqlite::Connection> connection);
    // The connection of this thread's innermost read snapshot on this store, if any.
    sqlite::Connection* snapshot_connection();
    Status write_transaction(const std::function<Status(sqlite::Connection&)>& body);

    std::filesystem::path m_file;
    std::mutex m_write_mutex;
    std::unique_ptr<sqlite::Connection> m_writer;
    std::mutex m_pool_mutex;
    std::vector<std::unique_ptr<sqlite::Connection>> m_idle_readers;
    int m_schema_version = 0;
    std::shared_ptr<FieldCipher> m_cipher;
    // Last, so that its thread stops first.
    std::unique_ptr<SqliteAuditIndex> m_audit_index;
};

}  // namespace retorno
