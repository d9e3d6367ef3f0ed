#include <gtest/gtest.h>

#include "core/time.h"

namespace retorno {
namespace {

TEST(Time, FormatsAndParsesTimestampsRoundTrip) {
    auto t = parse_timestamp("2026-11-29T16:17:23.123Z");
    ASSERT_TRUE(t);
    EXPECT_EQ(format_timestamp(*t), "2026-11-29T16:17:23.123Z");
}

TEST(Time, AppliesNumericOffsets) {
    auto t = parse_timestamp("2026-11-29T10:17:23-06:00");
    ASSERT_TRUE(t);
    EXPECT_EQ(format_timestamp(*t), "2026-11-29T16:17:23.000Z");
}

TEST(Time, RefusesImpossibleDates) {
    EXPECT_FALSE(parse_date("2011-02-30"));
    EXPECT_FALSE(parse_date("2011-13-01"));
    EXPECT_FALSE(parse_date("11-02-2011"));
    EXPECT_FALSE(parse_date("2011-2-3"));
    EXPECT_TRUE(parse_date("2012-02-29"));
    EXPECT_FALSE(parse_date("2011-02-29"));
}

TEST(Time, RefusesMalformedTimestamps) {
    for (const char* text : {"2026-11-29", "2026-11-29T25:00:00Z", "2026-11-29T10:00:00",
                             "2026-11-29T10:00:00.Z", "2026-11-29T10:00:00Zjunk"}) {
        EXPECT_FALSE(parse_timestamp(text)) << text;
    }
}

TEST(Time, CountsAgeInWholeYears) {
    auto birth = *parse_date("2010-06-15");
    EXPECT_EQ(age_in_years(birth, *parse_date("2026-06-14")), 15);
    EXPECT_EQ(age_in_years(birth, *parse_date("2026-06-15")), 16);
}

}  // namespace
}  // namespace retorno
