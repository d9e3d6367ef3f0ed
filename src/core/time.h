#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace retorno {

// Every instant in retorno is UTC with millisecond precision; local time exists only when a
// page formats a date for a reader.
using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;
using Date = std::chrono::year_month_day;

Timestamp now_utc();

// "2026-11-29T16:17:23.123Z". Always UTC, always three fraction digits.
std::string format_timestamp(Timestamp t);
// Accepts RFC 3339 with "Z" or a numeric offset, with or without fraction digits.
std::optional<Timestamp> parse_timestamp(std::string_view text);

// "2011-03-04". Refuses impossible dates such as 2011-02-30.
std::string format_date(Date d);
std::optional<Date> parse_date(std::string_view text);

Date date_of(Timestamp t);

// Whole years between a birth date and a day, as a registrar counts them.
int age_in_years(Date birth, Date on);

// A source of the current time, so that deadlines and expiries can be tested at fixed instants.
class Clock {
  public:
    virtual ~Clock() = default;
    virtual Timestamp now() const = 0;
};

class SystemClock final : public Clock {
  public:
    Timestamp now() const override { return now_utc(); }
};

// Another clock, moved back by a whole number of days: for data made as if it had been
// recorded then (the demo's older cases, a benchmark's late ones).
class PastClock final : public Clock {
  public:
    PastClock(const Clock& base, int days)
        : m_base(base), m_offset(std::chrono::hours(24) * days) {}
    Timestamp now() const override { return m_base.now() - m_offset; }

  private:
    const Clock& m_base;
    std::chrono::hours m_offset;
};

}  // namespace retorno
