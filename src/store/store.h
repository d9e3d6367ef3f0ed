#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/id.h"
#include "domain/audit_entry.h"
#include "domain/case.h"
#include "domain/case_share.h"
#include "domain/event.h"
#include "domain/institution.h"
#include "domain/open_task.h"
#include "domain/session.h"
#include "domain/user.h"
#include "store/sealed_fields.h"

namespace retorno {

// The cases an institution may be a party to (access::party_filter): those it
// opened, those shared with it, those bound for `destination_country` and those from
// `notified_origin_country` once that country has been notified (CaseParties). An empty
// country matches no case. Every append records the parties of the case with it (migration
// 10), so that a store finds them through indexes; a case stored before that has no parties
// recorded until `replace_case_tasks` writes them (`retorno serve` derives such cases' tasks
// again before it answers, CaseService::refresh_open_tasks), and a store answers it for every
// filter meanwhile, so that the filter only narrows what the policy then decides.
struct PartyFilter {
    std::string institution_id;
    std::string destination_country;
    std::string notified_origin_country;
};

// Which cases to list. Empty strings mean "any".
struct CaseFilter {
    std::string status;   // cas_Status
    std::string country;  // matches the origin or the destination country
    std::string after;    // an opaque cursor from the previous page
    int limit = 50;
    std::optional<PartyFilter> party;  // none: every case
};

// What one pass of `Store::reseal_fields` did or found.
struct ResealReport {
    std::int64_t fields = 0;   // sensitive fields not under the current key (re-encrypted)
    std::int64_t rows = 0;     // rows rewritten
    std::int64_t skipped = 0;  // projections that changed meanwhile; the next pass does them
};

struct CasePage {
    std::vector<Case> cases;
    std::string next;  // the cursor of the next page; empty on the last page
};

// How current the data that a store reads is (see Store::freshness).
struct ReadFreshness {
    bool replica = false;            // a read-only standby rather than the store of the writes
    double staleness_seconds = 0.0;  // how long ago the newest replayed write was made on the
                                     // primary, when some write is not replayed yet; 0 otherwise
};

// A place in the event log: `seq` orders the events of all cases as they were appended.
struct EventPosition {
    std::int64_t seq = 0;
    Id case_id;
};

// The persistence boundary. It speaks in events and projections; no SQL text crosses it, so
// that SQLite (store/sqlite/) and PostgreSQL (store/postgres/) implement the same contract and
// every test runs on both.
//
// Contract of `append`: in ONE transaction, the event is appended and the case projection is
// replaced by `after`, or nothing changes at all. `event.version` must be exactly one more than
// the stored version of the case (0 for a new case); otherwise the answer is a Conflict error
// and nothing changes. Acknowledged appends survive a crash (full sync). In the same
// transaction the case's open tasks are replaced by `tasks`; without them (nullptr) the case's
// tasks are removed and count as stale until `replace_case_tasks` derives them again.
class Store {
  public:
    virtual ~Store() = default;

    virtual Status append(const Event& event, const Case& after, const CaseTasks* tasks) = 0;
    Status append(const Event& event, const Case& after) { return append(event, after, nullptr); }

    // --- The open-tasks projection (migration 5), which the inboxes read instead of deriving
    // every case's protocol state. `replace_case_tasks` stores the tasks of a case only if the
    // case is still at `tasks.case_version` (a later append has written newer ones otherwise)
    // and answers whether it did. `cases_with_stale_tasks` answers up to `limit` cases, in id
    // order after `after`, whose tasks are missing or were derived at another version or under
    // another fingerprint, or whose parties are not recorded (PartyFilter); replacing the tasks
    // records the parties. `each_open_task` gives `visit` the tasks of an institution type in a
    // country (or in none), the dated ones first by due date, one at a time, so that a page
    // that counts thousands of tasks and shows fifty holds only those; `visit` may use the
    // store, and an error it returns stops the walk and is returned. `open_tasks` collects them.
    virtual Result<bool> replace_case_tasks(const Id& case_id, const CaseTasks& tasks) = 0;
    virtual Result<std::vector<Id>> cases_with_stale_tasks(const std::string& fingerprint,
                                                           const std::string& after, int limit) = 0;
    virtual Status each_open_task(const OpenTaskQuery& query,
                                  const std::function<Status(OpenTask&&)>& visit) = 0;
    Result<std::vector<OpenTask>> open_tasks(const OpenTaskQuery& query) {
        std::vector<OpenTask> out;
        TRY_STATUS(each_open_task(query, [&](OpenTask&& task) -> Status {
            out.push_back(std::move(task));
            return {};
        }));
        return out;
    }
    // Every case, summarised for the dashboard (domain/open_task.h), in id order.
    virtual Result<std::vector<CaseSummary>> case_summaries() = 0;
    // Up to `limit` cases, in id order after `after`, with a task due before `day`.
    virtual Result<std::vector<Id>> cases_with_tasks_due_before(Date day, const std::string& after,
                                                                int limit) = 0;

