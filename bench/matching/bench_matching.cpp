// Measures the matcher on a synthetic labelled set, for docs/performance.md (section Matching).
//
//   bench_matching generate --persons N --seed S --dir D
//       writes D/persons.csv (HTCDS columns), D/truth.csv (id,cluster) and D/requests.csv (the
//       ids that stand for tracing requests; the same rule as `retorno match-eval`).
//   bench_matching run --dir D [--threshold T] [--also T1,T2,...] [--threads K] [--tracing 0|1]
//       prints one "key value" line per figure (T: by default the register size's, see
//       default_threshold): index build, batch dedup time and peak memory,
//       dedup precision/recall/F1 (at T, and at each higher threshold of --also, from the same
//       batch), tracing recall@1/@5 and query p50/p99 (unless --tracing 0). With --explain E
//       (above T), also the commonest reason lists of the false positives at E and of the true
//       pairs scored between T and E. --query-threshold Q: the tracing queries' lowest score
//       (default 0, as `retorno match`); --dedup 0: tracing only.
//   bench_matching frequencies --persons N --seed S
//       prints matching/name_frequencies.tsv: among N people drawn by the generator (originals
//       only, no variants), how many per million have each given name among their given
//       names, and each pair of given names as their whole given names ("maria jose"); and how
//       many surname words per million are each surname.
#include <sys/resource.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <unordered_map>

#include "core/time.h"
#include "matching/batch_dedup.h"
#include "matching/csv.h"
#include "matching/evaluation.h"
#include "matching/person_csv.h"
#include "matching/person_index.h"
#include "matching/text_fold.h"
#include "synthetic/labelled_persons.h"

using namespace retorno;
using namespace retorno::matching;

namespace {

// Peak resident memory of this process so far, in MiB (VmHWM).
double peak_rss_mib() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);) {
        if (line.rfind("VmHWM:", 0) == 0)
            return std::atof(line.c_str() + 6) / 1024.0;
    }
    return 0;
}

// CPU seconds used by this process so far (all threads, user and system): on a shared machine
// the wall-clock times depend on the others' load, this much less.
double cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string argument(int argc, char** argv, const char* name, const char* fallback) {
    for (int i = 2; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], name) == 0)
            return argv[i + 1];
    }
    return fallback;
}

// Writes one file of the labelled set with `write`; false, with the reason on stderr, when it
// cannot be written completely.
template <class Write>
bool write_file(const std::string& path, Write write) {
    std::ofstream out(path, std::ios::binary);
    if (out)
        write(out);
    out.close();
    if (!out) {
        std::fprintf(stderr, "bench_matching: cannot write %s (does the folder exist?)\n",
                     path.c_str());
        return false;
    }
    return true;
}

int generate(const std::string& dir, std::size_t persons, std::uint64_t seed) {
    const auto set = synthetic::make_labelled_persons(seed, persons, 0.3);
    std::vector<std::string> ids;
    std::vector<std::string> clusters;
    for (const auto& record : set.records) {
        ids.push_back(record.id);
        clusters.push_back(record.cluster);
    }
    const bool written =
        write_file(dir + "/persons.csv",
                   [&](std::ostream& out) { synthetic::write_persons_csv(out, set); }) &&
        write_file(dir + "/truth.csv",
                   [&](std::ostream& out) { synthetic::write_truth_csv(out, set); }) &&
        write_file(dir + "/requests.csv", [&](std::ostream& out) {
            out << "id\n";
            for (std::size_t r : tracing_requests(ids, clusters))
                out << ids[r] << "\n";
        });
    if (!written)
        return 1;
    std::printf("generated %zu records in %s\n", set.records.size(), dir.c_str());
    return 0;
}

