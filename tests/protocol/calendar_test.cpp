#include <gtest/gtest.h>

#include "protocol/calendar.h"
#include "protocol/scenario_support.h"

namespace retorno::protocol {
namespace {

Date d(const char* text) {
    return parse_date(text).value();
}

TEST(Calendar, EasterSundayMatchesKnownYears) {
    EXPECT_EQ(format_date(easter_sunday(2024)), "2024-03-31");
    EXPECT_EQ(format_date(easter_sunday(2025)), "2025-04-20");
    EXPECT_EQ(format_date(easter_sunday(2026)), "2026-04-05");
    EXPECT_EQ(format_date(easter_sunday(2038)), "2038-04-25");
}

struct HolidayCase {
    const char* country;
    const char* date;
    bool business_day;
};

TEST(Calendar, NationalHolidaysAndWeekends) {
    const auto& calendars = testing::shipped_registry().calendars();
    const HolidayCase cases[] = {
        {"GT", "2026-04-02", false},  // Jueves Santo
        {"GT", "2026-04-03", false},  // Viernes Santo
        {"GT", "2026-04-01", true},
        {"GT", "2026-10-20", false},  // Revolución
        {"SV", "2026-08-06", false},
        {"HN", "2026-04-14", false},
        {"NI", "2026-07-19", false},
        {"CR", "2026-04-11", false},  // a Saturday anyway
        {"CR", "2026-07-25", false},
        {"PA", "2026-02-16", false},  // Lunes de Carnaval (Easter -
                                      // 48)
        {"PA", "2026-02-17", false},
        {"MX", "2026-02-02", false},  // first Monday of February
        {"MX", "2026-03-16", false},  // third Monday of March
        {"MX", "2026-03-09", true},
        {"MX", "2026-03-07", false},  // Saturday
        {"US", "2026-07-06", true},   // no calendar: weekends only
        {"US", "2026-07-05", false},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(calendars.for_country(c.country).is_business_day(d(c.date)), c.business_day)
            << c.country << " " << c.date;
    }
}

TEST(Calendar, BusinessDaysSkipHolyWeek) {
    const auto& gt = testing::shipped_registry().calendars().for_country("GT");
    EXPECT_EQ(format_date(gt.add_business_days(d("2026-03-31"), 2)), "2026-04-06");
    EXPECT_EQ(format_date(gt.add_business_days(d("2026-03-31"), 0)), "2026-03-31");
}

}  // namespace
}  // namespace retorno::protocol
