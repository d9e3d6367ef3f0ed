// `retorno backup`, `retorno restore` and `retorno migrate-store`, run as the real program on
// both stores.

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <map>
#include <set>

#include "cli/cli_support.h"
#include "crypto/keyring.h"
#include "store/chain_check.h"

namespace retorno::testing {
namespace {

// One data folder, on SQLite or on a PostgreSQL database of its own.
struct DataFolder {
    ThrowawayDir dir;
    std::unique_ptr<ThrowawayDatabase> database;

    std::filesystem::path data() const { return dir.path() / "data"; }
    std::string setting() const { return database ? database->url() : "sqlite:retorno.db"; }

    // Runs `retorno init`, with demo data when demo_cases > 0.
    std::string init(Backend backend, int demo_cases) {
        if (backend == Backend::Postgres) {
            auto server = postgres_test_url();
            if (!server)
                return std::string(kNoPostgres);
            database = std::make_unique<ThrowawayDatabase>(*server);
        }
        std::vector<std::string> arguments{"init", "--data", data().string(), "--database",
                                           setting()};
        if (demo_cases > 0) {
            arguments.insert(arguments.end(),
                             {"--demo", "--demo-cases", std::to_string(demo_cases)});
        }
        auto run = run_retorno(arguments);
        if (run.exit_code != 0)
            return "retorno init failed: " + run.output;
        return {};
    }

    std::map<std::string, std::vector<std::string>> history() const {
        auto store = open_for_test(setting(), data());
        return store ? history_of(*store) : std::map<std::string, std::vector<std::string>>{};
    }
};

class StoreCommands : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        if (GetParam() == Backend::Postgres && !postgres_test_url() && postgres_may_be_missing())
            GTEST_SKIP() << kNoPostgres;
    }

    // Prepares a data folder; a failure fails the test.
    bool prepare(DataFolder& folder, int demo_cases) {
        auto why = folder.init(GetParam(), demo_cases);
        if (why.empty())
            return true;
        ADD_FAILURE() << why;
        return false;
    }
};

TEST_P(StoreCommands, BackupAndRestoreKeepEveryCaseAndItsChain) {
    DataFolder source;
    DataFolder target;
    ThrowawayDir files;
    if (!prepare(source, 12) || !prepare(target, 0))
        return;
    auto before = source.history();
    ASSERT_EQ(before.size(), 12u);

    auto backup_file = files.path() / "retorno.backup";
    auto backup =
        run_retorno({"backup", "--data", source.data().string(), "--to", backup_file.string()});
    ASSERT_EQ(backup.exit_code, 0) << backup.output;
    EXPECT_TRUE(std::filesystem::exists(backup_file));

    // A backup never overwrites a file.
    auto again =
        run_retorno({"backup", "--data", source.data().string(), "--to", backup_file.string()});
    EXPECT_EQ(again.exit_code, 1) << again.output;
    EXPECT_NE(again.output.find("never overwrites"), std::string::npos) << again.output;

    // The backup holds no key: restoring it into a folder with another key file is refused,
    // and changes nothing.
    auto keyless =
        run_retorno({"restore", "--data", target.data().string(), "--from", backup_file.string()});
    EXPECT_EQ(keyless.exit_code, 1) << keyless.output;
    EXPECT_NE(keyless.output.find("data key file"), std::string::npos) << keyless.output;
    EXPECT_TRUE(target.history().empty());

    // With the source's key file (kept apart from the backup, docs/operations.md) it restores.
    std::filesystem::copy_file(data_key_file(source.data()), data_key_file(target.data()),
                               std::filesystem::copy_options::overwrite_existing);
    auto restore =
        run_retorno({"restore", "--data", target.data().string(), "--from", backup_file.string()});
    ASSERT_EQ(restore.exit_code, 0) << restore.output;
    EXPECT_NE(restore.output.find("every audit chain verified"), std::string::npos)
        << restore.output;

    EXPECT_EQ(target.history(), before);
    if (GetParam() == Backend::Postgres) {
        // The planner has the restored tables' statistics at once (a table never analyzed
        // counts -1 tuples).
        EXPECT_EQ(
            target.database->query_text("SELECT reltuples FROM pg_class WHERE relname = 'cases'"),
            "12");
    }
    auto store = open_for_test(target.setting(), target.data());
    ASSERT_TRUE(store);
    auto verified = verify_store(*store);
    ASSERT_TRUE(verified) << verified.error().detail;
    EXPECT_EQ(verified->cases, 12);
    auto source_store = open_for_test(source.setting(), source.data());
    ASSERT_TRUE(source_store);
    EXPECT_EQ(store->list_institutions()->size(), source_store->list_institutions()->size());
    EXPECT_EQ(store->list_users()->size(), source_store->list_users()->size());
    source_store.reset();

    // The restored deployment accepts new writes (the PostgreSQL event sequence was restored).
    auto c = store->list_cases(CaseFilter{}).value().cases.front();
    Case next = c;
    next.version = c.version + 1;
    Event event = make_event(next);
    event.previous_hash = c.last_hash;
    EXPECT_TRUE(store->append(event, next));
}

