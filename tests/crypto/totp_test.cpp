#include <gtest/gtest.h>

#include "crypto/totp.h"

namespace retorno {
namespace {

// RFC 6238 appendix B's SHA-1 secret "12345678901234567890", in base32.
constexpr const char* kRfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

Timestamp unix_time(std::int64_t seconds) {
    return Timestamp(std::chrono::seconds(seconds));
}

TEST(Totp, MatchesTheVectorsOfRfc6238) {
    // The RFC's 8-digit values, truncated to the last 6 digits (what a 6-digit app shows).
    struct Row {
        std::int64_t t;
        const char* code;
    };
    for (auto row : {Row{59, "287082"}, Row{1111111109, "081804"}, Row{1111111111, "050471"},
                     Row{1234567890, "005924"}, Row{2000000000, "279037"}}) {
        EXPECT_EQ(totp_code(kRfcSecret, unix_time(row.t)).value(), row.code) << row.t;
    }
}

TEST(Totp, AcceptsOneStepOfClockSkewEitherWayAndNoMore) {
    const auto now = unix_time(1'800'000'000);
    const auto step = std::chrono::seconds(kTotpStepSeconds);
    auto code_at = [&](auto offset) { return totp_code(kRfcSecret, now + offset).value(); };
    EXPECT_EQ(verify_totp(kRfcSecret, code_at(step * 0), now), TotpMatch::Yes);
    EXPECT_EQ(verify_totp(kRfcSecret, code_at(-step), now), TotpMatch::Yes);
    EXPECT_EQ(verify_totp(kRfcSecret, code_at(step), now), TotpMatch::Yes);
    EXPECT_EQ(verify_totp(kRfcSecret, code_at(-2 * step), now), TotpMatch::No);
    EXPECT_EQ(verify_totp(kRfcSecret, code_at(2 * step), now), TotpMatch::No);
}

TEST(Totp, RefusesMalformedCodes) {
    const auto now = unix_time(1'800'000'000);
    for (const char* code : {"", "12345", "1234567", "12a456", " 12345", "123456\n"}) {
        EXPECT_EQ(verify_totp(kRfcSecret, code, now), TotpMatch::No) << code;
    }
    EXPECT_EQ(verify_totp("not base32!", "123456", now), TotpMatch::No);
}

TEST(Totp, NewSecretsDifferAndWork) {
    auto a = new_totp_secret().value();
    auto b = new_totp_secret().value();
    EXPECT_NE(a, b);
    EXPECT_EQ(a.size(), 32u);
    const auto now = unix_time(1'800'000'000);
    EXPECT_EQ(verify_totp(a, totp_code(a, now).value(), now), TotpMatch::Yes);
}

}  // namespace
}  // namespace retorno
