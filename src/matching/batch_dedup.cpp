#include "matching/batch_dedup.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <functional>
#include <thread>

#include "matching/blocking_keys.h"
#include "matching/malloc_array.h"
#include "matching/prefetch.h"
#include "matching/screening_facts.h"

namespace retorno::matching {

namespace {

// One filing of a person: 12 bytes, since a batch of a million people holds some thirty
// million. The key and the part are one 64-bit number (key above, part below) kept as two
// halves, so that the struct needs no 8-byte alignment.
struct Entry {
    std::uint32_t high;
    std::uint32_t low;
    std::uint32_t person;

    Entry(const BlockingKey& key, std::uint32_t who)
        : high(static_cast<std::uint32_t>(key.key >> (32 - kBlockingPartBits))),
          low(static_cast<std::uint32_t>(key.key << kBlockingPartBits) | key.part),
          person(who) {}
    std::uint64_t key() const {
        return ((static_cast<std::uint64_t>(high) << 32) | low) >> kBlockingPartBits;
    }
    std::uint32_t part() const { return low & ((1u << kBlockingPartBits) - 1); }
};
static_assert(sizeof(Entry) == 12);
static_assert(kBlockingKeyBits + kBlockingPartBits == 64);

// A stretch of the sorted entries whose people are compared with each other: a whole block,
// one part of a split block, or the part-0 people of a split block.
struct Range {
    std::uint32_t begin;
    std::uint32_t end;
};

// The blocks, and for each person the ranges it is compared within.
struct Blocks {
    MallocArray<Entry> entries;          // Sorted by (key, part, person); emptied once planned.
    MallocArray<std::uint32_t> members;  // The entries' people (ranks), once planned.
    std::vector<Range> ranges;
    std::vector<std::uint32_t> person_offset;  // Person p's ranges: person_ranges[offset[p]..].
    std::vector<std::uint32_t> person_ranges;
    std::array<std::uint64_t, 4> planned{};  // See BatchStats::planned.
};

// Wall seconds since it was made or last read.
class Lap {
  public:
    double seconds() {
        const auto now = std::chrono::steady_clock::now();
        const double elapsed = std::chrono::duration<double>(now - m_start).count();
        m_start = now;
        return elapsed;
    }

  private:
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
};

constexpr std::size_t kWhole = 0;
constexpr std::size_t kPartZero = 1;
constexpr std::size_t kMonth = 2;
constexpr std::size_t kMonthZero = 3;

// People entries[begin, end) are each compared within ranges[range].
struct Assignment {
    std::uint32_t range;
    std::uint32_t begin;
    std::uint32_t end;
};

// A range that a person is compared within, to all of its people rather than only the later
// ones (see Planner::block); set on the range's number in Blocks::person_ranges.
constexpr std::uint32_t kAnyOrder = 1u << 31;

// The plan being made: the blocks, the comparisons, and each person's birth month.
struct Planner {
    Blocks& blocks;
    std::vector<Assignment>& plan;
    const std::vector<std::uint8_t>& months;

    std::uint32_t add_range(std::uint32_t begin, std::uint32_t end) {
        blocks.ranges.push_back({begin, end});
        return static_cast<std::uint32_t>(blocks.ranges.size() - 1);
    }
    // People entries[begin, end) are each compared within `range` (possibly kAnyOrder);
    // counted by kind of stretch (see BatchStats::planned).
    void assign(std::size_t kind, std::uint32_t range, std::uint32_t begin, std::uint32_t end) {
        plan.push_back({range, begin, end});
        const Range r = blocks.ranges[range & ~kAnyOrder];
        blocks.planned[kind] += std::uint64_t{end - begin} * (r.end - r.begin);
    }
    std::uint8_t month(std::uint32_t entry) const { return months[blocks.entries[entry].person]; }

    // The stretch of each birth month in entries[s, e), which is sorted by month.
    std::array<Range, 13> month_stretches(std::uint32_t s, std::uint32_t e) const {
        std::array<Range, 13> out{};
        for (std::uint32_t m = s; m < e;) {
            std::uint32_t end = m;
            while (end < e && month(end) == month(m))
                ++end;
            out[month(m)] = {m, end};
            m = end;
        }
        return out;
    }

