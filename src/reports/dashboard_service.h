#pragma once

#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "domain/user.h"
#include "reports/dashboard.h"
#include "service/actor.h"
#include "service/case_service.h"

namespace retorno::reports {

// Supervisors and statistics coordinators see the dashboard; no other role does.
bool may_see_dashboard(const std::vector<Role>& roles);

// Computes the dashboard over every case of the deployment through the case service: the
// protocol state of each case gives its open tasks, deadlines and handover. The raw counts stay
// inside compute(); what it answers is already suppressed.
class DashboardService {
  public:
    DashboardService(CaseService& cases, const Clock& clock) : m_cases(cases), m_clock(clock) {}

    // Forbidden for a role that may not see the dashboard.
    Result<Dashboard> compute(const Actor& actor);
    // The same without asking who reads it: for the cache that serves it only to those allowed
    // (DashboardCache::refresh).
    Result<Dashboard> compute_for_cache();

  private:
    CaseService& m_cases;
    const Clock& m_clock;
};

// The median of some numbers (the mean of the two middle ones for an even count); nullopt for
// none.
std::optional<double> median(std::vector<double> values);

}  // namespace retorno::reports
