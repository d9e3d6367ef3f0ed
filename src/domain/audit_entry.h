#pragma once

#include <cstdint>
#include <string>

namespace retorno {

// One entry of the audit trail: who did what to which case's personal data, why, when and from
// where. `hash` chains it to the entry before (see audit/audit_chain.h); `seq` numbers entries
// from 1 without gaps. Times are kept as the exact text that was hashed.
struct AuditEntry {
    std::int64_t seq = 0;
    std::string recorded_at;
    std::string actor_user;
    std::string actor_institution;
    std::string address;
    std::string action;      // "read", "write", "share", "sign_in", "sign_in_failed", ...
    std::string case_id;     // empty when no case is concerned
    std::string categories;  // comma-separated sensitivity categories touched
    std::string reason;
    std::string previous_hash;
    std::string hash;
};

// The signed head of one day of the audit trail.
struct AuditDayHead {
    std::string day;  // YYYY-MM-DD (UTC)
    std::int64_t seq = 0;
    std::string hash;
    std::string signature;  // hex Ed25519 over "DAY SEQ HASH"
};

}  // namespace retorno
