// A whole number is all of its text: a prefix that parses ("12 años") is not the number a
// person wrote, nor is a number too large for its type.

#include <gtest/gtest.h>

#include <cstdint>

#include "core/whole_number.h"

namespace retorno {
namespace {

TEST(WholeNumber, IsAllOfItsTextOrNothing) {
    EXPECT_EQ(whole_number<int>("12"), 12);
    EXPECT_EQ(whole_number<int>("0"), 0);
    EXPECT_EQ(whole_number<int>("-3"), -3);
    EXPECT_EQ(whole_number<std::int64_t>("9000000000"), 9000000000);
    for (const char* text : {"", " 12", "12 ", "12 años", "1e3", "+12", "1.5", "0x10", "doce",
                             "99999999999999999999"}) {
        EXPECT_FALSE(whole_number<int>(text).has_value()) << '"' << text << '"';
    }
    EXPECT_FALSE(whole_number<unsigned>("-1").has_value());
    EXPECT_FALSE(whole_number<int>("9000000000").has_value()) << "too large for an int";
}

}  // namespace
}  // namespace retorno