    virtual Result<std::optional<Case>> find_case(const Id& case_id) = 0;
    virtual Result<CasePage> list_cases(const CaseFilter& filter) = 0;
    // The events of a case in version order, starting after `after_version`.
    virtual Result<std::vector<Event>> case_events(const Id& case_id, std::int64_t after_version,
                                                   int limit) = 0;
    virtual Result<std::int64_t> count_events() = 0;
    virtual Result<std::int64_t> count_cases() = 0;
    // The positions of the events after `after_seq`, in position order, at most `limit`: how a
    // projection kept in memory (the person index) follows the log, whichever process appended.
    // Positions grow but may skip numbers (an append that rolled back), and under PostgreSQL a
    // position can become visible after a higher one (appends commit in any order); a follower
    // allows for both (service/event_log_follower.h).
    virtual Result<std::vector<EventPosition>> event_positions(std::int64_t after_seq,
                                                               int limit) = 0;

    virtual Status put_institution(const Institution& institution) = 0;
    virtual Result<std::vector<Institution>> list_institutions() = 0;
    virtual Result<std::optional<Institution>> find_institution(const Id& id) = 0;

    virtual Status put_user(const User& user) = 0;
    // Changes only the user's language ("es" or "en"; the schema refuses anything else), so
    // that it never overwrites a concurrent change of the same user (a disable, say).
    virtual Status set_user_language(const Id& user_id, const std::string& language) = 0;
    // Change only one column each, for the same reason: a password reset that read the user
    // before a concurrent disable must not enable the account again by writing it whole.
    virtual Status disable_user(const Id& user_id) = 0;
    virtual Status set_user_password(const Id& user_id, const std::string& password_hash) = 0;
    virtual Result<std::vector<User>> list_users() = 0;
    virtual Result<std::optional<User>> find_user_by_name(const std::string& username) = 0;

    // --- Sign-in (migration 2). Session state lives in the database so that every server
    // process sees a revocation at once.
    virtual Status put_session(const Session& session) = 0;
    virtual Result<std::optional<Session>> find_session(const std::string& token_hash) = 0;
    // The session with its user and institution, in one statement: what every signed-in
    // request reads (access/auth_service.h).
    virtual Result<std::optional<SessionWithUser>> find_session_with_user(
        const std::string& token_hash) = 0;
    virtual Status touch_session(const Id& session_id, Timestamp last_seen_at) = 0;
    virtual Status revoke_session(const Id& session_id, Timestamp at) = 0;
    // Revokes every live session of a user; answers how many were revoked.
    virtual Result<int> revoke_user_sessions(const Id& user_id, Timestamp at) = 0;
    virtual Result<std::optional<User>> find_user(const Id& user_id) = 0;

    // Counts one failed sign-in under `key`, atomically across processes. A counter whose last
    // failure is older than `window` starts again from 1. Answers the counter after the change.
    virtual Result<SignInFailures> record_sign_in_failure(const std::string& key, Timestamp now,
                                                          std::chrono::seconds window) = 0;
    virtual Result<std::optional<SignInFailures>> sign_in_failures(const std::string& key) = 0;
    virtual Status clear_sign_in_failures(const std::string& key) = 0;

