#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
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
class AuditTrail {
  public:
    AuditTrail(Store& store, const Clock& clock, std::optional<SigningKey> key = std::nullopt)
        : m_store(store), m_clock(clock), m_key(std::move(key)) {}

    Status record(const Record& record);
    // Several entries at once (a list of cases read by one request): they join the same batch,
    // in order, and the call returns when the last of them is stored.
    Status record_all(const std::vector<Record>& records);

    Store& store() { return m_store; }

  private:
    struct Pending;
    void append_batch(std::unique_lock<std::mutex>& lock);

    Store& m_store;
    const Clock& m_clock;
    std::optional<SigningKey> m_key;

    std::mutex m_mutex;
    std::condition_variable m_appended;
    std::vector<std::shared_ptr<Pending>> m_queue;
    bool m_appending = false;
};

}  // namespace retorno::audit
