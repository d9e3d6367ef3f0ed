#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "matching/blocking_keys.h"
#include "matching/match_scorer.h"
#include "matching/name_tables.h"
#include "matching/person_record.h"
#include "matching/screening_facts.h"

namespace retorno::matching {

// A possible match for a query, best first in a candidate list.
struct Candidate {
    std::string id;
    MatchResult result;  // result.score in (0, 1), result.reasons with codes and English text.
};

// The in-memory index of people that the service keeps up to date as cases are opened and
// edited, and that answers "who might this be?" for the search-or-create screen and for
// tracing requests. Candidates come only from shared blocking keys (blocking_keys.h), never
// from a scan of everyone.
//
// Thread safety: the const members (candidates, contains, size) may run concurrently with each
// other; upsert and remove need exclusive access (wrap the index in a std::shared_mutex: shared
// lock to query, unique lock to change). The NameTables are immutable and shared.
class PersonIndex {
  public:
    explicit PersonIndex(std::shared_ptr<const NameTables> tables);

    // Adds the person, or replaces the one with the same id. Refuses a record that cannot be
    // prepared (invalid UTF-8, absurd date...), leaving the index unchanged; refuses an empty id.
    Status upsert(const PersonRecord& record);
    // The same for a person already prepared with this index's tables (so that a caller can
    // prepare outside its lock).
    Status upsert(PreparedPerson prepared);
    // Removes the person; false when the id was not indexed.
    bool remove(std::string_view id);

    // The best `top_k` people whose score with `query` is at least `threshold`, best first
    // (ties by id). A person with the same id as the query is left out, so that an indexed
    // person can be looked up against the others. Refuses a query that cannot be prepared.
    // Unlike batch deduplication, a query also meets the people whose birth is unknown, and a
    // query whose birth is unknown (a name typed into the search screen) is looked up under
    // every birth year that the index holds.
    Result<std::vector<Candidate>> candidates(const PersonRecord& query, std::size_t top_k,
                                              double threshold) const;
    std::vector<Candidate> candidates(const PreparedPerson& query, std::size_t top_k,
                                      double threshold) const;

    bool contains(std::string_view id) const;
    std::size_t size() const { return m_by_id.size(); }
    const NameTables& tables() const { return *m_tables; }

  private:
    void unlink(std::uint32_t slot);
    void gather(const PreparedPerson& query, std::vector<std::uint32_t>& slots) const;

    std::shared_ptr<const NameTables> m_tables;
    std::vector<std::optional<PreparedPerson>> m_slots;
    // Each slot's screening facts, in an array of their own, so that the candidates a query's
    // first stage gives up (most of them) are decided without reading their records.
    std::vector<ScreeningFacts> m_facts;
    std::vector<std::uint32_t> m_free_slots;
    std::unordered_map<std::string, std::uint32_t> m_by_id;
    struct Member {
        std::uint32_t slot;
        std::uint32_t part;  // BlockingKey::part
    };
    std::unordered_map<std::uint64_t, std::vector<Member>> m_blocks;
    std::map<int, std::size_t> m_birth_years;  // blocking birth year -> people filed under it
};

}  // namespace retorno::matching
