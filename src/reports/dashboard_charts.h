#pragma once

#include <vector>

#include "core/error.h"
#include "core/string_bundle.h"
#include "protocol/definition.h"
#include "reports/dashboard.h"
#include "reports/svg_chart.h"

namespace retorno::reports {

// The strings of the dashboard in one language, from locales/reports/<language>.json
// (compiled into the binary).
Result<const StringBundle*> report_strings(protocol::Language language);

// The four charts of the dashboard, labelled in one language: step titles from `definition`
// (the regional baseline), countries by name. Suppressed cells have no bar and read "<5".
Result<std::vector<BarChart>> dashboard_charts(const Dashboard& dashboard,
                                               const protocol::Definition& definition,
                                               protocol::Language language);

// The charts rendered one after another, for a page to place.
Result<std::string> render_dashboard_charts(const Dashboard& dashboard,
                                            const protocol::Definition& definition,
                                            protocol::Language language);

}  // namespace retorno::reports
