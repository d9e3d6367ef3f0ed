#include <cmath>

#include <boost/json.hpp>

#include "reports/dashboard.h"

namespace retorno::reports {

namespace json = boost::json;

namespace {

void put_cell(json::object& into, const Cell& cell) {
    into["count"] = cell.count ? json::value(*cell.count) : json::value(nullptr);
    into["display"] = display(cell);
}

json::value days(const std::optional<double>& value) {
    if (!value)
        return nullptr;
    return std::round(*value * 10) / 10;
}

}  // namespace

json::object dashboard_to_json(const Dashboard& dashboard) {
    json::object out;
    out["computed_at"] = format_timestamp(dashboard.computed_at);
    out["smallest_shown_count"] = kSmallestShownCount;
    json::object open;
    put_cell(open, dashboard.open_cases);
    out["open_cases"] = std::move(open);
    json::array by_step;
    for (const auto& row : dashboard.open_by_step_and_country) {
        json::object item{{"step", row.step.empty() ? json::value(nullptr) : json::value(row.step)},
                          {"country", row.country}};
        put_cell(item, row.cases);
        by_step.push_back(std::move(item));
    }
    out["open_by_step_and_country"] = std::move(by_step);
    json::object overdue;
    put_cell(overdue, dashboard.overdue_tasks);
    out["overdue_tasks"] = std::move(overdue);
    json::array overdue_rows;
    for (const auto& row : dashboard.overdue_by_country_and_step) {
        json::object item{{"country", row.country}, {"step", row.step}};
        put_cell(item, row.tasks);
        overdue_rows.push_back(std::move(item));
    }
    out["overdue_by_country_and_step"] = std::move(overdue_rows);
    json::object returns;
    put_cell(returns, dashboard.returns);
    out["returns"] = std::move(returns);
    out["median_days_to_return"] = days(dashboard.median_days_to_return);
    json::array pairs;
    for (const auto& row : dashboard.returns_by_country_pair) {
        json::object item{{"origin", row.origin}, {"destination", row.destination}};
        put_cell(item, row.returns);
        item["median_days"] = days(row.median_days);
        pairs.push_back(std::move(item));
    }
    out["returns_by_country_pair"] = std::move(pairs);
    return out;
}

}  // namespace retorno::reports
