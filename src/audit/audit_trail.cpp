#include "audit/audit_trail.h"

#include "audit/audit_chain.h"

namespace retorno::audit {

// One entry waiting in the queue, and what became of it.
struct AuditTrail::Pending {
    AuditEntry entry;
    bool done = false;
    Status status;
};

Status AuditTrail::record(const Record& record) {
    return record_all(std::vector<Record>{record});
}

Status AuditTrail::record_all(const std::vector<Record>& records) {
    if (records.empty())
        return {};
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
        mine.push_back(std::move(pending));
    }

    std::unique_lock lock(m_mutex);
    // The time is taken under the lock, so that times never go backwards along the chain.
    auto now = format_timestamp(m_clock.now());
    for (auto& pending : mine) {
        pending->entry.recorded_at = now;
        m_queue.push_back(pending);
    }
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
    for (const auto& pending : batch) {
        pending->status = status;
        pending->done = true;
    }
    m_appending = false;
    m_appended.notify_all();
}

}  // namespace retorno::audit