// One line per name, commonest first, per million of `total`. Names rarer than one in ten
// thousand are left out: the matcher treats a name that is not listed as rare, and weighs all
// rare names alike.
void print_shares(const char* part, const std::map<std::string, std::size_t>& counts,
                  std::size_t total) {
    std::vector<std::pair<std::size_t, std::string>> rows;
    for (const auto& [name, count] : counts) {
        const std::size_t per_million = (count * 1000000 + total / 2) / total;
        if (per_million >= 100)
            rows.emplace_back(per_million, folded_to_utf8(name));
    }
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto& x, const auto& y) { return x.first > y.first; });
    for (const auto& [per_million, name] : rows)
        std::printf("%s\t%s\t%zu\n", part, name.c_str(), per_million);
}

int frequencies(std::size_t persons, std::uint64_t seed) {
    synthetic::LabelledPersonsOptions options;
    options.count = persons;
    options.duplicate_rate = 0;
    options.sibling_rate = 0;
    options.namesake_rate = 0;
    const auto set = synthetic::make_labelled_persons(seed, options);
    auto tables = *NameTables::standard();
    std::map<std::string, std::size_t> given;
    std::map<std::string, std::size_t> surnames;
    for (const auto& record : set.records) {
        PersonRecord row;
        row.first_name = record.person.first_name;
        row.middle_name = record.person.middle_name;
        row.second_name = record.person.second_name;
        auto prepared = prepare_person(row, *tables);
        if (!prepared) {
            std::cerr << prepared.error().message << "\n";
            return 1;
        }
        const Words words = split_words(prepared->given());
        for (std::size_t i = 0; i < words.size; ++i) {
            bool repeated = false;
            for (std::size_t j = 0; j < i; ++j)
                repeated = repeated || words[j] == words[i];
            if (!repeated)
                ++given[std::string(words[i])];
        }
        if (words.size >= 2)
            ++given[std::string(prepared->given())];
        for (auto word : split_words(prepared->surnames()))
            ++surnames[std::string(word)];
    }
    std::printf(
        "# How common names are: per million people, how many have a given name among their\n"
        "# given names (\"maría\"), or a pair as their given names (\"maría josé\"); per million\n"
        "# surname words, how many are a surname. Agreeing on a common name is weaker evidence\n"
        "# of the same person than agreeing on a rare one (see docs/matching.md, step 4). Fixed\n"
        "# per release, never computed from the register being matched, so that a pair's score\n"
        "# depends on the two records only. Accents are optional; a name that is not listed\n"
        "# (here: rarer than 100 per million) counts as rare.\n"
        "# Made by `bench_matching frequencies --persons %zu --seed %llu` from the synthetic\n"
        "# generator's tables (names/*.tsv); a deployment may replace it with the name statistics\n"
        "# of the civil registries it serves, in the same format.\n"
        "# part\tname\tper_million\n",
        persons, static_cast<unsigned long long>(seed));
    print_shares("given", given, set.records.size());
    std::size_t surname_words = 0;
    for (const auto& [name, count] : surnames)
        surname_words += count;
    print_shares("surname", surnames, surname_words);
    return 0;
}

// "0.6,0.8" as numbers; an empty text gives none.
std::vector<double> numbers(const std::string& text) {
    std::vector<double> out;
    for (std::size_t start = 0; start < text.size();) {
        std::size_t end = text.find(',', start);
        if (end == std::string::npos)
            end = text.size();
        out.push_back(std::stod(text.substr(start, end - start)));
        start = end + 1;
    }
    return out;
}

