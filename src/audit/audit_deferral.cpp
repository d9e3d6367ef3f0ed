#include "audit/audit_deferral.h"

#include <utility>

namespace retorno::audit {

namespace {

thread_local AuditDeferral* t_collecting = nullptr;

}  // namespace

AuditDeferral::AuditDeferral() : m_outer(t_collecting) {
    t_collecting = this;
}

AuditDeferral::~AuditDeferral() {
    t_collecting = m_outer;
}

AuditDeferral* AuditDeferral::on_this_thread() {
    return t_collecting;
}

void AuditDeferral::add(const std::vector<Record>& records) {
    m_records.insert(m_records.end(), records.begin(), records.end());
}

std::vector<Record> AuditDeferral::take() {
    return std::exchange(m_records, {});
}

}  // namespace retorno::audit
