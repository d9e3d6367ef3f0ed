#include "access/escalation_routes.h"

#include <unordered_map>
#include <unordered_set>

namespace retorno::access {

EscalationRoutes::EscalationRoutes(std::span<const Institution> directory,
                                   std::string_view reader) {
    std::unordered_map<std::string, const Institution*> by_id;
    for (const auto& institution : directory)
        by_id.emplace(institution.id.to_string(), &institution);
    auto found = by_id.find(std::string(reader));
    if (found == by_id.end())
        return;
    m_known = true;
    const Institution& self = *found->second;
    for (const auto& acting : directory) {
        if (acting.country != self.country)
            continue;
        // Up the chain from the acting institution's parent; a directory edited into a loop
        // ends where an institution comes round again.
        std::unordered_set<const Institution*> seen{&acting};
        for (auto parent = acting.parent; parent;) {
            auto up = by_id.find(parent->to_string());
            if (up == by_id.end() || !seen.insert(up->second).second)
                break;
            const Institution& above = *up->second;
            if (above.type == self.type && above.country == self.country)
                m_routed.insert(acting.type);
            if (&above == &self)
                m_reached.insert(acting.type);
            parent = above.parent;
        }
    }
}

bool EscalationRoutes::reaches(std::string_view acting_type) const {
    if (!m_known)
        return false;
    return m_reached.contains(acting_type) || !m_routed.contains(acting_type);
}

}  // namespace retorno::access