// The commonest reason lists of the false positives at `at`, and of the true pairs that the
// batch reported below it (its own threshold is lower): which evidence decides wrongly. Counts
// of reason codes only, no record.
void print_explanations(const std::vector<ScoredPair>& pairs,
                        const std::vector<std::string>& clusters, double at) {
    std::map<std::string, std::size_t> false_positives;
    std::map<std::string, std::size_t> below;
    for (const auto& pair : pairs) {
        const bool same = clusters[pair.a] == clusters[pair.b];
        std::string reasons;
        for (std::size_t i = 0; i < pair.result.reason_count; ++i) {
            if (!reasons.empty())
                reasons += ",";
            reasons += reason_code(pair.result.reasons[i]);
        }
        if (!same && pair.result.score >= at)
            ++false_positives[reasons];
        if (same && pair.result.score < at)
            ++below[reasons];
    }
    const auto print = [](const char* title, const std::map<std::string, std::size_t>& counts) {
        std::vector<std::pair<std::size_t, std::string>> rows;
        std::size_t total = 0;
        for (const auto& [reasons, count] : counts) {
            rows.emplace_back(count, reasons);
            total += count;
        }
        std::sort(rows.rbegin(), rows.rend());
        std::printf("%s: %zu\n", title, total);
        for (std::size_t i = 0; i < rows.size() && i < 25; ++i)
            std::printf("  %6zu %s\n", rows[i].first, rows[i].second.c_str());
    };
    print("false_positives_by_reasons", false_positives);
    print("true_pairs_below_by_reasons", below);
}