TEST_P(StoreCommands, RestoreIntoANonEmptyStoreIsRefusedAndChangesNothing) {
    DataFolder source;
    DataFolder target;
    ThrowawayDir files;
    if (!prepare(source, 6) || !prepare(target, 3))
        return;
    auto backup_file = files.path() / "retorno.backup";
    ASSERT_EQ(
        run_retorno({"backup", "--data", source.data().string(), "--to", backup_file.string()})
            .exit_code,
        0);
    auto before = target.history();
    ASSERT_EQ(before.size(), 3u);

    auto restore =
        run_retorno({"restore", "--data", target.data().string(), "--from", backup_file.string()});
    EXPECT_EQ(restore.exit_code, 1) << restore.output;
    EXPECT_NE(restore.output.find("not empty"), std::string::npos) << restore.output;
    EXPECT_EQ(target.history(), before);
    // Nothing was left aside either.
    for (const auto& entry : std::filesystem::directory_iterator(target.data()))
        EXPECT_EQ(entry.path().string().find("restoring"), std::string::npos) << entry.path();
}

TEST_P(StoreCommands, RestoreRefusesWhatIsNotABackup) {
    DataFolder target;
    ThrowawayDir files;
    if (!prepare(target, 0))
        return;
    auto bogus = files.path() / "notes.txt";
    std::ofstream(bogus) << "not a backup\n";
    auto restore =
        run_retorno({"restore", "--data", target.data().string(), "--from", bogus.string()});
    EXPECT_EQ(restore.exit_code, 1) << restore.output;
    EXPECT_NE(restore.output.find("is not a backup"), std::string::npos) << restore.output;
    EXPECT_TRUE(target.history().empty());
}

// A backup cut short (a copy stopped half-way, a full disk) or with a block overwritten is
// refused as damaged, with exit status 1 (input, not the environment), on either store, and
// the target stays empty.
TEST_P(StoreCommands, RestoreOfADamagedBackupIsRefusedAsDamaged) {
    DataFolder source;
    DataFolder target;
    ThrowawayDir files;
    if (!prepare(source, 6) || !prepare(target, 0))
        return;
    std::filesystem::copy_file(data_key_file(source.data()), data_key_file(target.data()),
                               std::filesystem::copy_options::overwrite_existing);
    auto backup_file = files.path() / "retorno.backup";
    ASSERT_EQ(
        run_retorno({"backup", "--data", source.data().string(), "--to", backup_file.string()})
            .exit_code,
        0);
    std::string whole;
    {
        std::ifstream in(backup_file, std::ios::binary);
        whole.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    ASSERT_GT(whole.size(), 8192u);
    const std::map<std::string, std::string> damaged{
        {"cut short", whole.substr(0, whole.size() / 2)},
        {"a block overwritten", whole.substr(0, whole.size() / 2) + std::string(4096, '\x5a') +
                                    whole.substr(whole.size() / 2 + 4096)},
    };
    for (const auto& [how, bytes] : damaged) {
        const auto file = files.path() / "damaged.backup";
        std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
        auto restore =
            run_retorno({"restore", "--data", target.data().string(), "--from", file.string()});
        EXPECT_EQ(restore.exit_code, 1) << how << ": " << restore.output;
        EXPECT_NE(restore.output.find("damaged"), std::string::npos)
            << how << ": " << restore.output;
        EXPECT_TRUE(target.history().empty()) << how;
    }
}

INSTANTIATE_TEST_SUITE_P(BothStores, StoreCommands,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& info) { return backend_name(info.param); });

