#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/time.h"

namespace retorno::access {

// Request-rate limits as token buckets keyed by address or session: each key may spend `burst`
// requests at once and regains `per_second` each second. Counted per server process (a
// deployment of several processes allows each its own rate); sign-in guessing is limited
// separately, in the database, across processes (auth_service.h).
class RateLimiter {
  public:
    RateLimiter(const Clock& clock, double per_second, double burst, std::size_t max_keys = 100'000)
        : m_clock(clock), m_per_second(per_second), m_burst(burst), m_max_keys(max_keys) {}

    // Spends one request of `key`: true when allowed, false when over the limit. When false,
    // `retry_after` (if given) says how many whole seconds until one request is allowed again.
    bool allow(const std::string& key, int* retry_after = nullptr);

    // Changes the rate (for configuration and tests); existing buckets keep their tokens.
    void set_rate(double per_second, double burst) {
        std::lock_guard lock(m_mutex);
        m_per_second = per_second;
        m_burst = burst;
        for (auto& [key, bucket] : m_buckets)
            bucket.tokens = std::min(bucket.tokens, burst);
    }

  private:
    struct Bucket {
        double tokens;
        Timestamp updated;
    };

    const Clock& m_clock;
    double m_per_second;
    double m_burst;
    std::size_t m_max_keys;
    std::mutex m_mutex;
    std::unordered_map<std::string, Bucket> m_buckets;
};

}  // namespace retorno::access
