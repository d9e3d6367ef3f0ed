#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "protocol/diagnostics.h"

namespace retorno::protocol {

// Gregorian Easter Sunday of a year (the anonymous Gregorian algorithm), from which Holy
// Thursday and Good Friday follow.
Date easter_sunday(int year);

// The working days of one country: weekends and national public holidays, read from
// calendars/<CC>.yaml. Holidays are data: fixed dates, days counted from Easter, the n-th
// weekday of a month (Mexico's "first Monday of February"), and dated one-off holidays.
class Calendar {
  public:
    // A country without a calendar file still has weekends.
    static Calendar weekends_only(std::string country);
    // Reads a calendar file; every problem is appended as FILE:LINE:COLUMN.
    static std::optional<Calendar> load(const std::filesystem::path& file, Diagnostics& problems);

    const std::string& country() const { return m_country; }
    // The holiday's name on this day, if it is one.
    std::optional<std::string> holiday(Date day) const;
    bool is_business_day(Date day) const;
    // The day that is `days` business days after `from` (which itself is not counted).
    Date add_business_days(Date from, int days) const;

  private:
    struct Fixed {
        unsigned month = 1;
        unsigned day = 1;
        std::string name;
    };
    struct NthWeekday {
        unsigned month = 1;
        unsigned weekday = 1;  // Sunday = 0
        unsigned nth = 1;
        std::string name;
    };
    struct EasterBased {
        int offset = 0;
        std::string name;
    };
    std::string m_country;
    std::vector<unsigned> m_weekend{6, 0};  // weekday numbers, Sunday = 0
    std::vector<Fixed> m_fixed;
    std::vector<EasterBased> m_easter;
    std::vector<NthWeekday> m_nth_weekday;
    std::map<std::string, std::string> m_dated;  // "2026-01-14" -> name
};

// The calendars of every country, by ISO code.
class Calendars {
  public:
    // Reads every <CC>.yaml in `dir`; fails with all problems when a file is invalid.
    static Result<Calendars> load(const std::filesystem::path& dir);
    void add(Calendar calendar);
    // The country's calendar, or weekends only when no file exists for it.
    const Calendar& for_country(std::string_view country) const;

  private:
    std::map<std::string, Calendar, std::less<>> m_by_country;
    Calendar m_fallback = Calendar::weekends_only("");
};

}  // namespace retorno::protocol
