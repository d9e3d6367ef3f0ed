// bench_api_load --db FILE --cases N --ids FILE --visible-to USERNAME [--days-ago D]
// bench_api_load --database URL --data DIR --cases N --ids FILE --visible-to USERNAME
//                [--days-ago D]
//
// Fills the store of a data folder that `retorno init` prepared with the demo directory and N
// synthetic cases, exactly as `retorno init --demo --demo-cases N` does (the same
// seed_demo_data, CaseService::open_case and Store::append), and writes to the ids file, one
// per line, the id of every case that the institution of USERNAME opened: the cases that user
// may read, so that the benchmark measures reads that succeed (a case of another institution
// answers 404 after the same lookup). `--db` names the folder's SQLite file; `--database` a
// PostgreSQL server (the folder's `database` setting) and `--data` the folder, for its keys.
//
// `--days-ago D` opens every case D days before now (default 0; the few that the demo opens
// some days back, that many days more), so that its first deadlines have passed: the tasks are
// overdue and escalated to the institutions that supervise their steps, whose inboxes and lists
// can then be measured.
//
// The one difference is durability: `retorno init` syncs every append to disk, which takes
// minutes for 100,000 cases and only measures the disk. The data is thrown away after the
// benchmark, so the loader opens a SQLite store with synchronous = NORMAL (the benchmark's
// PostgreSQL cluster runs with fsync off).

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>

#include "core/time.h"
#include "crypto/field_cipher.h"
#include "crypto/keyring.h"
#include "protocol/registry.h"
#include "service/case_service.h"
#include "service/demo_data.h"
#include "store/open_store.h"
#include "store/sqlite/sqlite_store.h"
#include "synthetic/institutions.h"

namespace {

struct Options {
    std::string db;
    std::string database;
    std::string data;
    std::string ids;
    std::string visible_to;
    int cases = 100000;
    int days_ago = 0;
};

int usage() {
    std::cerr << "usage: bench_api_load (--db FILE | --database URL --data DIR) --cases N "
                 "--ids FILE --visible-to USERNAME [--days-ago D]\n";
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
        } else if (name == "--database") {
            options.database = argv[i + 1];
        } else if (name == "--data") {
            options.data = argv[i + 1];
        } else if (name == "--ids") {
            options.ids = argv[i + 1];
        } else if (name == "--visible-to") {
            options.visible_to = argv[i + 1];
        } else if (name == "--cases") {
            options.cases = std::atoi(argv[i + 1]);
        } else if (name == "--days-ago") {
            options.days_ago = std::atoi(argv[i + 1]);
        } else {
            return usage();
        }
    }
    const bool sqlite = !options.db.empty() && options.database.empty() && options.data.empty();
    const bool postgres = options.db.empty() && !options.database.empty() && !options.data.empty();
    if ((!sqlite && !postgres) || options.ids.empty() || options.visible_to.empty() ||
        options.cases < 1 || options.days_ago < 0 || argc % 2 == 0) {
        return usage();
    }

    auto started = std::chrono::steady_clock::now();
    // The cases are encrypted with the data folder's key file, as the server writes them, so that
    // reads measure decryption too.
    const std::filesystem::path data_dir = sqlite ? std::filesystem::path(options.db).parent_path()
                                                  : std::filesystem::path(options.data);
    auto cipher = retorno::FieldCipher::open(retorno::data_key_file(data_dir));
    if (!cipher)
        return fail_with(cipher.error());
    retorno::Result<std::unique_ptr<retorno::Store>> store =
        sqlite ? retorno::Result<std::unique_ptr<retorno::Store>>(retorno::SqliteStore::open(
                     options.db, retorno::sqlite::Durability::Normal, *cipher))
               : retorno::open_store(options.database, data_dir, retorno::kDefaultPostgresPoolSize,
                                     *cipher);
    if (!store)
        return fail_with(store.error());
    retorno::SystemClock system_clock;
    retorno::PastClock clock(system_clock, options.days_ago);
    auto protocols = retorno::protocol::ProtocolRegistry::load_default();
    if (!protocols)
        return fail_with(protocols.error());
    retorno::CaseService cases(**store, clock, *protocols);
    auto seeded =
        retorno::seed_demo_data(**store, cases, options.cases, retorno::synthetic::kDemoSeed);
    if (!seeded)
        return fail_with(seeded.error());

    auto reader = (*store)->find_user_by_name(options.visible_to);
    if (!reader)
        return fail_with(reader.error());
    if (!*reader) {
        std::cerr << "bench_api_load: no demo user " << options.visible_to << "\n";
        return 1;
    }
    const auto institution = (*reader)->institution_id.to_string();

    std::ofstream ids(options.ids);
    retorno::CaseFilter filter;
    filter.limit = 500;
    std::int64_t written = 0;
    for (;;) {
        auto page = (*store)->list_cases(filter);
        if (!page)
            return fail_with(page.error());
        for (const auto& c : page->cases) {
            if (c.opened_by_institution != institution)
                continue;
            ids << c.id.to_string() << '\n';
            ++written;
        }
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
    std::printf("loaded %d cases in %.1f s; %lld of them readable by %s\n", options.cases, seconds,
                static_cast<long long>(written), options.visible_to.c_str());
    return 0;
}
