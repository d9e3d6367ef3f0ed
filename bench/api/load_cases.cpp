// bench_api_load --db FILE --cases N --ids FILE
//
// Fills the SQLite store of a data folder that `retorno init` prepared with the demo directory
// and N synthetic cases, exactly as `retorno init --demo --demo-cases N` does (the same
// seed_demo_data, CaseService::open_case and SqliteStore::append), and writes the id of every
// case to the ids file, one per line, for the wrk script.
//
// The one difference is durability: `retorno init` syncs every append to disk, which takes
// minutes for 100,000 cases and only measures the disk. The data is thrown away after the
// benchmark, so the loader opens the store with synchronous = NORMAL.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>

#include "core/time.h"
#include "protocol/registry.h"
#include "service/case_service.h"
#include "service/demo_data.h"
#include "store/sqlite/sqlite_store.h"
#include "synthetic/institutions.h"

namespace {

struct Options {
    std::string db;
    std::string ids;
    int cases = 100000;
};

int usage() {
    std::cerr << "usage: bench_api_load --db FILE --cases N --ids FILE\n";
    return 2;
}

int fail_with(const retorno::Error& error) {
    std::cerr << "bench_api_load: " << error.message << " (" << error.detail << ")\n";
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string_view name = argv[i];
        if (name == "--db") {
            options.db = argv[i + 1];
        } else if (name == "--ids") {
            options.ids = argv[i + 1];
        } else if (name == "--cases") {
            options.cases = std::atoi(argv[i + 1]);
        } else {
            return usage();
        }
    }
    if (options.db.empty() || options.ids.empty() || options.cases < 1 || argc % 2 == 0) {
        return usage();
    }

    auto started = std::chrono::steady_clock::now();
    auto store = retorno::SqliteStore::open(options.db, retorno::sqlite::Durability::Normal);
    if (!store)
        return fail_with(store.error());
    retorno::SystemClock clock;
    auto protocols = retorno::protocol::ProtocolRegistry::load_default();
    if (!protocols)
        return fail_with(protocols.error());
    retorno::CaseService cases(**store, clock, *protocols);
    auto seeded =
        retorno::seed_demo_data(**store, cases, options.cases, retorno::synthetic::kDemoSeed);
    if (!seeded)
        return fail_with(seeded.error());

    std::ofstream ids(options.ids);
    retorno::CaseFilter filter;
    filter.limit = 500;
    std::int64_t written = 0;
    for (;;) {
        auto page = (*store)->list_cases(filter);
        if (!page)
            return fail_with(page.error());
        for (const auto& c : page->cases)
            ids << c.id.to_string() << '\n';
        written += static_cast<std::int64_t>(page->cases.size());
        if (page->next.empty())
            break;
        filter.after = page->next;
    }
    if (!ids) {
        std::cerr << "bench_api_load: cannot write " << options.ids << "\n";
        return 1;
    }
    auto seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("loaded %lld cases in %.1f s\n", static_cast<long long>(written), seconds);
    return 0;
}
