#include "store/audit_time_order.h"

#include <string>

namespace retorno {

void keep_audit_time_order(std::vector<AuditEntry>& entries, std::string_view last_stored) {
    std::string latest(last_stored);
    for (auto& entry : entries) {
        if (entry.recorded_at < latest)
            entry.recorded_at = latest;
        else
            latest = entry.recorded_at;
    }
}

std::string_view audit_hour(std::string_view recorded_at) {
    return recorded_at.substr(0, 13);
}

}  // namespace retorno
