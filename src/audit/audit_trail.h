#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "audit/signing_key.h"
#include "core/error.h"
#include "core/time.h"
#include "store/store.h"

namespace retorno::audit {

// What one audited action was: who (user, institution, address), what (action, case,
// categories of personal data) and why. Never the data itself.
struct Record {
    std::string actor_user;
    std::string actor_institution;
    std::string address;
    std::string action;
    std::string case_id;
    std::string categories;
    std::string reason;
};

// Appends to the hash-chained audit log in the store and, when it holds the signing key,
// re-signs the head of the day in the same transaction.
//
// `record` returns once its entry is stored (durably, as the store's appends are). Concurrent
// callers are committed together (group commit): the first caller to find no append in flight
// appends every entry queued so far, in one transaction, while the others wait for it. Under
// light load each entry is its own batch; under heavy load a batch collects the entries that
// arrived during the previous append, so the audit of every read costs one transaction per
// batch instead of one per read.
//
// `append_async` queues entries without waiting: a writer thread of the trail's own (started
// by the first such call) appends them with the next batch and then calls back. While an
// AuditDeferral lives on the calling thread, `record` and `record_all` only hand their entries
// to it (see audit_deferral.h).
class AuditTrail {
  public:
    AuditTrail(Store& store, const Clock& clock, std::optional<SigningKey> key = std::nullopt)
        : m_store(store), m_clock(clock), m_key(std::move(key)) {}
    // Appends what is still queued, then stops the writer thread.
    ~AuditTrail();
    AuditTrail(const AuditTrail&) = delete;
    AuditTrail& operator=(const AuditTrail&) = delete;

    Status record(const Record& record);
    // Several entries at once (a list of cases read by one request): they join the same batch,
    // in order, and the call returns when the last of them is stored.
    Status record_all(const std::vector<Record>& records);
    // Queues the entries and returns at once; `stored` is called once the last of them is
    // stored (with success) or could not be (with the error), on the thread that appended them:
    // the writer, or a caller of `record` whose batch took them along. It must not call back
    // into the trail.
    void append_async(const std::vector<Record>& records, std::function<void(Status)> stored);
    // The writer thread starts a batch at most once per interval (0, the default: as soon as
    // the previous one is committed), so that under load more entries share each commit and
    // the readers' page caches, which every commit to the database empties, last longer. Under
    // light load an entry that arrives after the interval is appended at once. Entries given
    // to `record` are not held back.
    void set_commit_interval(std::chrono::microseconds interval);

    Store& store() { return m_store; }

  private:
    struct Pending;
    std::vector<std::shared_ptr<Pending>> enqueue(const std::vector<Record>& records);
    void append_batch(std::unique_lock<std::mutex>& lock);
    void write_queued();

    Store& m_store;
    const Clock& m_clock;
    std::optional<SigningKey> m_key;

    std::mutex m_mutex;
    std::condition_variable m_appended;  // a batch is stored
    // The writer thread waits on this for entries; it is woken only when it waits for them
    // (m_writer_waiting), not once per entry: every wake-up is a system call and a switch.
    std::condition_variable m_writer_wakeup;
    bool m_writer_waiting = false;
    std::vector<std::shared_ptr<Pending>> m_queue;
    bool m_appending = false;
    bool m_stopping = false;
    std::chrono::microseconds m_commit_interval{0};
    std::thread m_writer;  // started by the first append_async
};

}  // namespace retorno::audit
