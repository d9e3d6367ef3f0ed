#include "matching/batch_dedup.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "matching/blocking_keys.h"

namespace retorno::matching {

namespace {

struct Entry {
    std::uint64_t key;
    std::uint32_t person;
};

// Runs of equal keys in the sorted entries, and for each person the runs it belongs to.
struct Blocks {
    std::vector<Entry> entries;                // Sorted by (key, person).
    std::vector<std::uint32_t> run_start;      // Run r spans [run_start[r], run_start[r + 1]).
    std::vector<std::uint32_t> person_offset;  // Person p's runs: person_runs[offset[p]..].
    std::vector<std::uint32_t> person_runs;
};

Blocks build_blocks(const std::vector<PreparedPerson>& people) {
    Blocks blocks;
    for (std::uint32_t p = 0; p < people.size(); ++p) {
        for (std::uint64_t key : blocking_keys(people[p]))
            blocks.entries.push_back({key, p});
    }
    std::sort(blocks.entries.begin(), blocks.entries.end(), [](const Entry& x, const Entry& y) {
        return x.key != y.key ? x.key < y.key : x.person < y.person;
    });
    std::vector<std::uint32_t> count(people.size() + 1, 0);
    const auto n = static_cast<std::uint32_t>(blocks.entries.size());
    for (std::uint32_t i = 0; i < n;) {
        std::uint32_t j = i;
        while (j < n && blocks.entries[j].key == blocks.entries[i].key)
            ++j;
        blocks.run_start.push_back(i);
        // A run of one person pairs with nobody; a huge run is skipped (see kMaxBlockSize).
        if (j - i >= 2 && j - i <= kMaxBlockSize) {
            for (std::uint32_t k = i; k < j; ++k)
                ++count[blocks.entries[k].person + 1];
        }
        i = j;
    }
    blocks.run_start.push_back(n);
    for (std::size_t p = 1; p < count.size(); ++p)
        count[p] += count[p - 1];
    blocks.person_offset = count;
    blocks.person_runs.resize(count.back());
    std::vector<std::uint32_t> fill(count.begin(), count.end() - 1);
    for (std::uint32_t r = 0; r + 1 < blocks.run_start.size(); ++r) {
        const std::uint32_t i = blocks.run_start[r];
        const std::uint32_t j = blocks.run_start[r + 1];
        if (j - i < 2 || j - i > kMaxBlockSize)
            continue;
        for (std::uint32_t k = i; k < j; ++k) {
            blocks.person_runs[fill[blocks.entries[k].person]++] = r;
        }
    }
    return blocks;
}

}  // namespace

BatchDeduplicator::BatchDeduplicator(std::shared_ptr<const NameTables> tables)
    : m_tables(std::move(tables)) {}

Status BatchDeduplicator::add(const PersonRecord& record) {
    m_people.push_back(TRY(prepare_person(record, *m_tables)));
    return {};
}

std::vector<ScoredPair> BatchDeduplicator::run(double threshold, Threads threads) const {
    const Blocks blocks = build_blocks(m_people);
    const unsigned workers = std::max(1u, static_cast<unsigned>(threads));
    std::vector<std::vector<ScoredPair>> found(workers);
    std::atomic<std::uint32_t> next{0};
    const auto total = static_cast<std::uint32_t>(m_people.size());
    constexpr std::uint32_t kChunk = 1024;
    auto work = [&](unsigned worker) {
        // seen[j] == p + 1 when j was already compared with p.
        std::vector<std::uint32_t> seen(m_people.size(), 0);
        auto& out = found[worker];
        while (true) {
            const std::uint32_t begin = next.fetch_add(kChunk);
            if (begin >= total)
                break;
            const std::uint32_t end = std::min(total, begin + kChunk);
            for (std::uint32_t p = begin; p < end; ++p) {
                for (std::uint32_t r = blocks.person_offset[p]; r < blocks.person_offset[p + 1];
                     ++r) {
                    const std::uint32_t run = blocks.person_runs[r];
                    for (std::uint32_t k = blocks.run_start[run]; k < blocks.run_start[run + 1];
                         ++k) {
                        const std::uint32_t q = blocks.entries[k].person;
                        if (q <= p || seen[q] == p + 1)
                            continue;
                        seen[q] = p + 1;
                        MatchResult result = score_pair(m_people[p], m_people[q]);
                        if (result.score >= threshold)
                            out.push_back(ScoredPair{p, q, result});
                    }
                }
            }
        }
    };
    std::vector<std::thread> pool;
    for (unsigned w = 1; w < workers; ++w)
        pool.emplace_back(work, w);
    work(0);
    for (auto& thread : pool)
        thread.join();
    std::vector<ScoredPair> pairs;
    for (auto& part : found)
        pairs.insert(pairs.end(), part.begin(), part.end());
    std::sort(pairs.begin(), pairs.end(), [](const ScoredPair& x, const ScoredPair& y) {
        return x.a != y.a ? x.a < y.a : x.b < y.b;
    });
    return pairs;
}

}  // namespace retorno::matching