    // The people of entries[s, e) with each other: a part of a large block, sorted by birth
    // month. Over kSplitBlockSize people, split by month (see blocking_month), unless the
    // part is a month already: each month within itself and with the month-0 people, who are
    // compared with everyone (unless the part is over kMaxBlockSize).
    void within(std::uint32_t s, std::uint32_t e) {
        const std::size_t size = e - s;
        if (size < 2)
            return;
        if (size <= kSplitBlockSize || is_dated_part(blocks.entries[s].part())) {
            if (size <= kMaxBlockSize)
                assign(kWhole, add_range(s, e), s, e);
            return;
        }
        const auto stretch = month_stretches(s, e);
        const Range unplaced = stretch[0];
        const bool with_unplaced = unplaced.end > unplaced.begin && size <= kMaxBlockSize;
        std::uint32_t unplaced_range = 0;
        if (with_unplaced) {
            assign(kMonthZero, add_range(s, e), unplaced.begin, unplaced.end);
            unplaced_range = add_range(unplaced.begin, unplaced.end);
        } else if (unplaced.end - unplaced.begin >= 2 &&
                   unplaced.end - unplaced.begin <= kMaxBlockSize) {
            assign(kMonthZero, add_range(unplaced.begin, unplaced.end), unplaced.begin,
                   unplaced.end);
        }
        for (std::size_t m = 1; m <= 12; ++m) {
            const auto [begin, end] = stretch[m];
            if (end - begin >= 2 && end - begin <= kMaxBlockSize)
                assign(kMonth, add_range(begin, end), begin, end);
            if (with_unplaced && end > begin)
                assign(kMonthZero, unplaced_range, begin, end);
        }
    }

