#include "audit/audit_trail.h"

#include "audit/audit_chain.h"
#include "audit/audit_deferral.h"

namespace retorno::audit {

// One entry waiting in the queue, and what became of it.
struct AuditTrail::Pending {
    AuditEntry entry;
    bool done = false;
    Status status;
    // For the last entry of an append_async call: called once the batch is committed.
    std::function<void(Status)> stored;
};

AuditTrail::~AuditTrail() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_appended.notify_all();
    m_writer_wakeup.notify_all();
    if (m_writer.joinable())
        m_writer.join();
}

Status AuditTrail::record(const Record& record) {
    return record_all(std::vector<Record>{record});
}

// Makes the entries and puts them at the end of the queue; called with m_mutex held.
std::vector<std::shared_ptr<AuditTrail::Pending>> AuditTrail::enqueue(
    const std::vector<Record>& records) {
    // The time is taken under the lock, so that times never go backwards along the chain.
    auto now = format_timestamp(m_clock.now());
    std::vector<std::shared_ptr<Pending>> mine;
    mine.reserve(records.size());
    for (const auto& record : records) {
        auto pending = std::make_shared<Pending>();
        auto& entry = pending->entry;
        entry.actor_user = record.actor_user;
        entry.actor_institution = record.actor_institution;
        entry.address = record.address;
        entry.action = record.action;
        entry.case_id = record.case_id;
        entry.categories = record.categories;
        entry.reason = record.reason;
        entry.recorded_at = now;
        m_queue.push_back(pending);
        mine.push_back(std::move(pending));
    }
    return mine;
}

Status AuditTrail::record_all(const std::vector<Record>& records) {
    if (records.empty())
        return {};
    if (auto* deferral = AuditDeferral::on_this_thread()) {
        deferral->add(records);
        return {};
    }
    std::unique_lock lock(m_mutex);
    auto mine = enqueue(records);
    // Batches are appended in queue order, so when the last entry is stored, all are.
    const auto& last = mine.back();
    while (!last->done) {
        if (m_appending) {
            m_appended.wait(lock);
        } else {
            append_batch(lock);
        }
    }
    for (const auto& pending : mine) {
        if (!pending->status)
            return pending->status;
    }
    return {};
}

void AuditTrail::append_async(const std::vector<Record>& records,
                              std::function<void(Status)> stored) {
    if (records.empty()) {
        stored({});
        return;
    }
    bool wake = false;
    {
        std::lock_guard lock(m_mutex);
        auto mine = enqueue(records);
        mine.back()->stored = std::move(stored);
        if (!m_writer.joinable())
            m_writer = std::thread([this] { write_queued(); });
        wake = m_writer_waiting;
    }
    if (wake)
        m_writer_wakeup.notify_one();
}

void AuditTrail::set_commit_interval(std::chrono::microseconds interval) {
    std::lock_guard lock(m_mutex);
    m_commit_interval = interval;
}

// The writer thread: appends whatever is queued whenever no other append is in flight, until
// the trail is destroyed and the queue is empty.
void AuditTrail::write_queued() {
    std::unique_lock lock(m_mutex);
    for (;;) {
        if (!m_queue.empty() && !m_appending) {
            const auto began = std::chrono::steady_clock::now();
            append_batch(lock);
            // Entries that arrive meanwhile wait for the next batch; a destruction does not.
            m_writer_wakeup.wait_until(lock, began + m_commit_interval,
                                       [this] { return m_stopping; });
            continue;
        }
        if (m_stopping && m_queue.empty())
            return;
        // Woken by the next append_async, by the end of a batch that a `record` caller was
        // appending while entries were queued, or by the destructor.
        m_writer_waiting = true;
        m_writer_wakeup.wait(lock);
        m_writer_waiting = false;
    }
}

void AuditTrail::append_batch(std::unique_lock<std::mutex>& lock) {
    m_appending = true;
    auto batch = std::move(m_queue);
    m_queue.clear();
    lock.unlock();

    std::vector<AuditEntry> entries;
    entries.reserve(batch.size());
    for (const auto& pending : batch)
        entries.push_back(pending->entry);
    Store::AuditHeadSigner sign;
    if (m_key)
        sign = [this](const AuditDayHead& head) { return sign_head(head, *m_key); };
    Status status;
    try {
        auto stored = m_store.append_audit(std::move(entries), &entry_hash, sign);
        if (!stored)
            status = fail(stored.error());
    } catch (const std::exception& e) {
        status = fail(Error::internal(std::string("audit append: ") + e.what()));
    }

    lock.lock();
    std::vector<std::function<void(Status)>> callbacks;
    for (const auto& pending : batch) {
        pending->status = status;
        pending->done = true;
        if (pending->stored)
            callbacks.push_back(std::move(pending->stored));
    }
    m_appending = false;
    m_appended.notify_all();
    if (m_writer_waiting && !m_queue.empty())
        m_writer_wakeup.notify_one();
    if (!callbacks.empty()) {
        lock.unlock();
        for (auto& callback : callbacks)
            callback(status);
        lock.lock();
    }
}

}  // namespace retorno::audit
