#include <gtest/gtest.h>

#include "access/rate_limiter.h"
#include "support/manual_clock.h"

namespace retorno {
namespace {

using testing::ManualClock;

TEST(RateLimiter, AllowsABurstThenTheSustainedRatePerKey) {
    ManualClock clock;
    access::RateLimiter limiter(clock, 2.0, 5.0);
    for (int i = 0; i < 5; ++i)
        EXPECT_TRUE(limiter.allow("address:192.0.2.1")) << i;
    int retry_after = 0;
    EXPECT_FALSE(limiter.allow("address:192.0.2.1", &retry_after));
    EXPECT_EQ(retry_after, 1);
    // Another key has its own bucket.
    EXPECT_TRUE(limiter.allow("address:192.0.2.2"));
    // Half a second at 2 per second buys exactly one more request.
    clock.advance(std::chrono::milliseconds(500));
    EXPECT_TRUE(limiter.allow("address:192.0.2.1"));
    EXPECT_FALSE(limiter.allow("address:192.0.2.1"));
    // A long pause refills only up to the burst.
    clock.advance(std::chrono::hours(1));
    for (int i = 0; i < 5; ++i)
        EXPECT_TRUE(limiter.allow("address:192.0.2.1")) << i;
    EXPECT_FALSE(limiter.allow("address:192.0.2.1"));
}

TEST(RateLimiter, ForgetsFullBucketsWhenItHoldsTooManyKeys) {
    ManualClock clock;
    access::RateLimiter limiter(clock, 1.0, 2.0, 3);
    EXPECT_TRUE(limiter.allow("a"));
    EXPECT_TRUE(limiter.allow("a"));
    EXPECT_FALSE(limiter.allow("a"));  // "a" is in debt and must be remembered
    EXPECT_TRUE(limiter.allow("b"));
    EXPECT_TRUE(limiter.allow("c"));
    clock.advance(std::chrono::seconds(10));  // b and c are full again
    EXPECT_TRUE(limiter.allow("d"));
    EXPECT_TRUE(limiter.allow("a"));
    EXPECT_TRUE(limiter.allow("a"));
}

}  // namespace
}  // namespace retorno
