#pragma once

#include <vector>

#include "audit/audit_trail.h"

namespace retorno::audit {

// While an AuditDeferral lives, the entries that any AuditTrail is given on this thread are
// collected in it instead of being stored at once. A handler that runs on a network thread
// must not wait for the disk; whoever holds the deferral takes its entries and has them stored
// (AuditTrail::append_async) before the answer they audit leaves, so that nothing is shown
// that the trail does not hold.
//
// Deferrals nest: an inner one collects until it ends, then the outer one collects again.
class AuditDeferral {
  public:
    AuditDeferral();
    ~AuditDeferral();
    AuditDeferral(const AuditDeferral&) = delete;
    AuditDeferral& operator=(const AuditDeferral&) = delete;

    // The deferral collecting on this thread, or null.
    static AuditDeferral* on_this_thread();

    void add(const std::vector<Record>& records);
    // The entries collected so far, in the order they were recorded; the deferral is left empty.
    std::vector<Record> take();

  private:
    std::vector<Record> m_records;
    AuditDeferral* m_outer;
};

}  // namespace retorno::audit
