// The case list of the SQLite store: a page of cases, newest first, narrowed by status,
// country and, for a reader, by the ways its institution may be a party to them (migration 10).

#include <string>
#include <string_view>

#include <fmt/format.h>

#include "store/case_document.h"
#include "store/sqlite/sqlite_store.h"

namespace retorno {

namespace {

// An id after every case id (they are lowercase hexadecimal and hyphens): the cursor of the
// first page, so that `id < ?3` is a range an index can start from.
constexpr std::string_view kAfterEveryId = "~";

// The filters that every list applies, to the cases aliased `x`: an empty parameter disables
// its test.
constexpr std::string_view kFilters =
    "(?1 = '' OR x.status = ?1) "
    "AND (?2 = '' OR x.origin_country = ?2 OR x.destination_country = ?2) AND x.id < ?3";

// Every case: the index cases_for_listing holds what the filters test, so that SQLite reads a
// row only for the cases it answers (the index of the ids alone would read every row).
const std::string& list_cases_sql() {
    static const std::string sql = fmt::format(
        "SELECT x.id, x.document FROM cases x INDEXED BY cases_for_listing WHERE {} "
        "ORDER BY x.id DESC LIMIT ?4",
        kFilters);
    return sql;
}

// The cases an institution may be a party to (PartyFilter, ?5 to ?7): for each way of being a
// party, the newest cases of that kind from an index of its own (migration 10), at most a page
// and one of each, merged; a case that is a party's in several ways comes once (UNION). The
// cases whose parties are not known yet are kept for everyone; the policy decides each case.
const std::string& list_party_cases_sql() {
    static const std::string sql = fmt::format(
        "WITH listed(id) AS ("
        "SELECT id FROM (SELECT x.id FROM cases x WHERE x.opened_by_institution = ?5 AND {0} "
        "ORDER BY x.id DESC LIMIT ?4) "
        "UNION SELECT id FROM (SELECT x.id FROM cases x WHERE ?6 <> '' "
        "AND x.destination_country = ?6 AND {0} ORDER BY x.id DESC LIMIT ?4) "
        "UNION SELECT id FROM (SELECT x.id FROM cases x WHERE ?7 <> '' AND x.origin_notified = 1 "
        "AND x.origin_country = ?7 AND {0} ORDER BY x.id DESC LIMIT ?4) "
        "UNION SELECT id FROM (SELECT DISTINCT s.case_id AS id FROM case_shares s JOIN cases x "
        "ON x.id = s.case_id WHERE s.institution_id = ?5 AND s.case_id < ?3 AND {0} "
        "ORDER BY s.case_id DESC LIMIT ?4) "
        "UNION SELECT id FROM (SELECT x.id FROM cases x WHERE x.opened_by_institution IS NULL "
        "AND {0} ORDER BY x.id DESC LIMIT ?4)) "
        "SELECT c.id, c.document FROM listed l JOIN cases c ON c.id = l.id "
        "ORDER BY l.id DESC LIMIT ?4",
        kFilters);
    return sql;
}

}  // namespace

Result<CasePage> SqliteStore::list_cases(const CaseFilter& filter) {
    auto db = TRY(reader());
    // An empty parameter disables its test. Without a cursor, ?3 is an id after every id, so
    // that `id < ?3` stays a range the indexes can start from.
    auto query = TRY(db->prepare(filter.party ? list_party_cases_sql() : list_cases_sql()));
    query.bind(1, filter.status)
        .bind(2, filter.country)
        .bind(3, filter.after.empty() ? kAfterEveryId : std::string_view(filter.after));
    query.bind(4, static_cast<std::int64_t>(filter.limit) + 1);
    if (filter.party) {
        query.bind(5, filter.party->institution_id)
            .bind(6, filter.party->destination_country)
            .bind(7, filter.party->notified_origin_country);
    }
    CasePage page;
    while (TRY(query.step())) {
        if (static_cast<int>(page.cases.size()) == filter.limit) {
            page.next = page.cases.back().id.to_string();
            break;
        }
        page.cases.push_back(TRY(case_from_document(query.text_view(1), m_cipher.get())));
    }
    return page;
}

}  // namespace retorno
