#pragma once

#include <memory>
#include <string>
#include <vector>

#include "matching/batch_dedup.h"
#include "matching/name_tables.h"
#include "matching/person_record.h"

namespace retorno::matching {

// Quality of the matcher on a labelled set, where records with the same cluster are the same
// person. Used by `retorno match-eval` and bench/matching; independent of where the labels
// come from.

struct DedupQuality {
    double threshold = 0;
    std::size_t true_pairs = 0;       // Pairs of records of the same cluster.
    std::size_t predicted_pairs = 0;  // Pairs reported at this threshold.
    std::size_t correct_pairs = 0;    // Reported pairs that are the same cluster.
    double precision = 0;
    double recall = 0;
    double f1 = 0;
};

// Pairwise precision, recall and F1 of `pairs` (a batch run at the lowest threshold) at each
// threshold. `clusters[i]` labels the batch's record i.
std::vector<DedupQuality> dedup_quality(const std::vector<ScoredPair>& pairs,
                                        const std::vector<std::string>& clusters,
                                        const std::vector<double>& thresholds);

// The tracing requests of a labelled set: for each cluster of two records or more, its record
// with the greatest id stands for a family's request, and the others stay in the register.
// Returns the positions of the requests. The same rule is used by the PostgreSQL benchmark.
std::vector<std::size_t> tracing_requests(const std::vector<std::string>& ids,
                                          const std::vector<std::string>& clusters);

struct TracingQuality {
    double threshold = 0;
    std::size_t requests = 0;
    double recall_at_1 = 0;            // Share of requests whose best candidate is the same person.
    double recall_at_5 = 0;            // ... whose five best candidates include the same person.
    std::vector<double> latencies_ms;  // One per request, in request order.
    std::vector<std::size_t> missed;   // Requests whose five best do not include the person.
};

// Indexes every record that is not a request, then asks the index for each request's five best
// candidates at `threshold`, timing each query.
TracingQuality tracing_quality(const std::vector<PersonRecord>& records,
                               const std::vector<std::string>& clusters,
                               std::shared_ptr<const NameTables> tables, double threshold);

// The q-quantile (0..1) of `values`, by the nearest-rank method.
double quantile(std::vector<double> values, double q);

}  // namespace retorno::matching
