#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <vector>

#include "core/error.h"
#include "core/id.h"
#include "core/time.h"
#include "store/store.h"

namespace retorno {

// Follows the event log by position, so that a projection kept in memory (the person index of
// the search-or-create screen) sees every event, whichever `retorno serve` process appended it.
//
// Positions are not a gapless, in-order stream: under PostgreSQL an append takes its position
// when it starts and becomes visible when it commits, so position 12 can be seen before 11;
// and an append that rolls back leaves its position empty for ever. The follower therefore
// remembers each position it skipped (a gap) together with when it first noticed it, reads
// again from below the oldest gap, and gives a gap up once it has stayed empty for `grace`
// (an append is a short transaction; a gap older than that is a rollback).
class EventLogFollower {
  public:
    // `page` positions are read per query of the store.
    EventLogFollower(Store& store, const Clock& clock,
                     std::chrono::seconds grace = std::chrono::seconds(60), int page = 1000)
        : m_store(store), m_clock(clock), m_grace(grace), m_page(page) {}

    // The cases with events this follower has not seen before, each case once, in the order of
    // their first new event. The first call answers every case of the log.
    Result<std::vector<Id>> poll();

    // Every position up to this one has been seen or given up.
    std::int64_t floor() const { return m_floor; }
    // Positions skipped and still awaited.
    std::size_t gaps() const { return m_gaps.size(); }

  private:
    Store& m_store;
    const Clock& m_clock;
    std::chrono::seconds m_grace;
    int m_page;
    std::int64_t m_floor = 0;
    std::int64_t m_highest = 0;
    std::map<std::int64_t, Timestamp> m_gaps;  // position -> when it was first missed
};

}  // namespace retorno
