#include "matching/person_index.h"

#include <algorithm>

#include "matching/blocking_keys.h"
#include "matching/prefetch.h"

namespace retorno::matching {

PersonIndex::PersonIndex(std::shared_ptr<const NameTables> tables) : m_tables(std::move(tables)) {}

Status PersonIndex::upsert(const PersonRecord& record) {
    if (record.id.empty())
        return fail(Error::invalid("id", "A person needs an id."));
    return upsert(TRY(prepare_person(record, *m_tables)));
}

Status PersonIndex::upsert(PreparedPerson prepared) {
    if (prepared.id().empty())
        return fail(Error::invalid("id", "A person needs an id."));
    if (auto it = m_by_id.find(std::string(prepared.id())); it != m_by_id.end()) {
        const std::uint32_t slot = it->second;
        unlink(slot);
        m_by_id.erase(it);
        m_slots[slot].reset();
        m_free_slots.push_back(slot);
    }
    std::uint32_t slot;
    if (!m_free_slots.empty()) {
        slot = m_free_slots.back();
        m_free_slots.pop_back();
    } else {
        slot = static_cast<std::uint32_t>(m_slots.size());
        m_slots.emplace_back();
        m_facts.emplace_back();
    }
    m_facts[slot] = ScreeningFacts(prepared);
    for (const BlockingKey& key : blocking_keys(prepared))
        m_blocks[key.key].push_back({slot, key.part});
    ++m_birth_years[blocking_birth_year(prepared.birth)];
    m_by_id.emplace(std::string(prepared.id()), slot);
    m_slots[slot] = std::move(prepared);
    return {};
}

void PersonIndex::unlink(std::uint32_t slot) {
    if (auto year = m_birth_years.find(blocking_birth_year(m_slots[slot]->birth));
        year != m_birth_years.end() && --year->second == 0) {
        m_birth_years.erase(year);
    }
    for (const BlockingKey& key : blocking_keys(*m_slots[slot])) {
        auto it = m_blocks.find(key.key);
        if (it == m_blocks.end())
            continue;
        auto& members = it->second;
        members.erase(std::remove_if(members.begin(), members.end(),
                                     [slot](const Member& m) { return m.slot == slot; }),
                      members.end());
        if (members.empty())
            m_blocks.erase(it);
    }
}

bool PersonIndex::remove(std::string_view id) {
    auto it = m_by_id.find(std::string(id));
    if (it == m_by_id.end())
        return false;
    const std::uint32_t slot = it->second;
    unlink(slot);
    m_slots[slot].reset();
    m_free_slots.push_back(slot);
    m_by_id.erase(it);
    return true;
}

bool PersonIndex::contains(std::string_view id) const {
    return m_by_id.find(std::string(id)) != m_by_id.end();
}

Result<std::vector<Candidate>> PersonIndex::candidates(const PersonRecord& query, std::size_t top_k,
                                                       double threshold) const {
    auto prepared = TRY(prepare_person(query, *m_tables));
    return candidates(prepared, top_k, threshold);
}

void PersonIndex::gather(const PreparedPerson& query, std::vector<std::uint32_t>& slots) const {
    // The same rules as a batch (see plan_block in batch_dedup.cpp): a small block whole; in a
    // large one, the query's part and the part-0 people, or everyone for a query in part 0.
    for (const BlockingKey& key : blocking_keys(query)) {
        auto it = m_blocks.find(key.key);
        if (it == m_blocks.end())
            continue;
        const auto& members = it->second;
        const bool whole = members.size() <= kSplitBlockSize;
        if (whole || (key.part == 0 && members.size() <= kMaxBlockSize)) {
            for (const Member& m : members)
                slots.push_back(m.slot);
            continue;
        }
        const auto in_part = static_cast<std::size_t>(
            std::count_if(members.begin(), members.end(),
                          [&key](const Member& m) { return m.part == key.part; }));
        const bool with_part_zero = members.size() <= kMaxBlockSize;
        for (const Member& m : members) {
            if ((m.part == key.part && in_part <= kMaxBlockSize) ||
                (m.part == 0 && with_part_zero)) {
                slots.push_back(m.slot);
            }
        }
    }
}

std::vector<Candidate> PersonIndex::candidates(const PreparedPerson& query, std::size_t top_k,
                                               double threshold) const {
    std::vector<std::uint32_t> slots;
    gather(query, slots);
    // Birth keys carry the year (0 when unknown). A query is also looked up as if its birth
    // were unknown, to meet people registered without one; and a query without a birth under
    // each year the index holds, since blocks without a year would be too large.
    if (blocking_birth_year(query.birth) != 0) {
        PreparedPerson unknown_birth = query;
        unknown_birth.birth = BirthEvidence{};
        gather(unknown_birth, slots);
    } else {
        PreparedPerson in_year = query;
        for (const auto& [year, count] : m_birth_years) {
            if (year == 0)
                continue;
            in_year.birth = BirthEvidence{PartialDate{year, 0, 0}, std::nullopt, std::nullopt};
            gather(in_year, slots);
        }
    }
    std::sort(slots.begin(), slots.end());
    slots.erase(std::unique(slots.begin(), slots.end()), slots.end());
    // The best top_k so far, the worst of them first (a heap). Once there are top_k, a
    // candidate must reach the weight of the worst to enter, so the scoring gives up on the
    // others as early as it can: exact, since a candidate below that weight can never be among
    // the best, and one of equal weight is still scored (the id then decides).
    const auto better = [](const Candidate& x, const Candidate& y) {
        if (x.result.weight != y.result.weight)
            return x.result.weight > y.result.weight;
        return x.id < y.id;
    };
    std::vector<Candidate> best;
    if (top_k == 0)
        return best;
    const double threshold_weight = weight_of_score(threshold) - kWeightRounding;
    const ScreeningFacts query_facts(query);
    // Screened first against the threshold alone, the facts fetched a few places ahead; then
    // the candidates that pass, against the best so far, their fields and texts fetched ahead
    // (see prefetch.h). The first pass only drops candidates that the second would drop.
    constexpr std::size_t kPrefetchDistance = 8;
    std::vector<std::uint32_t> passing;
    for (std::size_t i = 0; i < slots.size(); ++i) {
        if (i + kPrefetchDistance < slots.size())
            __builtin_prefetch(&m_facts[slots[i + kPrefetchDistance]]);
        if (may_reach(query_facts, m_facts[slots[i]], threshold_weight))
            passing.push_back(slots[i]);
    }
    for (std::size_t i = 0; i < passing.size(); ++i) {
        if (i + kPrefetchDistance < passing.size())
            prefetch_fields(*m_slots[passing[i + kPrefetchDistance]]);
        if (i + kPrefetchDistance / 2 < passing.size())
            prefetch_texts(*m_slots[passing[i + kPrefetchDistance / 2]]);
        const std::uint32_t slot = passing[i];
        const double min_weight =
            best.size() < top_k
                ? threshold_weight
                : std::max(threshold_weight, best.front().result.weight - kWeightRounding);
        if (!may_reach(query_facts, m_facts[slot], min_weight))
            continue;
        const PreparedPerson& person = *m_slots[slot];
        if (!query.id().empty() && person.id() == query.id())
            continue;
        auto result = score_pair_at_least(query, person, min_weight);
        if (!result || result->score < threshold)
            continue;
        Candidate candidate{std::string(person.id()), *result};
        if (best.size() == top_k) {
            if (!better(candidate, best.front()))
                continue;
            std::pop_heap(best.begin(), best.end(), better);
            best.back() = std::move(candidate);
        } else {
            best.push_back(std::move(candidate));
        }
        std::push_heap(best.begin(), best.end(), better);
    }
    std::sort_heap(best.begin(), best.end(), better);
    return best;
}

}  // namespace retorno::matching
