#include "access/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace retorno::access {

bool RateLimiter::allow(const std::string& key, int* retry_after) {
    const auto now = m_clock.now();
    std::lock_guard lock(m_mutex);
    if (m_buckets.size() >= m_max_keys && !m_buckets.contains(key)) {
        // Full buckets carry no debt and can be forgotten; this bounds the memory an attacker
        // with many addresses can make the server hold.
        std::erase_if(m_buckets, [&](const auto& entry) {
            std::chrono::duration<double> idle = now - entry.second.updated;
            return entry.second.tokens + idle.count() * m_per_second >= m_burst;
        });
    }
    auto [it, inserted] = m_buckets.try_emplace(key, Bucket{m_burst, now});
    Bucket& bucket = it->second;
    if (!inserted) {
        std::chrono::duration<double> elapsed = now - bucket.updated;
        bucket.tokens =
            std::min(m_burst, bucket.tokens + std::max(0.0, elapsed.count()) * m_per_second);
        bucket.updated = now;
    }
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return true;
    }
    if (retry_after != nullptr) {
        *retry_after = static_cast<int>(std::ceil((1.0 - bucket.tokens) / m_per_second));
    }
    return false;
}

}  // namespace retorno::access
