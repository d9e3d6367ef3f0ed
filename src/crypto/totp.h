#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/time.h"

namespace retorno {

// Time-based one-time passwords (RFC 6238) by liboath: 6 digits, 30-second steps, HMAC-SHA1 as
// authenticator apps expect. Secrets are base32 text, as shown to the user once when enrolled.
inline constexpr unsigned kTotpDigits = 6;
inline constexpr unsigned kTotpStepSeconds = 30;

// A new random secret of 20 bytes, base32-encoded.
Result<std::string> new_totp_secret();

// The code for `at`; used by tests and by enrolment to confirm the user's app.
Result<std::string> totp_code(std::string_view base32_secret, Timestamp at);

// Whether `code` is the code of the step of `at` or of the step just before or after it: one
// step of clock skew either way, no more.
enum class TotpMatch { Yes, No };
TotpMatch verify_totp(std::string_view base32_secret, std::string_view code, Timestamp at);

// The time step (Unix time / 30) whose code `code` is, within the same one step either way of
// `at`, or nullopt. Sign-in records the step of each code it accepts and refuses a code of that
// step or an earlier one, so that a code seen over a shoulder cannot be used again.
std::optional<std::int64_t> totp_step_of(std::string_view base32_secret, std::string_view code,
                                         Timestamp at);

}  // namespace retorno
