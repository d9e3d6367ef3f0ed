#include "audit/audit_trail.h"

#include "audit/audit_chain.h"

namespace retorno::audit {

Status AuditTrail::record(const Record& record) {
    AuditEntry entry;
    auto now = m_clock.now();
    entry.recorded_at = format_timestamp(now);
    entry.actor_user = record.actor_user;
    entry.actor_institution = record.actor_institution;
    entry.address = record.address;
    entry.action = record.action;
    entry.case_id = record.case_id;
    entry.categories = record.categories;
    entry.reason = record.reason;
    auto appended = TRY(m_store.append_audit(std::move(entry), &entry_hash));
    if (!m_key)
        return {};
    // FIXME: one signature per append costs a second write; sign the head once a minute instead.
    AuditDayHead head{appended.recorded_at.substr(0, 10), appended.seq, appended.hash, {}};
    head.signature = sign_head(head, *m_key);
    return m_store.put_audit_day_head(head);
}

}  // namespace retorno::audit