int run(const std::string& dir, double threshold, const std::vector<double>& also, unsigned threads,
        bool tracing, double explain, double query_threshold, bool dedup) {
    auto tables = *NameTables::standard();
    // Batch dedup, as `retorno dedup` does it: stream the file into the batch, then run.
    auto start = std::chrono::steady_clock::now();
    std::vector<std::string> ids;
    {
        BatchDeduplicator batch(tables);
        std::ifstream in(dir + "/persons.csv", std::ios::binary);
        auto status = read_person_csv(in, "persons.csv",
                                      [&](PersonRecord&& r, std::size_t) { return batch.add(r); });
        if (!status) {
            std::cerr << status.error().message << "\n";
            return 1;
        }
        const double read_s = seconds_since(start);
        start = std::chrono::steady_clock::now();
        const double cpu_before = cpu_seconds();
        BatchStats stats;
        if (threshold < 0)
            threshold = default_threshold(batch.size());
        // --dedup 0: tracing only (the batch is still read, for the ids and the truth).
        const auto pairs =
            dedup ? batch.run(threshold, Threads{threads}, &stats) : std::vector<ScoredPair>{};
        const double dedup_s = seconds_since(start);
        const double dedup_cpu_s = cpu_seconds() - cpu_before;
        std::unordered_map<std::string, std::string> cluster_of;
        {
            std::ifstream truth(dir + "/truth.csv", std::ios::binary);
            CsvReader reader(truth, "truth.csv");
            (void)reader.next();
            while (auto row = reader.next()) {
                if (!*row)
                    break;
                cluster_of[(**row)[0]] = (**row)[1];
            }
        }
        std::vector<std::string> clusters;
        for (std::size_t i = 0; i < batch.size(); ++i) {
            ids.emplace_back(batch.person(i).id());
            clusters.push_back(cluster_of[std::string(batch.person(i).id())]);
        }
        if (dedup) {
            const auto q = dedup_quality(pairs, clusters, {threshold}).front();
            std::printf(
                "records %zu\nread_and_prepare_s %.3f\ndedup_s %.3f\ndedup_cpu_s %.3f\n"
                "dedup_peak_rss_mib %.0f\nentries %zu\nranges %zu\ncompared_pairs %llu\n",
                batch.size(), read_s, dedup_s, dedup_cpu_s, peak_rss_mib(), stats.entries,
                stats.ranges, static_cast<unsigned long long>(stats.compared_pairs));
            std::printf("scored_pairs %llu\n", static_cast<unsigned long long>(stats.scored_pairs));
            std::printf(
                "planned_whole %llu\nplanned_part_zero %llu\nplanned_month %llu\n"
                "planned_month_zero %llu\n",
                static_cast<unsigned long long>(stats.planned[0]),
                static_cast<unsigned long long>(stats.planned[1]),
                static_cast<unsigned long long>(stats.planned[2]),
                static_cast<unsigned long long>(stats.planned[3]));
            std::printf(
                "stage_ordering_s %.3f\nstage_filing_s %.3f\nstage_sorting_s %.3f\n"
                "stage_planning_s %.3f\nstage_comparing_s %.3f\n",
                stats.ordering_s, stats.filing_s, stats.sorting_s, stats.planning_s,
                stats.comparing_s);
            std::printf(
                "dedup_threshold %.3f\ndedup_precision %.4f\ndedup_recall %.4f\ndedup_f1 %.4f\n",
                threshold, q.precision, q.recall, q.f1);
            for (const auto& other : dedup_quality(pairs, clusters, also)) {
                if (other.threshold > threshold) {
                    std::printf("at_threshold %.3f precision %.4f recall %.4f f1 %.4f\n",
                                other.threshold, other.precision, other.recall, other.f1);
                }
            }
            if (explain > threshold)
                print_explanations(pairs, clusters, explain);
        }
        std::fflush(stdout);
        if (!tracing)
            return 0;
        // Tracing: index every record that is not a request, then query with each request.
        std::vector<PersonRecord> records;
        std::ifstream in2(dir + "/persons.csv", std::ios::binary);
        (void)read_person_csv(in2, "persons.csv", [&](PersonRecord&& r, std::size_t) {
            records.push_back(std::move(r));
            return Status{};
        });
        const auto requests = tracing_requests(ids, clusters);
        std::vector<bool> is_request(records.size(), false);
        for (std::size_t r : requests)
            is_request[r] = true;
        PersonIndex index(tables);
        start = std::chrono::steady_clock::now();
        for (std::size_t i = 0; i < records.size(); ++i) {
            if (!is_request[i])
                (void)index.upsert(records[i]);
        }
        const double build_s = seconds_since(start);
        std::vector<double> latencies;
        std::size_t hit1 = 0;
        std::size_t hit5 = 0;
        std::unordered_map<std::string, std::size_t> position;
        for (std::size_t i = 0; i < ids.size(); ++i)
            position[ids[i]] = i;
        for (std::size_t r : requests) {
            const auto t0 = std::chrono::steady_clock::now();
            auto found = index.candidates(records[r], 5, query_threshold);
            latencies.push_back(seconds_since(t0) * 1000.0);
            for (std::size_t k = 0; found && k < found->size(); ++k) {
                if (clusters[position[(*found)[k].id]] == clusters[r]) {
                    hit1 += k == 0;
                    ++hit5;
                    break;
                }
            }
        }
        const double n = static_cast<double>(requests.size());
        std::printf(
            "index_build_s %.3f\nindex_size %zu\nrequests %zu\nquery_threshold %.3f\n"
            "recall_at_1 %.4f\nrecall_at_5 %.4f\nquery_p50_ms %.3f\nquery_p99_ms %.3f\n"
            "peak_rss_mib %.0f\n",
            build_s, index.size(), requests.size(), query_threshold, hit1 / n, hit5 / n,
            quantile(latencies, 0.5), quantile(latencies, 0.99), peak_rss_mib());
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: bench_matching generate|run|frequencies ...\n";
        return 2;
    }
    const std::string dir = argument(argc, argv, "--dir", ".");
    if (std::strcmp(argv[1], "generate") == 0) {
        return generate(dir, std::stoul(argument(argc, argv, "--persons", "10000")),
                        std::stoull(argument(argc, argv, "--seed", "1")));
    }
    if (std::strcmp(argv[1], "frequencies") == 0) {
        return frequencies(std::stoul(argument(argc, argv, "--persons", "1000000")),
                           std::stoull(argument(argc, argv, "--seed", "2026")));
    }
    if (std::strcmp(argv[1], "run") == 0) {
        return run(dir, std::stod(argument(argc, argv, "--threshold", "-1")),
                   numbers(argument(argc, argv, "--also", "")),
                   static_cast<unsigned>(std::stoul(argument(argc, argv, "--threads", "2"))),
                   argument(argc, argv, "--tracing", "1") != "0",
                   std::stod(argument(argc, argv, "--explain", "0")),
                   std::stod(argument(argc, argv, "--query-threshold", "0")),
                   argument(argc, argv, "--dedup", "1") != "0");
    }
    std::cerr << "unknown mode " << argv[1] << "\n";
    return 2;
}
