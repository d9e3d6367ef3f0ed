#include "reports/dashboard_charts.h"

#include <span>

#include <fmt/format.h>

#include "core/embedded_file.h"
#include "core/iso_country.h"

namespace retorno {
std::span<const EmbeddedFile> report_locales();  // cmake: retorno_embed
}

namespace retorno::reports {

namespace {

Result<StringBundle> load(std::string_view file) {
    return StringBundle::from_embedded(report_locales(), "locales/reports", file);
}

std::string country_name(std::string_view code, protocol::Language language) {
    const auto* country = find_country(code);
    if (country == nullptr)
        return std::string(code);
    return std::string(language == protocol::Language::Es ? country->name_es : country->name_en);
}

Bar count_bar(std::string label, const Cell& cell) {
    std::optional<double> value;
    if (cell.count)
        value = static_cast<double>(*cell.count);
    return Bar{std::move(label), value, display(cell)};
}

}  // namespace

Result<const StringBundle*> report_strings(protocol::Language language) {
    static const Result<StringBundle> spanish = load("es.json");
    static const Result<StringBundle> english = load("en.json");
    const auto& bundle = language == protocol::Language::Es ? spanish : english;
    if (!bundle)
        return fail(bundle.error());
    return &*bundle;
}

Result<std::vector<BarChart>> dashboard_charts(const Dashboard& dashboard,
                                               const protocol::Definition& definition,
                                               protocol::Language language) {
    const auto* strings = TRY(report_strings(language));
    auto step_title = [&](const std::string& step) {
        if (step.empty())
            return strings->text("no_open_task");
        const auto* found = definition.step(step);
        return found == nullptr ? step : found->title.in(language);
    };
    std::vector<BarChart> charts;

    BarChart open{"open-by-step",
                  strings->text("chart.open_by_step"),
                  strings->text("column.step_country"),
                  strings->text("column.cases"),
                  {},
                  strings->text("note.suppressed"),
                  strings->text("no_data")};
    for (const auto& row : dashboard.open_by_step_and_country) {
        open.bars.push_back(count_bar(
            step_title(row.step) + " · " + country_name(row.country, language), row.cases));
    }
    charts.push_back(std::move(open));

    BarChart overdue{"overdue",
                     strings->text("chart.overdue"),
                     strings->text("column.country_step"),
                     strings->text("column.tasks"),
                     {},
                     strings->text("note.suppressed"),
                     strings->text("no_data")};
    for (const auto& row : dashboard.overdue_by_country_and_step) {
        overdue.bars.push_back(count_bar(
            country_name(row.country, language) + " · " + step_title(row.step), row.tasks));
    }
    charts.push_back(std::move(overdue));

    BarChart returns{"returns-by-pair",
                     strings->text("chart.returns_by_pair"),
                     strings->text("column.pair"),
                     strings->text("column.returns"),
                     {},
                     strings->text("note.suppressed"),
                     strings->text("no_data")};
    BarChart median{"median-days",
                    strings->text("chart.median_by_pair"),
                    strings->text("column.pair"),
                    strings->text("column.median_days"),
                    {},
                    strings->text("note.median"),
                    strings->text("no_data")};
    for (const auto& row : dashboard.returns_by_country_pair) {
        auto pair =
            country_name(row.destination, language) + " → " + country_name(row.origin, language);
        returns.bars.push_back(count_bar(pair, row.returns));
        if (row.median_days) {
            median.bars.push_back(
                Bar{pair, row.median_days, fmt::format("{:.1f}", *row.median_days)});
        } else {
            median.bars.push_back(
                Bar{pair, std::nullopt, "<" + std::to_string(kSmallestShownCount)});
        }
    }
    charts.push_back(std::move(returns));
    charts.push_back(std::move(median));
    return charts;
}

Result<std::string> render_dashboard_charts(const Dashboard& dashboard,
                                            const protocol::Definition& definition,
                                            protocol::Language language) {
    std::string out;
    for (const auto& chart : TRY(dashboard_charts(dashboard, definition, language)))
        out += render_bar_chart(chart);
    return out;
}

}  // namespace retorno::reports
