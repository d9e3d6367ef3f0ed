#pragma once

#include <chrono>
#include <mutex>
#include <optional>

#include "reports/dashboard_service.h"

namespace retorno::reports {

// The last dashboard computed, served again while it is younger than `max_age`. Computing it
// reads every open task and a summary of every case; a dashboard a few minutes old (it says
// when it was computed) is good enough for supervisors and spares the store that work.
// `retorno serve` refreshes it on a schedule, every half `max_age`, so that no request waits
// for a computation (a second at 10,000 cases on slow hardware); a request computes it only when
// nothing refreshed it in time (the first seconds after start, or a server without the
// schedule). The dashboard is already suppressed and the same for everyone allowed to see it,
// so sharing it between users, and between the pages and the API, discloses nothing.
class DashboardCache {
  public:
    static constexpr std::chrono::seconds kDefaultMaxAge{300};

    explicit DashboardCache(std::chrono::seconds max_age = kDefaultMaxAge) : m_max_age(max_age) {}

    // Forbidden for a role that may not see the dashboard, before anything is read.
    Result<Dashboard> get(DashboardService& service, const Clock& clock, const Actor& actor);
    // Computes the dashboard now and keeps it. Requests meanwhile are served the one before.
    Status refresh(DashboardService& service);
    std::chrono::seconds max_age() const { return m_max_age; }

  private:
    std::chrono::seconds m_max_age;
    std::mutex m_mutex;      // guards m_last
    std::mutex m_computing;  // one computation at a time
    std::optional<Dashboard> m_last;
};

}  // namespace retorno::reports
