#include "reports/dashboard_cache.h"

namespace retorno::reports {

Result<Dashboard> DashboardCache::get(DashboardService& service, const Clock& clock,
                                      const Actor& actor) {
    if (!may_see_dashboard(actor.roles))
        return service.compute(actor);  // the same Forbidden as without a cache
    auto fresh = [&]() -> std::optional<Dashboard> {
        std::lock_guard lock(m_mutex);
        if (m_last && clock.now() - m_last->computed_at < m_max_age)
            return m_last;
        return std::nullopt;
    };
    if (auto last = fresh())
        return *last;
    // Requests that find it too old wait for one computation, then share its result.
    std::lock_guard computing(m_computing);
    if (auto last = fresh())
        return *last;
    auto computed = TRY(service.compute(actor));
    std::lock_guard lock(m_mutex);
    m_last = computed;
    return computed;
}

Status DashboardCache::refresh(DashboardService& service) {
    std::lock_guard computing(m_computing);
    auto computed = TRY(service.compute_for_cache());
    std::lock_guard lock(m_mutex);
    m_last = std::move(computed);
    return {};
}

}  // namespace retorno::reports