    // Plans the comparisons of one block entries[i, j) (see BlockingKey): a small block is
    // compared whole. A large one is split into its parts, each compared within itself (see
    // within), and with the block's part-0 people of the same birth month or of an unknown one
    // (all of them for a person of unknown month, or in a part that is a month), unless the
    // block is over kMaxBlockSize. The part-0 people are many people's candidates, and
    // comparing each with the whole block was most of a batch's work at 10^6: so it is the
    // others who are compared with them, in any order, and a pair met twice this way is
    // reported once (see run).
    void block(std::uint32_t i, std::uint32_t j) {
        const std::size_t size = j - i;
        if (size < 2)
            return;
        if (size <= kSplitBlockSize) {
            assign(kWhole, add_range(i, j), i, j);
            return;
        }
        auto* first = blocks.entries.data() + i;
        std::sort(first, first + size, [this](const Entry& x, const Entry& y) {
            if (x.part() != y.part())
                return x.part() < y.part();
            const auto mx = months[x.person];
            const auto my = months[y.person];
            return mx != my ? mx < my : x.person < y.person;
        });
        std::uint32_t zero_end = i;
        while (zero_end < j && blocks.entries[zero_end].part() == 0)
            ++zero_end;
        within(i, zero_end);
        const bool with_zero = zero_end > i && size <= kMaxBlockSize;
        const auto zero = month_stretches(i, zero_end);
        std::array<std::uint32_t, 13> zero_range{};
        std::array<bool, 13> has_zero_range{};
        const auto zero_month = [&](std::size_t m) {
            if (!has_zero_range[m]) {
                zero_range[m] = add_range(zero[m].begin, zero[m].end) | kAnyOrder;
                has_zero_range[m] = true;
            }
            return zero_range[m];
        };
        const std::uint32_t all_zero = with_zero ? add_range(i, zero_end) | kAnyOrder : 0;
        for (std::uint32_t s = zero_end; s < j;) {
            std::uint32_t e = s;
            while (e < j && blocks.entries[e].part() == blocks.entries[s].part())
                ++e;
            within(s, e);
            if (with_zero) {
                const auto stretch = month_stretches(s, e);
                const bool months_apart = !is_dated_part(blocks.entries[s].part());
                for (std::size_t m = 0; m <= 12; ++m) {
                    const auto [begin, end] = stretch[m];
                    if (begin == end)
                        continue;
                    if (m == 0 || !months_apart) {
                        assign(kPartZero, all_zero, begin, end);
                        continue;
                    }
                    if (zero[m].end > zero[m].begin)
                        assign(kPartZero, zero_month(m), begin, end);
                    if (zero[0].end > zero[0].begin)
                        assign(kPartZero, zero_month(0), begin, end);
                }
            }
            s = e;
        }
    }
};

// The people in an order that keeps each block's members close together in memory: by the
// birth year they are filed under, then by the phonetic key of their first surname and of
// their first given name, which most keys are made of. A batch compares each person with a few
// hundred others; visited in the order of their positions, those would be scattered over the
// whole batch, and waiting for memory was most of the time of a batch of a million. The order
// decides nothing else: a pair is compared when the two share a key, whatever their ranks.
std::vector<std::uint32_t> block_order(const std::vector<PreparedPerson>& people) {
    const auto first_word = [](std::string_view text) { return text.substr(0, text.find(' ')); };
    std::vector<std::pair<std::uint64_t, std::uint32_t>> keyed;
    keyed.reserve(people.size());
    for (std::uint32_t p = 0; p < people.size(); ++p) {
        const PreparedPerson& person = people[p];
        const auto year = static_cast<std::uint64_t>(blocking_birth_year(person.birth));
        const std::uint64_t surname =
            std::hash<std::string_view>{}(first_word(person.surname_key()));
        const std::uint64_t given = std::hash<std::string_view>{}(first_word(person.given_key()));
        keyed.emplace_back((year << 52) | ((surname & 0x3ffffff) << 26) | (given & 0x3ffffff), p);
    }
    std::sort(keyed.begin(), keyed.end());
    std::vector<std::uint32_t> order;
    order.reserve(people.size());
    for (const auto& [key, p] : keyed)
        order.push_back(p);
    return order;
}

// Files the people of ranks [begin, end) under their keys, at the end of `entries`.
void file_people(const std::vector<PreparedPerson>& people, std::uint32_t begin, std::uint32_t end,
                 MallocArray<Entry>& entries) {
    for (std::uint32_t rank = begin; rank < end; ++rank) {
        for (const BlockingKey& key : blocking_keys(people[rank]))
            entries.emplace_back(key, rank);
    }
}

bool entry_before(const Entry& x, const Entry& y) {
    if (x.high != y.high)
        return x.high < y.high;
    return x.low != y.low ? x.low < y.low : x.person < y.person;
}

// Sorts the entries by (key, part, person). With two workers or more, the entries are first
// parted by the top bit of their key (keys are hashes: about half and half) and each half is
// sorted on its own thread, so that no second copy of the entries is ever made.
void sort_entries(MallocArray<Entry>& entries, unsigned workers) {
    if (workers < 2) {
        std::sort(entries.begin(), entries.end(), entry_before);
        return;
    }
    const auto middle = std::partition(entries.begin(), entries.end(),
                                       [](const Entry& entry) { return (entry.high >> 31) == 0; });
    std::thread upper([&] { std::sort(middle, entries.end(), entry_before); });
    std::sort(entries.begin(), middle, entry_before);
    upper.join();
}

// Files the people under their keys; the people are in the order of their ranks, which the
// entries, the plan and the months name them by (see block_order). With two workers or more,
// the later half of the people is filed on a second thread, into entries of its own that are
// then appended.
Blocks build_blocks(const std::vector<PreparedPerson>& people, unsigned workers,
                    BatchStats& stats) {
    Lap lap;
    Blocks blocks;
    // A person is filed some 25 times. Reserving for more up front spares the copies that
    // growing would make, which at 10^6 people could briefly hold the entries twice; pages
    // reserved but never written take no memory.
    constexpr std::size_t kFilingsReserved = 40;
    blocks.entries.reserve(people.size() * kFilingsReserved);
    const auto total = static_cast<std::uint32_t>(people.size());
    if (workers < 2) {
        file_people(people, 0, total, blocks.entries);
    } else {
        const std::uint32_t half = total / 2;
        MallocArray<Entry> later((total - half) * kFilingsReserved);
        std::thread second([&] { file_people(people, half, total, later); });
        file_people(people, 0, half, blocks.entries);
        second.join();
        blocks.entries.append(later);
    }
    stats.filing_s = lap.seconds();
    sort_entries(blocks.entries, workers);
    stats.sorting_s = lap.seconds();
    std::vector<Assignment> plan;
    std::vector<std::uint8_t> months;
    months.reserve(people.size());
    for (const PreparedPerson& person : people)
        months.push_back(blocking_month(person));
    Planner planner{blocks, plan, months};
    const auto n = static_cast<std::uint32_t>(blocks.entries.size());
    for (std::uint32_t i = 0; i < n;) {
        std::uint32_t j = i;
        while (j < n && blocks.entries[j].key() == blocks.entries[i].key())
            ++j;
        planner.block(i, j);
        i = j;
    }
    // The comparisons need only who is where: a third of the entries' memory, written over
    // them so that the two are never held at once (with a vector, that moment was the batch's
    // peak: 961 MiB at 10^6 people, 880 MiB since). The entries go before each person's ranges
    // are listed, too.
    blocks.members =
        std::move(blocks.entries).convert_in_place<std::uint32_t>([](const Entry& entry) {
            return entry.person;
        });
    std::vector<std::uint32_t> count(people.size() + 1, 0);
    for (const auto& a : plan) {
        for (std::uint32_t k = a.begin; k < a.end; ++k)
            ++count[blocks.members[k] + 1];
    }
    for (std::size_t p = 1; p < count.size(); ++p)
        count[p] += count[p - 1];
    blocks.person_offset = count;
    blocks.person_ranges.resize(count.back());
    std::vector<std::uint32_t> fill(count.begin(), count.end() - 1);
    for (const auto& a : plan) {
        for (std::uint32_t k = a.begin; k < a.end; ++k)
            blocks.person_ranges[fill[blocks.members[k]]++] = a.range;
    }
    stats.planning_s = lap.seconds();
    return blocks;
}

// The people of a batch in rank order while it runs (see block_order), and back at their
// positions when it ends, however it ends. The pairs that reach the names read both people's
// texts; in the order of their positions, those would be scattered over the whole batch.
class RankedPeople {
  public:
    RankedPeople(std::vector<PreparedPerson>& people, const std::vector<std::uint32_t>& order)
        : m_people(people), m_order(order) {
        // Copied rather than moved, so that the texts too lie in rank order. The originals are
        // freed right after, before the blocks are made: holding both for a moment costs less
        // than the planning's peak.
        std::vector<PreparedPerson> ranked;
        ranked.reserve(people.size());
        for (const std::uint32_t position : order)
            ranked.push_back(people[position]);
        people.swap(ranked);
    }
    ~RankedPeople() {
        // The person of rank r goes back to position order[r], following each cycle of the
        // permutation; moves only.
        std::vector<bool> placed(m_order.size(), false);
        for (std::uint32_t start = 0; start < m_order.size(); ++start) {
            if (placed[start])
                continue;
            PreparedPerson carried = std::move(m_people[start]);
            for (std::uint32_t to = m_order[start]; to != start; to = m_order[to]) {
                std::swap(carried, m_people[to]);
                placed[to] = true;
            }
            m_people[start] = std::move(carried);
            placed[start] = true;
        }
    }
    RankedPeople(const RankedPeople&) = delete;
    RankedPeople& operator=(const RankedPeople&) = delete;

