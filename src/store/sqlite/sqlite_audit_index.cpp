#include "store/sqlite/sqlite_audit_index.h"

#include <algorithm>
#include <chrono>
#include <tuple>

#include "store/audit_time_order.h"

namespace retorno {

namespace {

// Entries per transaction of the index, and the pause between two catch-ups: under load each
// catch-up takes the entries of about a second, so that a page of the index is written once
// for all of them.
constexpr int kStep = 20'000;
constexpr auto kPause = std::chrono::seconds(1);

struct Row {
    std::string case_id;
    std::string hour;
    std::int64_t first_seq;
};

constexpr std::string_view kSchema =
    "CREATE TABLE IF NOT EXISTS case_hours ("
    "  case_id TEXT NOT NULL, hour TEXT NOT NULL, first_seq INTEGER NOT NULL,"
    "  PRIMARY KEY (case_id, hour)) WITHOUT ROWID;"
    // How far the index goes: the last entry indexed, its hash (an index beside another trail
    // does not match it) and the latest hour reached along the chain.
    "CREATE TABLE IF NOT EXISTS progress ("
    "  id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, hash TEXT NOT NULL,"
    "  hour TEXT NOT NULL);";

}  // namespace

std::filesystem::path SqliteAuditIndex::file_beside(const std::filesystem::path& store_file) {
    return store_file.parent_path() / (store_file.stem().string() + ".audit-index.db");
}

Result<std::unique_ptr<SqliteAuditIndex>> SqliteAuditIndex::open(
    const std::filesystem::path& store_file) {
    std::unique_ptr<SqliteAuditIndex> index(new SqliteAuditIndex());
    const auto file = file_beside(store_file);
    // Derived data: a crash may lose the last catch-up, which the next one does again.
    index->m_index = TRY(sqlite::Connection::open(file, sqlite::Durability::Normal));
    TRY_STATUS(index->m_index->execute(kSchema));
    index->m_reader = TRY(sqlite::Connection::open(file, sqlite::Durability::Normal));
    index->m_trail = TRY(sqlite::Connection::open(store_file, sqlite::Durability::Normal));
    index->m_thread = std::thread([raw = index.get()] { raw->run(); });
    return index;
}

SqliteAuditIndex::~SqliteAuditIndex() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wakeup.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void SqliteAuditIndex::entries_appended() {
    {
        std::lock_guard lock(m_mutex);
        if (m_pending)
            return;
        m_pending = true;
    }
    m_wakeup.notify_one();
}

void SqliteAuditIndex::run() {
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wakeup.wait(lock, [this] { return m_pending || m_stopping; });
            if (m_stopping)
                return;
            m_pending = false;
        }
        // A catch-up that fails (the disk is full, the file is locked) is tried again at the
        // next append; meanwhile audit_entries reads the entries it did not index from the
        // trail.
        (void)catch_up();
        std::unique_lock lock(m_mutex);
        m_wakeup.wait_for(lock, kPause, [this] { return m_stopping; });
    }
}

Status SqliteAuditIndex::catch_up() {
    for (;;) {
        {
            std::lock_guard lock(m_mutex);
            if (m_stopping)
                return {};
        }
        if (TRY(index_some(kStep)) < kStep)
            return {};
    }
}

Result<int> SqliteAuditIndex::index_some(int limit) {
    std::lock_guard lock(m_write_mutex);
    sqlite::Connection& index = *m_index;
    // BEGIN IMMEDIATE: another process catching up on the same files waits for this one.
    TRY_STATUS(index.execute("BEGIN IMMEDIATE"));
    auto step = [&]() -> Result<int> {
        std::int64_t seq = 0;
        std::string hash;
        std::string hour;
        {
            auto progress = TRY(index.prepare("SELECT seq, hash, hour FROM progress"));
            if (TRY(progress.step())) {
                seq = progress.integer(0);
                hash = progress.text(1);
                hour = progress.text(2);
            }
        }
        if (seq > 0) {
            auto last = TRY(m_trail->prepare("SELECT hash FROM audit_log WHERE seq = ?1"));
            last.bind(1, seq);
            if (!TRY(last.step()) || last.text_view(0) != hash) {
                // Not this trail's index (a store restored or replaced): start again. The
                // progress goes too, even if the trail has no entry to index yet: until it
                // has, no reader may take this index as covering any of it.
                TRY_STATUS(index.execute("DELETE FROM case_hours; DELETE FROM progress"));
                seq = 0;
                hash.clear();
                hour.clear();
            }
        }
        auto entries = TRY(
            m_trail->prepare("SELECT seq, recorded_at, case_id, hash FROM audit_log WHERE seq > ?1 "
                             "ORDER BY seq LIMIT ?2"));
        entries.bind(1, seq).bind(2, static_cast<std::int64_t>(limit));
        int indexed = 0;
        std::vector<Row> rows;
        while (TRY(entries.step())) {
            // The latest hour reached along the chain: an entry written before the times were
            // kept in order (migration 9) may be earlier than the one before it, and belongs
            // to the hour its place in the chain falls in.
            const auto own_hour = audit_hour(entries.text_view(1));
            if (own_hour > hour)
                hour = own_hour;
            seq = entries.integer(0);
            hash = entries.text(3);
            ++indexed;
            if (!entries.text_view(2).empty())
                rows.push_back(Row{entries.text(2), hour, seq});
        }
        // In the order of the index, so that each of its pages is visited once per step
        // (stable: of one case and hour, the first entry comes first and is kept).
        std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
            return std::tie(a.case_id, a.hour) < std::tie(b.case_id, b.hour);
        });
        for (const auto& row : rows) {
            auto insert = TRY(index.prepare(
                "INSERT OR IGNORE INTO case_hours (case_id, hour, first_seq) VALUES (?1, ?2, ?3)"));
            insert.bind(1, row.case_id).bind(2, row.hour).bind(3, row.first_seq);
            TRY_STATUS(insert.run());
        }
        if (indexed > 0) {
            auto progress = TRY(index.prepare(
                "INSERT INTO progress (id, seq, hash, hour) VALUES (1, ?1, ?2, ?3) "
                "ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, "
                "hour = excluded.hour"));
            progress.bind(1, seq).bind(2, hash).bind(3, hour);
            TRY_STATUS(progress.run());
        }
        return indexed;
    };
    auto indexed = step();
    if (!indexed) {
        (void)index.execute("ROLLBACK");
        return indexed;
    }
    TRY_STATUS(index.execute("COMMIT"));
    return indexed;
}

Result<SqliteAuditIndex::CaseHours> SqliteAuditIndex::case_hours(const std::string& case_id) {
    std::lock_guard lock(m_read_mutex);
    sqlite::Connection& db = *m_reader;
    CaseHours out;
    // One read transaction: the hours and how far they go are of the same moment.
    TRY_STATUS(db.execute("BEGIN"));
    auto read = [&]() -> Status {
        auto progress = TRY(db.prepare("SELECT seq FROM progress"));
        if (TRY(progress.step()))
            out.indexed_through = progress.integer(0);
        auto hours = TRY(
            db.prepare("SELECT hour, first_seq FROM case_hours WHERE case_id = ?1 ORDER BY hour"));
        hours.bind(1, case_id);
        while (TRY(hours.step()))
            out.hours.emplace_back(hours.text(0), hours.integer(1));
        return {};
    };
    auto status = read();
    (void)db.execute("COMMIT");
    TRY_STATUS(status);
    return out;
}

}  // namespace retorno
