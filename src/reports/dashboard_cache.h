#pragma once

#include <chrono>
#include <mutex>
#include <optional>

#include "reports/dashboard_service.h"

namespace retorno::reports {

// The last dashboard computed, served again while it is younger than `max_age`. Computing it
// reads every open task and a summary of every case; a dashboard a few minutes old (it says
// when it was computed) is good enough for supervisors and spares the store that work.
// One computation at a time: a request that arrives during one waits for its result. The
// dashboard is already suppressed and the same for everyone allowed to see it, so sharing it
// between users discloses nothing.
class DashboardCache {
  public:
    explicit DashboardCache(std::chrono::seconds max_age) : m_max_age(max_age) {}

    // Forbidden for a role that may not see the dashboard, before anything is read.
    Result<Dashboard> get(DashboardService& service, const Clock& clock, const Actor& actor);

  private:
    std::chrono::seconds m_max_age;
    std::mutex m_mutex;
    std::optional<Dashboard> m_last;
};

}  // namespace retorno::reports
