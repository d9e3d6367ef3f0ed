#include "core/time.h"

#include <charconv>
#include <cstdio>

namespace retorno {

namespace {

// Reads exactly `width` decimal digits at `pos`; nothing else counts as a number here.
std::optional<int> digits(std::string_view text, std::size_t pos, std::size_t width) {
    if (pos + width > text.size())
        return std::nullopt;
    int value = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        char c = text[i];
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

}  // namespace

Timestamp now_utc() {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
}

std::string format_timestamp(Timestamp t) {
    auto day = std::chrono::floor<std::chrono::days>(t);
    Date ymd{day};
    std::chrono::hh_mm_ss<std::chrono::milliseconds> hms{t - day};
    // 48 bytes: at -O3 GCC checks the format against the full range of each argument.
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02ld:%02ld:%02ld.%03ldZ",
                  static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<long>(hms.hours().count()),
                  static_cast<long>(hms.minutes().count()),
                  static_cast<long>(hms.seconds().count()),
                  static_cast<long>(hms.subseconds().count()));
    return buffer;
}

std::optional<Timestamp> parse_timestamp(std::string_view text) {
    if (text.size() < 20)
        return std::nullopt;
    auto date = parse_date(text.substr(0, 10));
    if (!date || (text[10] != 'T' && text[10] != 't'))
        return std::nullopt;
    auto hour = digits(text, 11, 2);
    auto minute = digits(text, 14, 2);
    auto second = digits(text, 17, 2);
    if (!hour || !minute || !second || text[13] != ':' || text[16] != ':')
        return std::nullopt;
    if (*hour > 23 || *minute > 59 || *second > 59)
        return std::nullopt;
    std::size_t pos = 19;
    int millis = 0;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        int scale = 100;
        std::size_t start = pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            millis += (text[pos] - '0') * scale;
            scale /= 10;
            ++pos;
        }
        if (pos == start)
            return std::nullopt;
    }
    int offset_minutes = 0;
    if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
        ++pos;
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        int sign = text[pos] == '+' ? 1 : -1;
        auto off_hour = digits(text, pos + 1, 2);
        auto off_minute = digits(text, pos + 4, 2);
        if (!off_hour || !off_minute || text[pos + 3] != ':')
            return std::nullopt;
        offset_minutes = sign * (*off_hour * 60 + *off_minute);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != text.size())
        return std::nullopt;
    auto day = std::chrono::sys_days{*date};
    return Timestamp{day} + std::chrono::hours(*hour) + std::chrono::minutes(*minute) +
           std::chrono::seconds(*second) + std::chrono::milliseconds(millis) -
           std::chrono::minutes(offset_minutes);
}

std::string format_date(Date d) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(d.year()),
                  static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
    return buffer;
}

std::optional<Date> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    auto year = digits(text, 0, 4);
    auto month = digits(text, 5, 2);
    auto day = digits(text, 8, 2);
    if (!year || !month || !day)
        return std::nullopt;
    Date date{std::chrono::year{*year}, std::chrono::month{static_cast<unsigned>(*month)},
              std::chrono::day{static_cast<unsigned>(*day)}};
    if (!date.ok())
        return std::nullopt;
    return date;
}

Date date_of(Timestamp t) {
    return Date{std::chrono::floor<std::chrono::days>(t)};
}

int age_in_years(Date birth, Date on) {
    int years = static_cast<int>(on.year()) - static_cast<int>(birth.year());
    auto birthday_this_year = std::chrono::month_day{birth.month(), birth.day()};
    auto today = std::chrono::month_day{on.month(), on.day()};
    if (today < birthday_this_year)
        --years;
    return years;
}

}  // namespace retorno
