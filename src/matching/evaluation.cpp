#include "matching/evaluation.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <unordered_map>

#include "matching/person_index.h"

namespace retorno::matching {

std::vector<DedupQuality> dedup_quality(const std::vector<ScoredPair>& pairs,
                                        const std::vector<std::string>& clusters,
                                        const std::vector<double>& thresholds) {
    std::unordered_map<std::string, std::size_t> sizes;
    for (const auto& cluster : clusters)
        ++sizes[cluster];
    std::size_t true_pairs = 0;
    for (const auto& [cluster, size] : sizes)
        true_pairs += size * (size - 1) / 2;
    std::vector<DedupQuality> out;
    for (double threshold : thresholds) {
        DedupQuality q;
        q.threshold = threshold;
        q.true_pairs = true_pairs;
        for (const auto& pair : pairs) {
            if (pair.result.score < threshold)
                continue;
            ++q.predicted_pairs;
            if (clusters[pair.a] == clusters[pair.b])
                ++q.correct_pairs;
        }
        q.precision = q.predicted_pairs == 0 ? 1.0
                                             : static_cast<double>(q.correct_pairs) /
                                                   static_cast<double>(q.predicted_pairs);
        q.recall = true_pairs == 0
                       ? 1.0
                       : static_cast<double>(q.correct_pairs) / static_cast<double>(true_pairs);
        q.f1 = q.precision + q.recall == 0 ? 0.0
                                           : 2 * q.precision * q.recall / (q.precision + q.recall);
        out.push_back(q);
    }
    return out;
}

std::vector<std::size_t> tracing_requests(const std::vector<std::string>& ids,
                                          const std::vector<std::string>& clusters) {
    std::unordered_map<std::string, std::pair<std::size_t, std::size_t>> by_cluster;  // count, max
    for (std::size_t i = 0; i < ids.size(); ++i) {
        auto [it, inserted] = by_cluster.try_emplace(clusters[i], 0, i);
        ++it->second.first;
        if (ids[i] > ids[it->second.second])
            it->second.second = i;
    }
    std::vector<std::size_t> requests;
    for (const auto& [cluster, entry] : by_cluster) {
        if (entry.first >= 2)
            requests.push_back(entry.second);
    }
    std::sort(requests.begin(), requests.end());
    return requests;
}

TracingQuality tracing_quality(const std::vector<PersonRecord>& records,
                               const std::vector<std::string>& clusters,
                               std::shared_ptr<const NameTables> tables, double threshold) {
    std::vector<std::string> ids;
    ids.reserve(records.size());
    for (const auto& record : records)
        ids.push_back(record.id);
    const auto requests = tracing_requests(ids, clusters);
    std::vector<bool> is_request(records.size(), false);
    for (std::size_t r : requests)
        is_request[r] = true;
    PersonIndex index(tables);
    std::unordered_map<std::string, std::size_t> position;
    for (std::size_t i = 0; i < records.size(); ++i) {
        position[records[i].id] = i;
        if (!is_request[i])
            (void)index.upsert(records[i]);
    }
    TracingQuality q;
    q.threshold = threshold;
    q.requests = requests.size();
    std::size_t hits_1 = 0;
    std::size_t hits_5 = 0;
    for (std::size_t r : requests) {
        const auto start = std::chrono::steady_clock::now();
        auto found = index.candidates(records[r], 5, threshold);
        const auto stop = std::chrono::steady_clock::now();
        q.latencies_ms.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
        bool hit = false;
        for (std::size_t k = 0; found && k < found->size(); ++k) {
            if (clusters[position[(*found)[k].id]] == clusters[r]) {
                if (k == 0)
                    ++hits_1;
                ++hits_5;
                hit = true;
                break;
            }
        }
        if (!hit)
            q.missed.push_back(r);
    }
    if (!requests.empty()) {
        q.recall_at_1 = static_cast<double>(hits_1) / static_cast<double>(requests.size());
        q.recall_at_5 = static_cast<double>(hits_5) / static_cast<double>(requests.size());
    }
    return q;
}

double quantile(std::vector<double> values, double q) {
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size())));
    return values[std::min(values.size() - 1, rank == 0 ? 0 : rank - 1)];
}

}  // namespace retorno::matching