  private:
    std::vector<PreparedPerson>& m_people;
    const std::vector<std::uint32_t>& m_order;
};

}  // namespace

BatchDeduplicator::BatchDeduplicator(std::shared_ptr<const NameTables> tables)
    : m_tables(std::move(tables)) {}

Status BatchDeduplicator::add(const PersonRecord& record) {
    m_people.push_back(TRY(prepare_person(record, *m_tables)));
    return {};
}

std::vector<ScoredPair> BatchDeduplicator::run(double threshold, Threads threads,
                                               BatchStats* stats) {
    BatchStats measured;
    Lap lap;
    const std::vector<std::uint32_t> order = block_order(m_people);
    const RankedPeople ranked(m_people, order);
    measured.ordering_s = lap.seconds();
    const unsigned workers = std::max(1u, static_cast<unsigned>(threads));
    const Blocks blocks = build_blocks(m_people, workers, measured);
    lap.seconds();
    std::vector<ScreeningFacts> facts;
    facts.reserve(m_people.size());
    for (const PreparedPerson& person : m_people)
        facts.emplace_back(person);
    std::vector<std::vector<ScoredPair>> found(workers);
    std::vector<std::uint64_t> compared(workers, 0);
    std::vector<std::uint64_t> scored(workers, 0);
    std::atomic<std::uint32_t> next{0};
    const auto total = static_cast<std::uint32_t>(m_people.size());
    // Pairs far below the threshold are given up as soon as their weight cannot reach it.
    const double min_weight = weight_of_score(threshold) - kWeightRounding;
    constexpr std::uint32_t kChunk = 1024;
    constexpr std::uint32_t kPrefetchDistance = 8;
    auto work = [&](unsigned worker) {
        // seen[j] == p + 1 when j was already compared with p; both are ranks (see block_order).
        std::vector<std::uint32_t> seen(m_people.size(), 0);
        auto& out = found[worker];
        std::uint64_t count = 0;
        std::uint64_t scored_count = 0;
        std::vector<std::uint32_t> passing;  // The ranks that p is scored with.
        while (true) {
            const std::uint32_t begin = next.fetch_add(kChunk);
            if (begin >= total)
                break;
            const std::uint32_t end = std::min(total, begin + kChunk);
            for (std::uint32_t p = begin; p < end; ++p) {
                const ScreeningFacts screening = facts[p];
                for (std::uint32_t r = blocks.person_offset[p]; r < blocks.person_offset[p + 1];
                     ++r) {
                    const std::uint32_t tagged = blocks.person_ranges[r];
                    const Range range = blocks.ranges[tagged & ~kAnyOrder];
                    const std::uint32_t after = (tagged & kAnyOrder) != 0 ? 0 : p + 1;
                    for (std::uint32_t k = range.begin; k < range.end; ++k) {
                        const std::uint32_t q = blocks.members[k];
                        // The people a few visits ahead are known: their facts and their
                        // place in `seen` are fetched while this one is compared.
                        if (k + kPrefetchDistance < range.end) {
                            const std::uint32_t ahead = blocks.members[k + kPrefetchDistance];
                            __builtin_prefetch(&seen[ahead]);
                            __builtin_prefetch(&facts[ahead]);
                        }
                        if (q < after || q == p || seen[q] == p + 1)
                            continue;
                        seen[q] = p + 1;
                        ++count;
                        if (may_reach(screening, facts[q], min_weight))
                            passing.push_back(q);
                    }
                }
                // The people who pass the screening are scored in a second pass, so that their
                // fields and texts can be fetched a few people ahead, as the facts were.
                const std::size_t n = passing.size();
                scored_count += n;
                for (std::size_t i = 0; i < n; ++i) {
                    if (i + kPrefetchDistance < n)
                        prefetch_fields(m_people[passing[i + kPrefetchDistance]]);
                    if (i + kPrefetchDistance / 2 < n)
                        prefetch_texts(m_people[passing[i + kPrefetchDistance / 2]]);
                    const std::uint32_t q = passing[i];
                    auto result = score_pair_at_least(m_people[p], m_people[q], min_weight);
                    if (result && result->score >= threshold) {
                        const std::uint32_t x = order[p];
                        const std::uint32_t y = order[q];
                        out.push_back(
                            ScoredPair{std::min(x, y), std::max(x, y), std::move(*result)});
                    }
                }
                passing.clear();
            }
        }
        compared[worker] = count;
        scored[worker] = scored_count;
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
    // A pair met from both sides (see Planner::block) is reported once.
    pairs.erase(std::unique(pairs.begin(), pairs.end(),
                            [](const ScoredPair& x, const ScoredPair& y) {
                                return x.a == y.a && x.b == y.b;
                            }),
                pairs.end());
    measured.comparing_s = lap.seconds();
    if (stats != nullptr) {
        *stats = measured;
        stats->entries = blocks.members.size();
        stats->ranges = blocks.ranges.size();
        stats->planned = blocks.planned;
        for (unsigned w = 0; w < workers; ++w) {
            stats->compared_pairs += compared[w];
            stats->scored_pairs += scored[w];
        }
    }
    return pairs;
}

}  // namespace retorno::matching
