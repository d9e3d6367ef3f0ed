// The open-tasks projection of the PostgreSQL store (migration 5): written in the append
// transaction, replaced when a case's tasks are derived again, read by the inboxes.

#include "store/postgres/postgres_open_tasks.h"

#include <boost/json.hpp>

#include "store/postgres/postgres_statements.h"
#include "store/postgres/postgres_store_impl.h"

namespace retorno {

namespace json = boost::json;
namespace st = postgres::statement;

namespace {

// Every case id sorts after this one; the first page of a scan starts here.
constexpr std::string_view kBeforeEveryId = "00000000-0000-0000-0000-000000000000";

std::string tasks_as_json(const std::vector<OpenTask>& tasks) {
    json::array out;
    for (const auto& task : tasks) {
        json::object row{{"step", task.step},
                         {"kind", task.kind},
                         {"side", task.side},
                         {"country", task.country},
                         {"institution_type", task.institution_type},
                         {"institution_name", task.institution_name},
                         {"supervisor_type", task.supervisor_type}};
        if (task.due)
            row["due"] = format_date(*task.due);
        out.push_back(std::move(row));
    }
    return json::serialize(out);
}

}  // namespace

void postgres::write_case_tasks(pqxx::work& tx, const std::string& case_id,
                                const CaseTasks* tasks) {
    if (tasks == nullptr) {
        tx.exec_prepared(std::string(st::kClearCaseTasks), case_id);
        return;
    }
    tx.exec_prepared(std::string(st::kPutCaseTaskHead), case_id, tasks->case_version,
                     tasks->fingerprint, tasks->parties.origin_country,
                     tasks->parties.destination_country, tasks->parties.opened_by_institution,
                     tasks->parties.origin_notified);
    if (!tasks->tasks.empty())
        tx.exec_prepared(std::string(st::kInsertOpenTasks), case_id, tasks_as_json(tasks->tasks));
}

Result<bool> PostgresStore::replace_case_tasks(const Id& case_id, const CaseTasks& tasks) {
    return with_connection<bool>([&](pqxx::connection& connection) -> Result<bool> {
        pqxx::work tx(connection);
        const auto id = case_id.to_string();
        // The row lock makes a concurrent append wait (or this wait for it), so tasks of an
        // older version never overwrite those that the append wrote.
        auto current = tx.exec_prepared(std::string(st::kLockCaseVersion), id);
        if (current.empty() || current[0][0].as<std::int64_t>() != tasks.case_version)
            return false;
        tx.exec_prepared(std::string(st::kSetCaseParties), id, tasks.parties.opened_by_institution,
                         tasks.parties.origin_notified);
        postgres::write_case_tasks(tx, id, &tasks);
        tx.commit();
        return true;
    });
}

Result<std::vector<Id>> PostgresStore::cases_with_stale_tasks(const std::string& fingerprint,
                                                              const std::string& after, int limit) {
    return with_connection<std::vector<Id>>(
        [&](pqxx::connection& connection) -> Result<std::vector<Id>> {
            pqxx::nontransaction tx(connection);
            std::vector<Id> out;
            const std::string from = after.empty() ? std::string(kBeforeEveryId) : after;
            for (const auto& row :
                 tx.exec_prepared(std::string(st::kStaleTaskCases), from, fingerprint, limit)) {
                auto id = Id::parse(row[0].c_str());
                if (!id)
                    return fail(Error::internal("case row with an unreadable id"));
                out.push_back(*id);
            }
            return out;
        });
}

Status PostgresStore::each_open_task(const OpenTaskQuery& query,
                                     const std::function<Status(OpenTask&&)>& visit) {
    // The rows arrive whole; the connection goes back to the pool before `visit` runs, since
    // it may use the store itself.
    auto rows = TRY(
        with_connection<pqxx::result>([&](pqxx::connection& connection) -> Result<pqxx::result> {
            pqxx::nontransaction tx(connection);
            if (query.institution_type.empty())
                return tx.exec_prepared(std::string(st::kEveryOpenTask));
            if (query.supervised_overdue_on) {
                return tx.exec_prepared(std::string(st::kOpenAndSupervisedTasks),
                                        query.institution_type, query.country,
                                        format_date(*query.supervised_overdue_on));
            }
            return tx.exec_prepared(std::string(st::kOpenTasks), query.institution_type,
                                    query.country);
        }));
    OpenTask task;
    for (const auto& row : rows) {
        auto id = Id::parse(row[0].c_str());
        if (!id)
            return fail(Error::internal("open task with an unreadable case id"));
        task.case_id = *id;
        task.step = row[1].c_str();
        task.kind = row[2].c_str();
        task.side = row[3].c_str();
        task.country = row[4].c_str();
        task.institution_type = row[5].c_str();
        task.institution_name = row[6].c_str();
        task.supervisor_type = row[7].c_str();
        task.due.reset();
        if (!row[8].is_null()) {
            task.due = parse_date(row[8].c_str());
            if (!task.due)
                return fail(Error::internal("open task with an unreadable due date"));
        }
        task.parties.origin_country = row[9].c_str();
        task.parties.destination_country = row[10].c_str();
        task.parties.opened_by_institution = row[11].c_str();
        task.parties.origin_notified = row[12].as<bool>();
        TRY_STATUS(visit(std::move(task)));
    }
    return {};
}

Result<std::vector<Id>> PostgresStore::cases_with_tasks_due_before(Date day,
                                                                   const std::string& after,
                                                                   int limit) {
    return with_connection<std::vector<Id>>(
        [&](pqxx::connection& connection) -> Result<std::vector<Id>> {
            pqxx::nontransaction tx(connection);
            std::vector<Id> out;
            const std::string from = after.empty() ? std::string(kBeforeEveryId) : after;
            for (const auto& row : tx.exec_prepared(std::string(st::kCasesWithTasksDue),
                                                    format_date(day), from, limit)) {
                auto id = Id::parse(row[0].c_str());
                if (!id)
                    return fail(Error::internal("open task with an unreadable case id"));
                out.push_back(*id);
            }
            return out;
        });
}

Result<std::vector<CaseSummary>> PostgresStore::case_summaries() {
    return with_connection<std::vector<CaseSummary>>(
        [&](pqxx::connection& connection) -> Result<std::vector<CaseSummary>> {
            pqxx::nontransaction tx(connection);
            std::vector<CaseSummary> out;
            for (const auto& row : tx.exec_prepared(std::string(st::kCaseSummaries))) {
                CaseSummary summary;
                auto id = Id::parse(row[0].c_str());
                auto opened = parse_timestamp(row[4].c_str());
                if (!id || !opened)
                    return fail(Error::internal("case row with an unreadable id or time"));
                summary.case_id = *id;
                summary.status = row[1].c_str();
                summary.origin_country = row[2].c_str();
                summary.destination_country = row[3].c_str();
                summary.opened_at = *opened;
                if (!row[5].is_null()) {
                    summary.handover_at = parse_timestamp(row[5].c_str());
                    if (!summary.handover_at)
                        return fail(Error::internal("event row with an unreadable time"));
                }
                out.push_back(std::move(summary));
            }
            return out;
        });
}

}  // namespace retorno
