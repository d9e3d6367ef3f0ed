#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_map>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/output_file.h"
#include "core/time.h"
#include "matching/batch_dedup.h"
#include "matching/blocking_keys.h"
#include "matching/csv.h"
#include "matching/evaluation.h"
#include "matching/person_csv.h"
#include "matching/person_index.h"
#include "service/case_person_record.h"
#include "synthetic/labelled_persons.h"

// dedup, match and match-eval: the matcher of src/matching on CSV files (see docs/matching.md).
namespace retorno::cli {

namespace {

using namespace retorno::matching;

struct DedupOptions {
    std::string input;
    std::string output;
    std::optional<double> threshold;  // Unset: default_threshold of the register's size.
    unsigned threads = 0;
};

struct MatchOptions {
    std::string input;
    std::string against;
    std::string output;
    std::size_t top = 5;
    // A tracing request lists its best candidates however weak: a missed child costs more than
    // a candidate too many, and the ranks and reasons tell the strong from the weak.
    double threshold = 0.0;
};

struct EvalOptions {
    std::uint64_t seed = 1;
    std::size_t persons = 10000;
    std::string input;
    std::string truth;
    std::size_t show_errors = 0;
};

Threads thread_count(unsigned requested) {
    const unsigned available = std::max(1u, std::thread::hardware_concurrency());
    return Threads{requested == 0 ? available : requested};
}

std::string format_score(double score) {
    char text[16];
    std::snprintf(text, sizeof text, "%.4f", score);
    return text;
}

// Refused input is exit status 1 and names the place; an unreadable or unwritable file is 2.
int refuse(const Error& error) {
    std::cerr << "retorno: " << error.message << "\n";
    return error.code == ErrorCode::InvalidInput ? 1 : 2;
}

Result<std::shared_ptr<const NameTables>> load_tables() {
    auto tables = NameTables::standard();
    if (!tables) {
        return fail(Error::make(ErrorCode::Unavailable,
                                "the matching tables cannot be loaded: " + tables.error().message));
    }
    return tables;
}

Result<std::ifstream> open_input(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return fail(Error::make(ErrorCode::Unavailable, "cannot read " + path));
    return in;
}

int run_dedup(const DedupOptions& options) {
    auto tables = load_tables();
    if (!tables)
        return refuse(tables.error());
    auto in = open_input(options.input);
    if (!in)
        return refuse(in.error());
    // Opened first, so that an unwritable path is refused before the batch's work.
    auto out = OutputFile::create(options.output);
    if (!out)
        return refuse(out.error());
    BatchDeduplicator batch(*tables);
    auto status = read_person_csv(
        *in, options.input, [&](PersonRecord&& record, std::size_t) { return batch.add(record); });
    if (!status)
        return refuse(status.error());
    const double threshold = options.threshold.value_or(default_threshold(batch.size()));
    const auto pairs = batch.run(threshold, thread_count(options.threads));
    write_csv_row(out->stream(), {"id_a", "id_b", "score", "reasons"});
    for (const auto& pair : pairs) {
        const std::string score = format_score(pair.result.score);
        const std::string reasons = pair.result.reasons_text();
        write_csv_row(out->stream(),
                      {batch.person(pair.a).id(), batch.person(pair.b).id(), score, reasons});
    }
    if (auto committed = out->commit(); !committed)
        return refuse(committed.error());
    std::cout << batch.size() << " persons read, " << pairs.size()
              << " likely duplicate pairs at threshold " << format_score(threshold)
              << " written to " << options.output << "\n";
    return 0;
}

int run_match(const MatchOptions& options) {
    auto tables = load_tables();
    if (!tables)
        return refuse(tables.error());
    auto persons = open_input(options.against);
    if (!persons)
        return refuse(persons.error());
    PersonIndex index(*tables);
    auto status =
        read_person_csv(*persons, options.against,
                        [&](PersonRecord&& record, std::size_t) { return index.upsert(record); });
    if (!status)
        return refuse(status.error());
    auto requests = open_input(options.input);
    if (!requests)
        return refuse(requests.error());
    auto out = OutputFile::create(options.output);
    if (!out)
        return refuse(out.error());
    write_csv_row(out->stream(), {"request_id", "person_id", "rank", "score", "reasons"});
    std::size_t request_count = 0;
    std::size_t without_candidate = 0;
    status = read_person_csv(
        *requests, options.input, [&](PersonRecord&& request, std::size_t) -> Status {
            // The request's id names the request, not a person of the register.
            const std::string request_id = std::move(request.id);
            request.id.clear();
            auto found = TRY(index.candidates(request, options.top, options.threshold));
            ++request_count;
            if (found.empty())
                ++without_candidate;
            for (std::size_t rank = 0; rank < found.size(); ++rank) {
                const std::string rank_text = std::to_string(rank + 1);
                const std::string score = format_score(found[rank].result.score);
                const std::string reasons = found[rank].result.reasons_text();
                write_csv_row(out->stream(),
                              {request_id, found[rank].id, rank_text, score, reasons});
            }
            return Status{};
        });
    if (!status)
        return refuse(status.error());
    if (auto committed = out->commit(); !committed)
        return refuse(committed.error());
    std::cout << request_count << " requests matched against " << index.size() << " persons; "
              << without_candidate << " without any candidate at threshold " << options.threshold
              << "; written to " << options.output << "\n";
    return 0;
}

PersonRecord record_of(const synthetic::LabelledPerson& labelled) {
    PersonRecord r = person_record_of(labelled.person, labelled.id);
    r.mother_name = labelled.mother_name;
    r.birth_place = labelled.birth_place;
    return r;
}

// The labelled set: generated from the seed, or read from a persons file and its truth file.
Result<std::pair<std::vector<PersonRecord>, std::vector<std::string>>> labelled_set(
    const EvalOptions& options) {
    std::vector<PersonRecord> records;
    std::vector<std::string> clusters;
    if (options.input.empty()) {
        const auto set = synthetic::make_labelled_persons(options.seed, options.persons, 0.3);
        for (const auto& labelled : set.records) {
            records.push_back(record_of(labelled));
            clusters.push_back(labelled.cluster);
        }
        return std::pair{std::move(records), std::move(clusters)};
    }
    auto in = TRY(open_input(options.input));
    TRY_STATUS(read_person_csv(in, options.input, [&](PersonRecord&& record, std::size_t) {
        records.push_back(std::move(record));
        return Status{};
    }));
    auto truth_in = TRY(open_input(options.truth));
    auto truth = TRY(synthetic::read_truth_csv(truth_in));
    std::unordered_map<std::string, std::string> cluster_of(truth.begin(), truth.end());
    for (const auto& record : records) {
        auto it = cluster_of.find(record.id);
        if (it == cluster_of.end()) {
            return fail(Error::invalid("", options.truth + " has no cluster for " + record.id));
        }
        clusters.push_back(it->second);
    }
    return std::pair{std::move(records), std::move(clusters)};
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// One record of a labelled set on one line, for reading the matcher's errors (synthetic data
// only: `--show-errors` is for generated or test sets).
std::string describe(const PersonRecord& r, const std::string& cluster) {
    std::string out = r.id + " [" + cluster + "] " + r.first_name;
    if (!r.middle_name.empty())
        out += " / " + r.middle_name;
    out += " | " + r.second_name + " | " + (r.birthdate.empty() ? "-" : r.birthdate);
    if (!r.age_estimate.empty())
        out += " (age " + r.age_estimate + " on " + r.age_estimate_date + ")";
    out +=
        " | " + (r.gender.empty() ? std::string("-") : r.gender.substr(0, 1)) + " " + r.nationality;
    if (!r.mother_name.empty())
        out += " | mother " + r.mother_name;
    if (!r.birth_place.empty())
        out += " | " + r.birth_place;
    return out;
}

bool share_a_key(const PreparedPerson& a, const PreparedPerson& b) {
    return meet_in_any_part(a, b);
}

// Prints up to `count` false positives and false negatives of the batch at `threshold`, each
// with the two records, the score and the reasons, and whether the pair meets in a block (a
// false negative that meets in none was never compared).
void print_dedup_errors(const BatchDeduplicator& batch, const std::vector<PersonRecord>& records,
                        const std::vector<std::string>& clusters,
                        const std::vector<ScoredPair>& pairs, double threshold, std::size_t count) {
    std::set<std::pair<std::uint32_t, std::uint32_t>> reported;
    std::size_t shown = 0;
    std::printf("\nfalse positives at %.3f:\n", threshold);
    for (const auto& pair : pairs) {
        if (pair.result.score < threshold)
            continue;
        reported.emplace(pair.a, pair.b);
        if (clusters[pair.a] == clusters[pair.b] || shown >= count)
            continue;
        ++shown;
        std::printf("  %.3f %s\n        %s\n        %s\n", pair.result.score,
                    pair.result.reasons_text().c_str(),
                    describe(records[pair.a], clusters[pair.a]).c_str(),
                    describe(records[pair.b], clusters[pair.b]).c_str());
    }
    std::unordered_map<std::string, std::vector<std::uint32_t>> members;
    for (std::uint32_t i = 0; i < clusters.size(); ++i)
        members[clusters[i]].push_back(i);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> missed;
    for (const auto& [cluster, list] : members) {
        for (std::size_t i = 0; i < list.size(); ++i) {
            for (std::size_t j = i + 1; j < list.size(); ++j) {
                if (!reported.contains({list[i], list[j]}))
                    missed.emplace_back(list[i], list[j]);
            }
        }
    }
    std::sort(missed.begin(), missed.end());
    std::printf("\nfalse negatives at %.3f (%zu):\n", threshold, missed.size());
    for (std::size_t k = 0; k < missed.size() && k < count; ++k) {
        const auto [a, b] = missed[k];
        const auto result = score_pair(batch.person(a), batch.person(b));
        std::printf("  %.3f %s%s\n        %s\n        %s\n", result.score,
                    share_a_key(batch.person(a), batch.person(b)) ? "" : "[never compared] ",
                    result.reasons_text().c_str(), describe(records[a], clusters[a]).c_str(),
                    describe(records[b], clusters[b]).c_str());
    }
}

int run_match_eval(const EvalOptions& options) {
    auto tables = load_tables();
    if (!tables)
        return refuse(tables.error());
    auto set = labelled_set(options);
    if (!set)
        return refuse(set.error());
    const auto& [records, clusters] = *set;
    auto start = std::chrono::steady_clock::now();
    BatchDeduplicator batch(*tables);
    for (const auto& record : records) {
        if (auto status = batch.add(record); !status) {
            return refuse(Error::invalid("", record.id + ": " + status.error().message));
        }
    }
    const double prepare_s = seconds_since(start);
    start = std::chrono::steady_clock::now();
    // The usual thresholds and the default for a register of this size (marked).
    const double by_size = default_threshold(records.size());
    std::vector<double> thresholds{0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95};
    if (std::find(thresholds.begin(), thresholds.end(), by_size) == thresholds.end()) {
        thresholds.insert(std::upper_bound(thresholds.begin(), thresholds.end(), by_size), by_size);
    }
    const auto pairs = batch.run(thresholds.front(), thread_count(0));
    const double dedup_s = seconds_since(start);
    std::set<std::string> distinct(clusters.begin(), clusters.end());
    std::printf("%zu records of %zu people; prepared in %.2f s, batch dedup in %.2f s\n\n",
                records.size(), distinct.size(), prepare_s, dedup_s);
    std::printf("dedup      threshold  precision  recall  F1      pairs   (* the default here)\n");
    for (const auto& q : dedup_quality(pairs, clusters, thresholds)) {
        std::printf("         %s %9.3f  %9.4f  %6.4f  %6.4f  %zu\n",
                    q.threshold == by_size ? "*" : " ", q.threshold, q.precision, q.recall, q.f1,
                    q.predicted_pairs);
    }
    std::printf("\ntracing    threshold  requests  recall@1  recall@5  p50 ms  p99 ms\n");
    std::vector<std::size_t> missed;
    for (double threshold : {0.0, 0.2, kDefaultThreshold}) {
        const auto q = tracing_quality(records, clusters, *tables, threshold);
        std::printf("           %9.2f  %8zu  %8.4f  %8.4f  %6.3f  %6.3f\n", threshold, q.requests,
                    q.recall_at_1, q.recall_at_5, quantile(q.latencies_ms, 0.5),
                    quantile(q.latencies_ms, 0.99));
        missed = q.missed;
    }
    if (options.show_errors > 0) {
        print_dedup_errors(batch, records, clusters, pairs, by_size, options.show_errors);
        std::printf("\ntracing misses at %.2f (%zu):\n", kDefaultThreshold, missed.size());
        for (std::size_t k = 0; k < missed.size() && k < options.show_errors; ++k) {
            const auto r = missed[k];
            std::printf("  request %s\n", describe(records[r], clusters[r]).c_str());
            for (std::size_t i = 0; i < records.size(); ++i) {
                if (i != r && clusters[i] == clusters[r]) {
                    const auto result = score_pair(batch.person(r), batch.person(i));
                    std::printf(
                        "    %.3f %s%s\n        %s\n", result.score,
                        share_a_key(batch.person(r), batch.person(i)) ? "" : "[never compared] ",
                        result.reasons_text().c_str(), describe(records[i], clusters[i]).c_str());
                }
            }
        }
    }
    return 0;
}

}  // namespace

void add_matching_commands(CLI::App& app, CliContext& context) {
    auto dedup = std::make_shared<DedupOptions>();
    auto* d = app.add_subcommand("dedup", "Find likely duplicate persons in a persons CSV");
    d->add_option("--input", dedup->input, "Persons CSV (HTCDS columns)")->required();
    d->add_option("--output", dedup->output, "Pairs CSV: id_a,id_b,score,reasons")->required();
    d->add_option("--threshold", dedup->threshold,
                  "Lowest score reported (0..1); by default 0.5 up to 1000000 persons, higher "
                  "for larger registers (docs/matching.md)")
        ->check(CLI::Range(0.0, 1.0));
    d->add_option("--threads", dedup->threads, "Worker threads (0: one per core)");
    d->callback([dedup, &context] { context.exit_code = run_dedup(*dedup); });

    auto match = std::make_shared<MatchOptions>();
    auto* m = app.add_subcommand("match", "Find, for each tracing request, its likeliest persons");
    m->add_option("--input", match->input, "Requests CSV (HTCDS columns)")->required();
    m->add_option("--against", match->against, "Persons CSV (HTCDS columns)")->required();
    m->add_option("--output", match->output, "Matches CSV: request_id,person_id,rank,score,reasons")
        ->required();
    m->add_option("--top", match->top, "Candidates per request")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str();
    m->add_option("--threshold", match->threshold, "Lowest score reported (0..1)")
        ->check(CLI::Range(0.0, 1.0))
        ->capture_default_str();
    m->callback([match, &context] { context.exit_code = run_match(*match); });

    auto eval = std::make_shared<EvalOptions>();
    auto* e = app.add_subcommand("match-eval",
                                 "Measure dedup and tracing quality on a labelled synthetic set");
    e->add_option("--seed", eval->seed, "Seed of the generator")->capture_default_str();
    e->add_option("--persons", eval->persons, "Records to generate")->capture_default_str();
    auto* input =
        e->add_option("--input", eval->input, "Persons CSV to use instead of generating one");
    e->add_option("--truth", eval->truth, "Truth CSV (id,cluster) for --input")->needs(input);
    input->needs(e->get_option("--truth"));
    e->add_option("--show-errors", eval->show_errors,
                  "Print this many false positives, false negatives and tracing misses "
                  "(synthetic sets only: the records are printed)");
    e->callback([eval, &context] { context.exit_code = run_match_eval(*eval); });
}

}  // namespace retorno::cli
