#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "core/time.h"
#include "reports/small_cells.h"

namespace retorno::reports {

// Open cases whose current step (the first open task in protocol order) is `step`, in the
// country that must act on it. `step` is empty for an open case with no open task (waiting on a
// hold or a blocked guard).
struct StepCountryCount {
    std::string step;
    std::string country;
    Cell cases;
};

// Tasks past their deadline, by the country that must act and the step.
struct OverdueCount {
    std::string country;
    std::string step;
    Cell tasks;
};

// Children returned (the handover step recorded) from `destination` to `origin`, with the
// median days from identification to the handover when at least kSmallestShownCount returned.
struct CountryPairReturns {
    std::string origin;
    std::string destination;
    Cell returns;
    std::optional<double> median_days;
};

// The dashboard of supervisors and statistics coordinators: aggregates only, every count
// already suppressed (small_cells.h). Nothing in it names or describes a child.
struct Dashboard {
    Timestamp computed_at{};
    Cell open_cases;
    std::vector<StepCountryCount> open_by_step_and_country;
    Cell overdue_tasks;
    std::vector<OverdueCount> overdue_by_country_and_step;
    Cell returns;
    std::optional<double> median_days_to_return;
    std::vector<CountryPairReturns> returns_by_country_pair;
};

// The JSON of GET /api/v1/reports/dashboard. A count is {"count": 12, "display": "12"}, or
// {"count": null, "display": "<5"} when suppressed.
boost::json::object dashboard_to_json(const Dashboard& dashboard);

}  // namespace retorno::reports
