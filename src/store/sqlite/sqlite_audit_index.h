#pragma once

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/error.h"
#include "store/sqlite/sqlite_connection.h"

namespace retorno {

// The index of the SQLite store's audit trail by case: for each case, the hours (UTC,
// "YYYY-MM-DDTHH") in which it has entries, each with its first entry. It lives in a SQLite
// file of its own beside the store's (`retorno.audit-index.db` beside `retorno.db`) and is
// written by a thread of its own, behind the trail, in large transactions.
//
// Why: every read of a case is an audit entry, and an index by case in the store's file wrote
// each entry to an index page of its own (the entries of one commit are of cases spread over
// the whole index). That page went to the WAL with every audit commit and was copied again by
// the checkpoints that those commits run: most of what the audit cost a read, and its slowest
// reads (docs/performance.md, "API"). Here each page is written once per catch-up, however
// many entries it takes, and the file's commits and checkpoints never hold up the audit writer
// or reset the readers' caches of the store's file.
//
// The index is derived data: it is never backed up; a missing or foreign file (its last
// indexed entry is not the store's) is rebuilt from the trail. It may lag behind the trail:
// `case_hours` says how far it goes, and SqliteStore::audit_entries reads the entries after
// that point from the trail itself.
class SqliteAuditIndex {
  public:
    static std::filesystem::path file_beside(const std::filesystem::path& store_file);

    // Opens (creating) the index beside `store_file` and starts the thread, which catches up
    // at once and then whenever entries_appended() says there is more.
    static Result<std::unique_ptr<SqliteAuditIndex>> open(const std::filesystem::path& store_file);
    ~SqliteAuditIndex();
    SqliteAuditIndex(const SqliteAuditIndex&) = delete;
    SqliteAuditIndex& operator=(const SqliteAuditIndex&) = delete;

    // Wakes the thread: entries were appended.
    void entries_appended();
    // Indexes every entry stored so far, on the calling thread.
    Status catch_up();

    struct CaseHours {
        std::int64_t indexed_through = 0;  // the last entry that the hours account for
        std::vector<std::pair<std::string, std::int64_t>> hours;  // (hour, first seq), in order
    };
    Result<CaseHours> case_hours(const std::string& case_id);

  private:
    SqliteAuditIndex() = default;
    // One step of catching up: at most `limit` entries; returns how many it indexed.
    Result<int> index_some(int limit);
    void run();

    std::unique_ptr<sqlite::Connection> m_trail;   // reads the store's audit_log
    std::unique_ptr<sqlite::Connection> m_index;   // writes the index
    std::mutex m_write_mutex;                      // one catch-up at a time in this process
    std::unique_ptr<sqlite::Connection> m_reader;  // answers case_hours
    std::mutex m_read_mutex;

    std::mutex m_mutex;
    std::condition_variable m_wakeup;
    bool m_pending = true;
    bool m_stopping = false;
    std::thread m_thread;
};

}  // namespace retorno
