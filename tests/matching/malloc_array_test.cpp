#include <gtest/gtest.h>

#include <cstdint>

#include "matching/malloc_array.h"

namespace retorno::matching {
namespace {

struct Triple {
    std::uint32_t a;
    std::uint32_t b;
    std::uint32_t c;
};

TEST(MallocArray, GrowsAppendsAndMoves) {
    MallocArray<Triple> first;
    for (std::uint32_t i = 0; i < 1000; ++i)
        first.push_back({i, 2 * i, 3 * i});
    MallocArray<Triple> second(4);
    second.emplace_back(Triple{7, 8, 9});
    first.append(second);
    ASSERT_EQ(first.size(), 1001u);
    EXPECT_EQ(first[999].c, 2997u);
    EXPECT_EQ(first[1000].b, 8u);
    MallocArray<Triple> moved(std::move(first));
    EXPECT_EQ(moved.size(), 1001u);
    EXPECT_TRUE(first.empty());  // NOLINT(bugprone-use-after-move): moved-from is empty.
    EXPECT_EQ(moved.end() - moved.begin(), 1001);
}

// Each element becomes a smaller one in the same memory, in order, however many there are:
// the elements written never overwrite one not yet read.
TEST(MallocArray, ConvertsInPlaceToASmallerType) {
    for (const std::uint32_t count : {0u, 1u, 2u, 3u, 100000u}) {
        MallocArray<Triple> triples(count);
        for (std::uint32_t i = 0; i < count; ++i)
            triples.push_back({i, i * 7 + 1, i ^ 0x5555u});
        auto converted = std::move(triples).convert_in_place<std::uint32_t>(
            [](const Triple& t) { return t.b + t.c; });
        EXPECT_TRUE(triples.empty());  // NOLINT(bugprone-use-after-move)
        ASSERT_EQ(converted.size(), count);
        for (std::uint32_t i = 0; i < count; ++i)
            ASSERT_EQ(converted[i], (i * 7 + 1) + (i ^ 0x5555u)) << i;
    }
}

}  // namespace
}  // namespace retorno::matching
