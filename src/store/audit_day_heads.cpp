#include "store/audit_day_heads.h"

namespace retorno {

std::vector<AuditDayHead> day_heads_of(const std::vector<AuditEntry>& entries,
                                       const Store::AuditHeadSigner& sign_head) {
    std::vector<AuditDayHead> heads;
    if (!sign_head)
        return heads;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        auto day = entries[i].recorded_at.substr(0, 10);
        bool last_of_day =
            i + 1 == entries.size() || entries[i + 1].recorded_at.substr(0, 10) != day;
        if (!last_of_day)
            continue;
        AuditDayHead head{std::move(day), entries[i].seq, entries[i].hash, {}};
        head.signature = sign_head(head);
        heads.push_back(std::move(head));
    }
    return heads;
}

}  // namespace retorno
