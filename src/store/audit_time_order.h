#pragma once

#include <string_view>
#include <vector>

#include "domain/audit_entry.h"

namespace retorno {

// The times of the audit trail never go backwards along the chain. Within one process the
// trail takes each time under its lock, but a clock stepped back (by NTP, or between two
// processes) could record an entry earlier than the one before it. Both stores therefore
// record such an entry at the time of the entry before it, before it is hashed: the order of
// the chain is then also the order of its times, which an auditor reading it expects, and
// which the SQLite store's index of each case's entries by hour relies on.
//
// Moves every entry of `entries` (in chain order) that is earlier than the entry before it, or
// than `last_stored` for the first, forward to that time. Times are compared as the text that
// format_timestamp writes, which sorts as the times do.
void keep_audit_time_order(std::vector<AuditEntry>& entries, std::string_view last_stored);

// The hour of an audit entry's time, "YYYY-MM-DDTHH" (UTC): the unit by which the SQLite
// store's index finds a case's entries (store/sqlite/sqlite_audit_index.h).
std::string_view audit_hour(std::string_view recorded_at);

}  // namespace retorno
