#include "service/event_log_follower.h"

#include <algorithm>
#include <unordered_set>

namespace retorno {

namespace {

// More awaited positions than this means something other than appends in flight (a sequence
// that jumped): the oldest are given up first.
constexpr std::size_t kMaxGaps = 10000;

}  // namespace

Result<std::vector<Id>> EventLogFollower::poll() {
    const Timestamp now = m_clock.now();
    std::vector<Id> changed;
    std::unordered_set<std::string> seen_cases;
    const auto note = [&](const Id& case_id) {
        if (seen_cases.insert(case_id.to_string()).second)
            changed.push_back(case_id);
    };
    std::int64_t after = m_floor;
    while (true) {
        auto page = TRY(m_store.event_positions(after, m_page));
        for (const auto& position : page) {
            if (position.seq <= m_highest) {
                // Already seen, unless it is a gap that has now been filled.
                if (m_gaps.erase(position.seq) > 0)
                    note(position.case_id);
                continue;
            }
            const std::int64_t lowest_awaited =
                std::max(m_highest + 1, position.seq - static_cast<std::int64_t>(kMaxGaps));
            for (std::int64_t missing = lowest_awaited; missing < position.seq; ++missing)
                m_gaps.emplace(missing, now);
            m_highest = position.seq;
            note(position.case_id);
        }
        if (page.size() < static_cast<std::size_t>(m_page))
            break;
        after = page.back().seq;
    }
    std::erase_if(m_gaps, [&](const auto& gap) { return now - gap.second >= m_grace; });
    while (m_gaps.size() > kMaxGaps)
        m_gaps.erase(m_gaps.begin());
    m_floor = m_gaps.empty() ? m_highest : m_gaps.begin()->first - 1;
    return changed;
}

}  // namespace retorno
