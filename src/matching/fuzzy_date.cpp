#include "matching/fuzzy_date.h"

#include <chrono>
#include <cstdlib>

namespace retorno::matching {

namespace {

std::optional<int> parse_digits(std::string_view text, std::size_t count) {
    if (text.size() != count)
        return std::nullopt;
    int value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

// The birth years an evidence allows, as an inclusive range.
struct YearRange {
    int low = 0;
    int high = 0;
};

std::optional<YearRange> year_range(const BirthEvidence& e) {
    if (e.birth)
        return YearRange{e.birth->year, e.birth->year};
    if (e.age_estimate && e.age_estimate_date) {
        const int year = e.age_estimate_date->year - *e.age_estimate;
        // Someone aged A on a day was born in that year minus A, or the year before.
        return YearRange{year - 1, year};
    }
    return std::nullopt;
}

int range_distance(YearRange a, YearRange b) {
    if (a.high < b.low)
        return b.low - a.high;
    if (b.high < a.low)
        return a.low - b.high;
    return 0;
}

}  // namespace

Result<std::optional<PartialDate>> parse_partial_date(std::string_view text) {
    if (text.empty())
        return std::optional<PartialDate>{};
    const auto bad = [&] {
        // Built by appending: g++ 12 at -O3 warns falsely (-Wrestrict) on chained "+".
        std::string message = "\"";
        message.append(text.substr(0, 32));
        message.append("\" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
        return fail(Error::invalid("", std::move(message)));
    };
    PartialDate date;
    auto year = parse_digits(text.substr(0, 4), 4);
    if (!year)
        return bad();
    date.year = *year;
    if (text.size() > 4) {
        if (text.size() < 7 || text[4] != '-')
            return bad();
        auto month = parse_digits(text.substr(5, 2), 2);
        if (!month || *month < 1 || *month > 12)
            return bad();
        date.month = *month;
        if (text.size() > 7) {
            if (text.size() != 10 || text[7] != '-')
                return bad();
            auto day = parse_digits(text.substr(8, 2), 2);
            if (!day)
                return bad();
            date.day = *day;
            const std::chrono::year_month_day ymd{std::chrono::year{date.year},
                                                  std::chrono::month{unsigned(date.month)},
                                                  std::chrono::day{unsigned(date.day)}};
            if (!ymd.ok())
                return bad();
        }
    }
    if (date.year < kEarliestYear || date.year > kLatestYear) {
        std::string message = "the year ";
        message.append(std::to_string(date.year));
        message.append(" is outside ");
        message.append(std::to_string(kEarliestYear));
        message.append("-");
        message.append(std::to_string(kLatestYear));
        return fail(Error::invalid("", std::move(message)));
    }
    return std::optional<PartialDate>{date};
}

DateAgreement compare_birth(const BirthEvidence& a, const BirthEvidence& b) {
    if (a.empty() || b.empty())
        return DateAgreement::Missing;
    if (a.birth && b.birth) {
        const PartialDate& x = *a.birth;
        const PartialDate& y = *b.birth;
        if (x.has_day() && y.has_day()) {
            if (x == y)
                return DateAgreement::Exact;
            if (x.year == y.year && x.day == y.month && x.month == y.day) {
                return DateAgreement::DayMonthSwapped;
            }
            if (x.day == y.day && x.month == y.month && std::abs(x.year - y.year) == 1) {
                return DateAgreement::YearOffByOne;
            }
            if (x.year == y.year && (x.day == y.day || x.month == y.month)) {
                return DateAgreement::OnePartDiffers;
            }
            return DateAgreement::Different;
        }
        const bool months_clash = x.has_month() && y.has_month() && x.month != y.month;
        if (x.year == y.year) {
            return months_clash ? DateAgreement::OnePartDiffers : DateAgreement::SameYear;
        }
        if (std::abs(x.year - y.year) == 1)
            return DateAgreement::NearYear;
        return DateAgreement::Different;
    }
    // At least one side has only an estimated age.
    if (!a.birth && !b.birth && a.age_estimate == b.age_estimate &&
        a.age_estimate_date == b.age_estimate_date) {
        return DateAgreement::SameEstimate;
    }
    const int distance = range_distance(*year_range(a), *year_range(b));
    if (distance == 0)
        return DateAgreement::AgeConsistent;
    if (distance == 1)
        return DateAgreement::AgeNear;
    // Estimates of a child's age are often two years off, rarely more.
    return distance == 2 ? DateAgreement::AgeFar : DateAgreement::Different;
}

int blocking_birth_year(const BirthEvidence& evidence) {
    auto range = year_range(evidence);
    return range ? range->high : 0;
}

}  // namespace retorno::matching
