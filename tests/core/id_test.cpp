#include <gtest/gtest.h>

#include "core/id.h"

namespace retorno {
namespace {

TEST(Id, IsVersion7AndRoundTripsThroughText) {
    auto id = Id::generate();
    auto text = id.to_string();
    ASSERT_EQ(text.size(), 36u);
    EXPECT_EQ(text[14], '7');
    auto parsed = Id::parse(text);
    ASSERT_TRUE(parsed);
    EXPECT_EQ(*parsed, id);
}

TEST(Id, SortsByCreationTime) {
    auto first = Id::generate(*parse_timestamp("2026-01-01T00:00:00Z"));
    auto second = Id::generate(*parse_timestamp("2026-01-01T00:00:00.001Z"));
    EXPECT_LT(first, second);
    EXPECT_LT(first.to_string(), second.to_string());
    EXPECT_EQ(format_timestamp(second.timestamp()), "2026-01-01T00:00:00.001Z");
}

TEST(Id, RefusesMalformedText) {
    for (const char* text :
         {"", "not-an-id", "0190a3c2-7b1e-7c3d-8e4f-5a6b7c8d9e0",
          "0190a3c2x7b1e-7c3d-8e4f-5a6b7c8d9e0f", "0190a3c2-7b1e-7c3d-8e4f-5a6b7c8d9e0g"}) {
        EXPECT_FALSE(Id::parse(text)) << text;
    }
}

}  // namespace
}  // namespace retorno