    // Whether an institution requires a second factor, and users' TOTP secrets (base32).
    virtual Status set_totp_required(const Id& institution_id, bool required) = 0;
    virtual Result<bool> totp_required(const Id& institution_id) = 0;
    virtual Status set_user_totp_secret(const Id& user_id, const std::string& secret) = 0;
    virtual Result<std::optional<std::string>> user_totp_secret(const Id& user_id) = 0;
    // Records that a TOTP code of time step `step` signed the user in, atomically across
    // processes; false when a code of this step or a later one was already used (a replay).
    virtual Result<bool> claim_totp_step(const Id& user_id, std::int64_t step) = 0;

    // --- Need-to-know: explicit shares of a case with another institution.
    virtual Status put_case_share(const CaseShare& share) = 0;
    virtual Result<std::vector<CaseShare>> case_shares(const Id& case_id) = 0;

    // --- The audit trail. `append_audit` appends a batch of entries in one transaction: it
    // numbers each, sets its previous_hash to the hash of the entry before it and calls `seal` to
    // compute its hash, all under one lock that holds across processes, so the chain never forks.
    // When `sign_head` is given, the head of each day the batch reaches (its last entry of that
    // day) is signed and stored in the same transaction. Returns the entries as stored.
    using AuditSeal = std::function<std::string(const AuditEntry&)>;
    using AuditHeadSigner = std::function<std::string(const AuditDayHead&)>;
    virtual Result<std::vector<AuditEntry>> append_audit(std::vector<AuditEntry> entries,
                                                         const AuditSeal& seal,
                                                         const AuditHeadSigner& sign_head) = 0;
    // Entries in sequence order with seq > after_seq; an empty case_id means every case.
    virtual Result<std::vector<AuditEntry>> audit_entries(std::int64_t after_seq, int limit,
                                                          const std::string& case_id) = 0;
    // The latest `limit` entries of one case, the latest first: the same entries as the end of
    // audit_entries(0, …, case_id), without reading the case's earlier ones (the case page's
    // access log, however long the case's trail has grown).
    virtual Result<std::vector<AuditEntry>> latest_audit_entries(const std::string& case_id,
                                                                 int limit) = 0;
    virtual Status put_audit_day_head(const AuditDayHead& head) = 0;
    virtual Result<std::vector<AuditDayHead>> audit_day_heads() = 0;

    // --- Encryption at rest (store/sealed_fields.h): sensitive fields of events and case
    // projections are sealed with the store's FieldCipher on write and opened on read, so
    // every method above speaks plaintext. `reseal_fields` walks every event and projection
    // and re-encrypts, under the current key, each sensitive field under another key or in
    // clear (with ResealMode::Count it only counts them), in transactions of at most `batch`
    // rows, so that servers keep reading and writing meanwhile (`retorno keys rotate`). Event
    // hashes cover the plaintext, so the chains verify the same before and after.
    virtual Result<ResealReport> reseal_fields(ResealMode mode, int batch) = 0;

    // A short human-readable name of the backend and its schema version, for /healthz.
    virtual std::string describe() = 0;

    // Whether reads from this store may lag behind the writes, and by how much: a store that
    // takes the writes is never behind; a PostgreSQL read replica says how far its replay is.
    virtual Result<ReadFreshness> freshness() { return ReadFreshness{}; }

    // Between these two calls (use ReadSnapshot, below), every read made on the calling thread
    // sees one state of the store, and the reads share what starting a read costs. Only for
    // work that does not read back what it writes meanwhile: a write in between is stored, but
    // the reads of the snapshot may not see it. The default does nothing; each read then stands
    // alone, which is always correct.
    virtual void begin_read_snapshot() {}
    virtual void end_read_snapshot() {}
};

// The reads of one request, from one state of the store (Store::begin_read_snapshot).
class ReadSnapshot {
  public:
    explicit ReadSnapshot(Store& store) : m_store(store) { m_store.begin_read_snapshot(); }
    ~ReadSnapshot() { m_store.end_read_snapshot(); }
    ReadSnapshot(const ReadSnapshot&) = delete;
    ReadSnapshot& operator=(const ReadSnapshot&) = delete;

  private:
    Store& m_store;
};

}  // namespace retorno