// A SQLite deployment with three demo cases, backed up into a folder of its own, and an empty
// deployment that holds its data key file, to restore into.
class SqliteBackup : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_EQ(source.init(Backend::Sqlite, 3), "");
        ASSERT_EQ(target.init(Backend::Sqlite, 0), "");
        std::filesystem::copy_file(data_key_file(source.data()), data_key_file(target.data()),
                                   std::filesystem::copy_options::overwrite_existing);
        auto backup =
            run_retorno({"backup", "--data", source.data().string(), "--to", backup_file.string()});
        ASSERT_EQ(backup.exit_code, 0) << backup.output;
    }

    // Runs SQL on the backup file with the sqlite3 program, as someone editing it would.
    void edit_backup(const std::string& sql) {
        ASSERT_EQ(
            std::system(
                ("sqlite3 " + shell_quote(backup_file.string()) + " " + shell_quote(sql)).c_str()),
            0);
    }

    // One value that the sqlite3 program answers for a query of the backup (read only).
    std::string backup_value(const std::string& sql) {
        const auto out = scratch.path() / "sqlite3.out";
        const auto command = "sqlite3 -readonly " + shell_quote(backup_file.string()) + " " +
                             shell_quote(sql) + " > " + shell_quote(out.string());
        if (std::system(command.c_str()) != 0)
            return {};
        std::string value;
        std::getline(std::ifstream(out), value);
        return value;
    }

    CliRun restore() {
        return run_retorno(
            {"restore", "--data", target.data().string(), "--from", backup_file.string()});
    }

    DataFolder source;
    DataFolder target;
    ThrowawayDir files;
    ThrowawayDir scratch;
    std::filesystem::path backup_file = files.path() / "retorno.backup";
};

std::set<std::string> file_names(const std::filesystem::path& folder) {
    std::set<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        names.insert(entry.path().filename().string());
    return names;
}

// A backup whose events were changed after it was written is refused, and the target stays
// as it was (no file, or the empty one).
TEST_F(SqliteBackup, RestoreOfATamperedBackupIsRefused) {
    // The append-only triggers are dropped in the copy, as someone editing the file would.
    edit_backup(
        "DROP TRIGGER events_are_append_only_update; "
        "UPDATE events SET actor_user = 'someone-else' WHERE version = 1;");
    auto restored = restore();
    EXPECT_EQ(restored.exit_code, 1) << restored.output;
    EXPECT_NE(restored.output.find("audit chain does not verify"), std::string::npos)
        << restored.output;
    EXPECT_TRUE(target.history().empty());
}

// A backup whose case projection was edited while its version and last hash stayed right (a
// closed case, say, that its events never closed) is refused: the restore rebuilds every case
// from its events and compares the whole projection, not only the head of its chain.
TEST_F(SqliteBackup, RestoreOfABackupWhoseProjectionWasEditedIsRefused) {
    edit_backup(
        "UPDATE cases SET status = 'Closed', "
        "document = json_set(document, '$.cas_Status', 'Closed') "
        "WHERE id = (SELECT min(id) FROM cases);");
    auto restored = restore();
    EXPECT_EQ(restored.exit_code, 1) << restored.output;
    EXPECT_NE(restored.output.find("the projection does not match what its events make of it"),
              std::string::npos)
        << restored.output;
    EXPECT_TRUE(target.history().empty());
}

