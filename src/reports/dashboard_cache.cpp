#include "reports/dashboard_cache.h"

namespace retorno::reports {

Result<Dashboard> DashboardCache::get(DashboardService& service, const Clock& clock,
                                      const Actor& actor) {
    if (!may_see_dashboard(actor.roles))
        return service.compute(actor);  // the same Forbidden as without a cache
    std::lock_guard lock(m_mutex);
    if (m_last && clock.now() - m_last->computed_at < m_max_age)
        return *m_last;
    m_last = TRY(service.compute(actor));
    return *m_last;
}

}  // namespace retorno::reports
