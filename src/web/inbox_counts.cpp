#include "web/inbox_counts.h"

namespace retorno::web {

std::optional<std::size_t> InboxCounts::find(const std::string& institution_id,
                                             std::chrono::steady_clock::time_point now) const {
    std::lock_guard lock(m_mutex);
    auto it = m_entries.find(institution_id);
    if (it == m_entries.end() || now - it->second.at > kKeep)
        return std::nullopt;
    return it->second.count;
}

void InboxCounts::put(const std::string& institution_id, std::size_t count,
                      std::chrono::steady_clock::time_point now) {
    std::lock_guard lock(m_mutex);
    m_entries[institution_id] = Entry{count, now};
}

InboxCounts& inbox_counts() {
    static InboxCounts counts;
    return counts;
}

void InboxCounts::forget_all() {
    std::lock_guard lock(m_mutex);
    m_entries.clear();
}

}  // namespace retorno::web
