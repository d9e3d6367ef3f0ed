#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/error.h"
#include "matching/match_scorer.h"
#include "matching/name_tables.h"
#include "matching/person_record.h"

namespace retorno::matching {

// Two people of a batch that look like the same person; a < b are positions in the batch.
struct ScoredPair {
    std::uint32_t a = 0;
    std::uint32_t b = 0;
    MatchResult result;
};

enum class Threads : unsigned {};  // How many worker threads a batch may use (at least one).

// What a run did, for the benchmark: filings of people under keys, stretches of them compared,
// and pairs compared (each scored, or given up early, once; a few twice, see run).
struct BatchStats {
    std::size_t entries = 0;
    std::size_t ranges = 0;
    std::uint64_t compared_pairs = 0;
    std::uint64_t scored_pairs = 0;  // Those of them that the screening facts left to score.
    // Person-entry visits planned, before the pairs met more than once are dropped: within a
    // block or part not split further; the block's parts with its part-0 people; within a
    // month of a part split again; and its month-0 people with it.
    std::array<std::uint64_t, 4> planned{};
    // Wall seconds of each stage: putting the people in block order, filing them under their
    // keys, sorting the filings, planning the comparisons, and comparing.
    double ordering_s = 0;
    double filing_s = 0;
    double sorting_s = 0;
    double planning_s = 0;
    double comparing_s = 0;
};

// Finds the likely duplicates in a whole register at once. People are prepared as they are
// added (so that the raw rows need not be kept), then filed under their blocking keys in one
// sorted array; each person is compared only with the people who share a key with them and
// come later in the batch, so that each pair is scored once.
class BatchDeduplicator {
  public:
    explicit BatchDeduplicator(std::shared_ptr<const NameTables> tables);

    // Refuses a record that cannot be prepared, naming the field; the batch is unchanged.
    Status add(const PersonRecord& record);
    void add(PreparedPerson person) { m_people.push_back(std::move(person)); }

    std::size_t size() const { return m_people.size(); }
    const PreparedPerson& person(std::size_t position) const { return m_people[position]; }

    // Every pair scoring at least `threshold`, each once, ordered by (a, b). The people are
    // rearranged in memory while it runs, and are back at their positions when it returns.
    std::vector<ScoredPair> run(double threshold, Threads threads, BatchStats* stats = nullptr);

  private:
    std::shared_ptr<const NameTables> m_tables;
    std::vector<PreparedPerson> m_people;
};

}  // namespace retorno::matching
