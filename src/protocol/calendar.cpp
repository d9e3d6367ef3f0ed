#include "protocol/calendar.h"

#include <algorithm>

#include <fmt/format.h>

#include "protocol/yaml_reader.h"

namespace retorno::protocol {

namespace chr = std::chrono;

Date easter_sunday(int year) {
    int a = year % 19;
    int b = year / 100;
    int c = year % 100;
    int d = b / 4;
    int e = b % 4;
    int f = (b + 8) / 25;
    int g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4;
    int k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = ((h + l - 7 * m + 114) % 31) + 1;
    return Date{chr::year{year}, chr::month{static_cast<unsigned>(month)},
                chr::day{static_cast<unsigned>(day)}};
}

Calendar Calendar::weekends_only(std::string country) {
    Calendar c;
    c.m_country = std::move(country);
    return c;
}

std::optional<Calendar> Calendar::load(const std::filesystem::path& file, Diagnostics& problems) {
    YAML::Node root;
    try {
        root = YAML::LoadFile(file.string());
    } catch (const YAML::ParserException& e) {
        problems.push_back(Diagnostic{SourceMark{file.string(), e.mark.line + 1, e.mark.column + 1},
                                      "not valid YAML: " + e.msg});
        return std::nullopt;
    } catch (const YAML::Exception&) {
        problems.push_back(Diagnostic{SourceMark{file.string(), 1, 1}, "cannot read the file"});
        return std::nullopt;
    }
    auto before = problems.size();
    YamlReader in(file.string(), problems);
    Calendar c;
    if (!in.check_map(root, "the calendar",
                      {"country", "name", "weekend", "fixed", "easter", "nth_weekday", "dated"})) {
        return std::nullopt;
    }
    c.m_country = in.string(root, "country", "the calendar", true).value_or("");
    in.string(root, "name", "the calendar", true);
    static constexpr std::string_view kDays[] = {"sunday",   "monday", "tuesday", "wednesday",
                                                 "thursday", "friday", "saturday"};
    if (YamlReader::get(root, "weekend").IsDefined()) {
        c.m_weekend.clear();
        for (const auto& day : in.strings(root, "weekend", "the calendar")) {
            auto it = std::find(std::begin(kDays), std::end(kDays), day);
            if (it == std::end(kDays)) {
                in.problem(YamlReader::get(root, "weekend"),
                           fmt::format("unknown weekday '{}'", day));
            } else {
                c.m_weekend.push_back(static_cast<unsigned>(it - std::begin(kDays)));
            }
        }
    }
    auto list = [&](std::string_view key, auto&& each) {
        auto node = YamlReader::get(root, key);
        if (!node.IsDefined())
            return;
        if (!node.IsSequence()) {
            in.problem(node, fmt::format("'{}' must be a list", key));
            return;
        }
        for (const auto& item : node)
            each(item);
    };
    list("fixed", [&](const YAML::Node& item) {
        if (!in.check_map(item, "a fixed holiday", {"date", "name"}))
            return;
        auto date = in.string(item, "date", "a fixed holiday", true).value_or("");
        auto name = in.string(item, "name", "a fixed holiday", true).value_or("");
        unsigned month = 0, day = 0;
        if (std::sscanf(date.c_str(), "%2u-%2u", &month, &day) != 2 || date.size() != 5 ||
            !Date{chr::year{2024}, chr::month{month}, chr::day{day}}.ok()) {
            in.problem(YamlReader::get(item, "date"),
                       fmt::format("a fixed holiday's date must be MM-DD, not '{}'", date));
            return;
        }
        c.m_fixed.push_back(Fixed{month, day, name});
    });
    list("easter", [&](const YAML::Node& item) {
        if (!in.check_map(item, "an Easter-based holiday", {"offset", "name"}))
            return;
        auto offset = in.integer(item, "offset", "an Easter-based holiday", true);
        auto name = in.string(item, "name", "an Easter-based holiday", true).value_or("");
        if (offset)
            c.m_easter.push_back(EasterBased{*offset, name});
    });
    list("nth_weekday", [&](const YAML::Node& item) {
        auto what = "an n-th weekday holiday";
        if (!in.check_map(item, what, {"month", "weekday", "nth", "name"}))
            return;
        auto month = in.integer(item, "month", what, true).value_or(0);
        auto nth = in.integer(item, "nth", what, true).value_or(0);
        auto weekday = in.string(item, "weekday", what, true).value_or("");
        auto name = in.string(item, "name", what, true).value_or("");
        auto it = std::find(std::begin(kDays), std::end(kDays), weekday);
        if (month < 1 || month > 12 || nth < 1 || nth > 5 || it == std::end(kDays)) {
            in.problem(item,
                       "an n-th weekday holiday needs a month 1-12, nth 1-5 and a weekday name");
            return;
        }
        c.m_nth_weekday.push_back(NthWeekday{static_cast<unsigned>(month),
                                             static_cast<unsigned>(it - std::begin(kDays)),
                                             static_cast<unsigned>(nth), name});
    });
    list("dated", [&](const YAML::Node& item) {
        if (!in.check_map(item, "a dated holiday", {"date", "name"}))
            return;
        auto date = in.string(item, "date", "a dated holiday", true).value_or("");
        auto name = in.string(item, "name", "a dated holiday", true).value_or("");
        if (!parse_date(date)) {
            in.problem(YamlReader::get(item, "date"),
                       fmt::format("a dated holiday's date must be YYYY-MM-DD, not '{}'", date));
            return;
        }
        c.m_dated[date] = name;
    });
    if (problems.size() != before)
        return std::nullopt;
    return c;
}

std::optional<std::string> Calendar::holiday(Date day) const {
    for (const auto& f : m_fixed) {
        if (static_cast<unsigned>(day.month()) == f.month &&
            static_cast<unsigned>(day.day()) == f.day) {
            return f.name;
        }
    }
    auto easter = chr::sys_days{easter_sunday(static_cast<int>(day.year()))};
    for (const auto& e : m_easter) {
        if (chr::sys_days{day} == easter + chr::days{e.offset})
            return e.name;
    }
    for (const auto& n : m_nth_weekday) {
        if (static_cast<unsigned>(day.month()) != n.month)
            continue;
        chr::year_month_weekday ymw{chr::sys_days{day}};
        if (ymw.weekday().c_encoding() == n.weekday && ymw.index() == n.nth)
            return n.name;
    }
    if (auto it = m_dated.find(format_date(day)); it != m_dated.end())
        return it->second;
    return std::nullopt;
}

bool Calendar::is_business_day(Date day) const {
    unsigned weekday = chr::weekday{chr::sys_days{day}}.c_encoding();
    if (std::find(m_weekend.begin(), m_weekend.end(), weekday) != m_weekend.end())
        return false;
    return !holiday(day).has_value();
}

Date Calendar::add_business_days(Date from, int days) const {
    chr::sys_days day{from};
    int counted = 0;
    while (counted < days) {
        day += chr::days{1};
        if (is_business_day(Date{day}))
            ++counted;
    }
    return Date{day};
}

Result<Calendars> Calendars::load(const std::filesystem::path& dir) {
    Calendars out;
    Diagnostics problems;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
        if (entry.path().extension() != ".yaml")
            continue;
        if (auto c = Calendar::load(entry.path(), problems))
            out.add(std::move(*c));
    }
    if (error)
        return fail(Error::internal("cannot read the calendars folder " + dir.string()));
    if (!problems.empty()) {
        std::string text;
        for (const auto& p : problems)
            text += p.to_string() + "\n";
        return fail(Error::internal("invalid calendar files:\n" + text));
    }
    return out;
}

void Calendars::add(Calendar calendar) {
    auto country = calendar.country();
    m_by_country.insert_or_assign(country, std::move(calendar));
}

const Calendar& Calendars::for_country(std::string_view country) const {
    auto it = m_by_country.find(country);
    return it == m_by_country.end() ? m_fallback : it->second;
}

}  // namespace retorno::protocol