// A backup damaged where no case or event lies (a page of an index that the chains never
// read) is refused by SQLite's integrity check, naming the file, and the target stays as it
// was. Without the check such a backup restored "verified" and broke the deployment at the
// first query that used the index.
TEST_F(SqliteBackup, RestoreOfADamagedBackupIsRefusedAndChangesNothing) {
    const auto page =
        std::stol(backup_value("SELECT min(pageno) FROM dbstat WHERE name = 'open_tasks_by_due'"));
    const auto page_size = std::stol(backup_value("PRAGMA page_size"));
    {
        std::fstream file(backup_file, std::ios::in | std::ios::out | std::ios::binary);
        file.seekp((page - 1) * page_size);
        const std::string zeros(static_cast<std::size_t>(page_size), '\0');
        file.write(zeros.data(), page_size);
    }
    const auto before = file_names(target.data());

    auto restored = restore();
    EXPECT_EQ(restored.exit_code, 1) << restored.output;
    EXPECT_NE(restored.output.find("'" + backup_file.string() + "' is damaged"), std::string::npos)
        << restored.output;
    EXPECT_EQ(file_names(target.data()), before) << "the restore left something behind";
    EXPECT_TRUE(target.history().empty());
}

// A backup and a restore leave nothing else behind: no audit index beside the backup (opening
// it to verify it makes one), and in the data folder only the store itself, whose index the
// server rebuilds.
TEST_F(SqliteBackup, BackupAndRestoreLeaveNoOtherFile) {
    EXPECT_EQ(file_names(files.path()), std::set<std::string>{"retorno.backup"});
    auto restored = restore();
    ASSERT_EQ(restored.exit_code, 0) << restored.output;
    EXPECT_EQ(file_names(target.data()),
              (std::set<std::string>{"keys", "retorno.conf", "retorno.db"}));
    EXPECT_EQ(target.history().size(), 3u);
}

TEST(MigrateStore, SqliteToPostgresKeepsTheWholeHistory) {
    RETORNO_REQUIRE_POSTGRES();
    auto server = postgres_test_url();
    DataFolder source;
    ASSERT_EQ(source.init(Backend::Sqlite, 10), "");
    ThrowawayDatabase target(*server);
    auto from = "sqlite:" + (source.data() / "retorno.db").string();

    const auto keys = data_key_file(source.data()).string();
    auto migrate =
        run_retorno({"migrate-store", "--from", from, "--to", target.url(), "--keys", keys});
    ASSERT_EQ(migrate.exit_code, 0) << migrate.output;
    EXPECT_NE(migrate.output.find("10 cases"), std::string::npos) << migrate.output;

    auto copied = open_for_test(target.url(), source.data());
    ASSERT_TRUE(copied);
    EXPECT_EQ(history_of(*copied), source.history());
    EXPECT_TRUE(verify_store(*copied));

    // A second migration into the same, now non-empty, database is refused.
    copied.reset();
    auto again =
        run_retorno({"migrate-store", "--from", from, "--to", target.url(), "--keys", keys});
    EXPECT_EQ(again.exit_code, 1) << again.output;
    EXPECT_NE(again.output.find("not empty"), std::string::npos) << again.output;
}

TEST(MigrateStore, AnUnreachableOrWrongDatabaseIsAClearError) {
    ThrowawayDir dir;
    auto from = "sqlite:" + (dir.path() / "empty.db").string();
    const auto keys = data_key_file(dir.path()).string();
    ASSERT_TRUE(create_keyring_file(keys));
    auto down =
        run_retorno({"migrate-store", "--from", from, "--to",
                     "postgresql://nobody:secret-word@127.0.0.1:1/retorno", "--keys", keys});
    EXPECT_EQ(down.exit_code, 2) << down.output;
    EXPECT_NE(down.output.find("cannot be reached"), std::string::npos) << down.output;
    EXPECT_EQ(down.output.find("secret-word"), std::string::npos) << down.output;

    auto wrong = run_retorno(
        {"migrate-store", "--from", from, "--to", "mysql://somewhere/x", "--keys", keys});
    EXPECT_EQ(wrong.exit_code, 1) << wrong.output;
    EXPECT_NE(wrong.output.find("postgresql://"), std::string::npos) << wrong.output;
}

}  // namespace
}  // namespace retorno::testing
