#pragma once

#include <chrono>

#include "core/time.h"

namespace retorno::testing {

// A clock that a test sets and moves by hand, so that no test depends on when it runs. It may
// be read from several threads while nobody moves it.
class ManualClock final : public Clock {
  public:
    ManualClock() = default;
    explicit ManualClock(Timestamp start) : m_now(start) {}

    Timestamp now() const override { return m_now; }
    void set(Timestamp at) { m_now = at; }
    template <typename Rep, typename Period>
    void advance(std::chrono::duration<Rep, Period> by) {
        m_now += std::chrono::duration_cast<Timestamp::duration>(by);
    }

  private:
    Timestamp m_now = parse_timestamp("2026-06-01T09:00:00.000Z").value();
};

}  // namespace retorno::testing
