#include "reports/dashboard_service.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

#include "domain/step.h"
#include "protocol/definition.h"

namespace retorno::reports {

namespace {

// A step's place in the baseline's protocol order; steps of a variant come after.
int step_order(std::string_view step) {
    const auto steps = baseline_steps();
    auto it = std::find(std::begin(steps), std::end(steps), step);
    return static_cast<int>(it - std::begin(steps));
}

struct StepCountryKey {
    int order;
    std::string step;
    std::string country;
    auto operator<=>(const StepCountryKey&) const = default;
};

}  // namespace

bool may_see_dashboard(const std::vector<Role>& roles) {
    return std::any_of(roles.begin(), roles.end(), [](Role role) {
        return role == Role::Supervisor || role == Role::StatisticsCoordinator;
    });
}

std::optional<double> median(std::vector<double> values) {
    if (values.empty())
        return std::nullopt;
    std::sort(values.begin(), values.end());
    auto middle = values.size() / 2;
    if (values.size() % 2 == 1)
        return values[middle];
    return (values[middle - 1] + values[middle]) / 2;
}

Result<Dashboard> DashboardService::compute(const Actor& actor) {
    if (!may_see_dashboard(actor.roles)) {
        return fail(Error::make(ErrorCode::Forbidden,
                                "Only supervisors and statistics coordinators see the dashboard."));
    }
    return compute_for_cache();
}

Result<Dashboard> DashboardService::compute_for_cache() {
    std::int64_t open_cases = 0;
    std::int64_t overdue_tasks = 0;
    std::map<StepCountryKey, std::int64_t> open_by_step;
    std::map<std::tuple<std::string, int, std::string>, std::int64_t> overdue;
    std::map<std::pair<std::string, std::string>, std::vector<double>> days_by_pair;
    std::vector<double> all_days;

    // From the store's open-tasks projection and one summary row per case: no case document is
    // read and no protocol state derived, so the figures of 10,000 cases take two queries.
    std::unordered_map<Id, std::vector<protocol::Task>> tasks_of;
    TRY_STATUS(m_cases.each_open_task({}, [&](CaseService::TaskOfCase&& found) -> Status {
        tasks_of[found.case_id].push_back(std::move(found.task));
        return {};
    }));
    for (const auto& c : TRY(m_cases.case_summaries())) {
        if (c.handover_at) {
            double days =
                std::chrono::duration<double, std::ratio<86400>>(*c.handover_at - c.opened_at)
                    .count();
            days_by_pair[{c.origin_country, c.destination_country}].push_back(days);
            all_days.push_back(days);
        }
        if (c.status == "Closed" || c.status == "ClosedReferred")
            continue;
        ++open_cases;
        const protocol::Task* current = nullptr;
        if (auto it = tasks_of.find(c.case_id); it != tasks_of.end()) {
            for (const auto& task : it->second) {
                if (current == nullptr || step_order(task.step) < step_order(current->step))
                    current = &task;
                if (task.days_overdue > 0) {
                    ++overdue_tasks;
                    ++overdue[{task.country, step_order(task.step), task.step}];
                }
            }
        }
        if (current == nullptr) {
            ++open_by_step[{step_order(""), "", c.destination_country}];
        } else {
            std::string country =
                current->country.empty() ? c.destination_country : current->country;
            ++open_by_step[{step_order(current->step), current->step, country}];
        }
    }

    Dashboard out;
    out.computed_at = m_clock.now();
    // Each table's total is published beside it, so its cells are suppressed together
    // (suppress_with_total): no small count can be worked out by subtraction.
    auto counts_of = [](const auto& table) {
        std::vector<std::int64_t> counts;
        for (const auto& entry : table)
            counts.push_back(entry.second);
        return counts;
    };
    out.open_cases = suppress_small(open_cases);
    auto open_cells = suppress_with_total(counts_of(open_by_step));
    std::size_t i = 0;
    for (const auto& [key, count] : open_by_step)
        out.open_by_step_and_country.push_back({key.step, key.country, open_cells[i++]});
    out.overdue_tasks = suppress_small(overdue_tasks);
    auto overdue_cells = suppress_with_total(counts_of(overdue));
    i = 0;
    for (const auto& [key, count] : overdue) {
        out.overdue_by_country_and_step.push_back(
            {std::get<0>(key), std::get<2>(key), overdue_cells[i++]});
    }
    auto returns = static_cast<std::int64_t>(all_days.size());
    out.returns = suppress_small(returns);
    if (returns >= kSmallestShownCount)
        out.median_days_to_return = median(all_days);
    std::vector<std::int64_t> returns_per_pair;
    for (const auto& [pair, days] : days_by_pair)
        returns_per_pair.push_back(static_cast<std::int64_t>(days.size()));
    auto return_cells = suppress_with_total(returns_per_pair);
    i = 0;
    for (auto& [pair, days] : days_by_pair) {
        CountryPairReturns row{pair.first, pair.second, return_cells[i++], std::nullopt};
        // A median beside a suppressed count would say that it is at least five.
        if (row.returns.count)
            row.median_days = median(days);
        out.returns_by_country_pair.push_back(std::move(row));
    }
    return out;
}

}  // namespace retorno::reports
