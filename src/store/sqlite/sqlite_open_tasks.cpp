// The open-tasks projection of the SQLite store (migration 5): written in the append
// transaction, replaced when a case's tasks are derived again, read by the inboxes.

#include "store/sqlite/sqlite_open_tasks.h"

#include "store/sqlite/sqlite_store.h"

namespace retorno {

Status sqlite::write_case_tasks(Connection& db, const Id& case_id, const CaseTasks* tasks) {
    const auto id = case_id.to_string();
    auto clear_tasks = TRY(db.prepare("DELETE FROM open_tasks WHERE case_id = ?1"));
    clear_tasks.bind(1, id);
    TRY_STATUS(clear_tasks.run());
    if (tasks == nullptr) {
        auto clear_head = TRY(db.prepare("DELETE FROM case_task_heads WHERE case_id = ?1"));
        clear_head.bind(1, id);
        return clear_head.run();
    }
    auto head = TRY(db.prepare(
        "INSERT INTO case_task_heads (case_id, case_version, fingerprint, origin_country, "
        "destination_country, opened_by_institution, origin_notified) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
        "ON CONFLICT (case_id) DO UPDATE SET case_version = excluded.case_version, "
        "fingerprint = excluded.fingerprint, origin_country = excluded.origin_country, "
        "destination_country = excluded.destination_country, "
        "opened_by_institution = excluded.opened_by_institution, "
        "origin_notified = excluded.origin_notified"));
    head.bind(1, id)
        .bind(2, tasks->case_version)
        .bind(3, tasks->fingerprint)
        .bind(4, tasks->parties.origin_country)
        .bind(5, tasks->parties.destination_country)
        .bind(6, tasks->parties.opened_by_institution)
        .bind(7, std::int64_t{tasks->parties.origin_notified ? 1 : 0});
    TRY_STATUS(head.run());
    std::int64_t position = 0;
    for (const auto& task : tasks->tasks) {
        auto insert =
            TRY(db.prepare("INSERT INTO open_tasks (case_id, position, step, kind, side, country, "
                           "institution_type, institution_name, supervisor_type, due) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"));
        insert.bind(1, id)
            .bind(2, position++)
            .bind(3, task.step)
            .bind(4, task.kind)
            .bind(5, task.side)
            .bind(6, task.country)
            .bind(7, task.institution_type)
            .bind(8, task.institution_name)
            .bind(9, task.supervisor_type);
        if (task.due)
            insert.bind(10, format_date(*task.due));
        else
            insert.bind_null(10);
        TRY_STATUS(insert.run());
    }
    return {};
}

Result<bool> SqliteStore::replace_case_tasks(const Id& case_id, const CaseTasks& tasks) {
    bool replaced = false;
    TRY_STATUS(write_transaction([&](sqlite::Connection& db) -> Status {
        auto current = TRY(db.prepare("SELECT version FROM cases WHERE id = ?1"));
        current.bind(1, case_id.to_string());
        if (!TRY(current.step()) || current.integer(0) != tasks.case_version)
            return {};
        replaced = true;
        // The case's parties too: a case written before migration 10 has none yet. Only when
        // they differ, since an UPDATE rewrites the entries of the indexes that hold them.
        auto parties = TRY(db.prepare(
            "UPDATE cases SET opened_by_institution = ?2, origin_notified = ?3 WHERE id = ?1 "
            "AND (opened_by_institution IS NOT ?2 OR origin_notified IS NOT ?3)"));
        parties.bind(1, case_id.to_string())
            .bind(2, tasks.parties.opened_by_institution)
            .bind(3, std::int64_t{tasks.parties.origin_notified ? 1 : 0});
        TRY_STATUS(parties.run());
        return sqlite::write_case_tasks(db, case_id, &tasks);
    }));
    return replaced;
}

Result<std::vector<Id>> SqliteStore::cases_with_stale_tasks(const std::string& fingerprint,
                                                            const std::string& after, int limit) {
    auto db = TRY(reader());
    auto query =
        TRY(db->prepare("SELECT c.id FROM cases c LEFT JOIN case_task_heads h ON h.case_id = c.id "
                        "WHERE c.id > ?1 AND (h.case_id IS NULL OR h.case_version <> c.version "
                        "OR h.fingerprint <> ?2 OR c.opened_by_institution IS NULL) "
                        "ORDER BY c.id LIMIT ?3"));
    query.bind(1, after).bind(2, fingerprint).bind(3, static_cast<std::int64_t>(limit));
    std::vector<Id> out;
    while (TRY(query.step())) {
        auto id = Id::parse(query.text_view(0));
        if (!id)
            return fail(Error::internal("case row with an unreadable id"));
        out.push_back(*id);
    }
    return out;
}

Status SqliteStore::each_open_task(const OpenTaskQuery& query,
                                   const std::function<Status(OpenTask&&)>& visit) {
    auto db = TRY(reader());
    // Tasks with no country are anyone's of that type; ordering by due date puts the undated
    // ones last.
    constexpr std::string_view kSelect =
        "SELECT t.case_id, t.step, t.kind, t.side, t.country, t.institution_type, "
        "t.institution_name, t.supervisor_type, t.due, h.origin_country, "
        "h.destination_country, h.opened_by_institution, h.origin_notified";
    constexpr std::string_view kFrom =
        " FROM open_tasks t JOIN case_task_heads h ON h.case_id = t.case_id ";
    static const std::string kColumns = std::string(kSelect) + std::string(kFrom);
    constexpr std::string_view kOrder = " ORDER BY t.due NULLS LAST, t.case_id, t.position";
    static const std::string kOfInstitution =
        kColumns + "WHERE t.institution_type = ?1 AND (t.country = ?2 OR t.country = '')" +
        std::string(kOrder);
    // The overdue tasks it supervises come from an index of their own (migration 12), already
    // in the order of their due dates, and SQLite merges them into the sorted tasks of the
    // institution (an OR of the two conditions sorted both together: 2 ms more, about a tenth,
    // for the 5,227 tasks of a busy inbox). A task of the institution's own type is its own.
    // The compound's order names its columns by number: the due date, the case, the position.
    static const std::string kWithPosition =
        std::string(kSelect) + ", t.position" + std::string(kFrom);
    static const std::string kOfInstitutionAndSupervised =
        kWithPosition +
        "WHERE t.institution_type = ?1 AND (t.country = ?2 OR t.country = '') UNION ALL " +
        kWithPosition +
        "WHERE t.supervisor_type = ?1 AND t.country = ?2 AND t.due < ?3 AND "
        "t.institution_type <> ?1 ORDER BY 9 NULLS LAST, 1, 14";
    static const std::string kEvery = kColumns + std::string(kOrder);
    const bool every = query.institution_type.empty();
    const bool supervised = !every && query.supervised_overdue_on.has_value();
    auto rows = TRY(db->prepare(every        ? kEvery
                                : supervised ? kOfInstitutionAndSupervised
                                             : kOfInstitution));
    if (!every)
        rows.bind(1, query.institution_type).bind(2, query.country);
    if (supervised)
        rows.bind(3, format_date(*query.supervised_overdue_on));
    // One task is filled again and again: its strings keep their buffers from row to row.
    OpenTask task;
    while (TRY(rows.step())) {
        auto id = Id::parse(rows.text_view(0));
        if (!id)
            return fail(Error::internal("open task with an unreadable case id"));
        task.case_id = *id;
        task.step = rows.text_view(1);
        task.kind = rows.text_view(2);
        task.side = rows.text_view(3);
        task.country = rows.text_view(4);
        task.institution_type = rows.text_view(5);
        task.institution_name = rows.text_view(6);
        task.supervisor_type = rows.text_view(7);
        task.due.reset();
        if (!rows.is_null(8)) {
            task.due = parse_date(rows.text_view(8));
            if (!task.due)
                return fail(Error::internal("open task with an unreadable due date"));
        }
        task.parties.origin_country = rows.text_view(9);
        task.parties.destination_country = rows.text_view(10);
        task.parties.opened_by_institution = rows.text_view(11);
        task.parties.origin_notified = rows.integer(12) != 0;
        TRY_STATUS(visit(std::move(task)));
    }
    return {};
}

Result<std::vector<Id>> SqliteStore::cases_with_tasks_due_before(Date day, const std::string& after,
                                                                 int limit) {
    auto db = TRY(reader());
    auto query =
        TRY(db->prepare("SELECT DISTINCT case_id FROM open_tasks WHERE due < ?1 AND case_id > ?2 "
                        "ORDER BY case_id LIMIT ?3"));
    query.bind(1, format_date(day)).bind(2, after).bind(3, static_cast<std::int64_t>(limit));
    std::vector<Id> out;
    while (TRY(query.step())) {
        auto id = Id::parse(query.text_view(0));
        if (!id)
            return fail(Error::internal("open task with an unreadable case id"));
        out.push_back(*id);
    }
    return out;
}

Result<std::vector<CaseSummary>> SqliteStore::case_summaries() {
    auto db = TRY(reader());
    // The latest handover of each case, from the log's (case_id, version) index.
    auto rows = TRY(db->prepare(
        "SELECT c.id, c.status, c.origin_country, c.destination_country, c.opened_at, "
        "(SELECT max(e.recorded_at) FROM events e WHERE e.case_id = c.id "
        "AND e.kind = 'step_completed' AND e.step = 'handover') FROM cases c ORDER BY c.id"));
    std::vector<CaseSummary> out;
    while (TRY(rows.step())) {
        CaseSummary summary;
        auto id = Id::parse(rows.text_view(0));
        auto opened = parse_timestamp(rows.text_view(4));
        if (!id || !opened)
            return fail(Error::internal("case row with an unreadable id or time"));
        summary.case_id = *id;
        summary.status = rows.text(1);
        summary.origin_country = rows.text(2);
        summary.destination_country = rows.text(3);
        summary.opened_at = *opened;
        if (!rows.is_null(5)) {
            summary.handover_at = parse_timestamp(rows.text_view(5));
            if (!summary.handover_at)
                return fail(Error::internal("event row with an unreadable time"));
        }
        out.push_back(std::move(summary));
    }
    return out;
}

}  // namespace retorno
