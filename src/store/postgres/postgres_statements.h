#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace retorno::postgres {

// A prepared statement of the store: its name on every connection and its SQL text.
struct Statement {
    std::string name;
    std::string sql;
};

// Every statement the store runs, prepared once on each new connection. No other SQL text is
// sent while serving requests, so the server parses and plans each statement once per session.
const std::vector<Statement>& all_statements();

// The names of the statements.
namespace statement {
inline constexpr std::string_view kInsertCase = "insert_case";
inline constexpr std::string_view kUpdateCase = "update_case";
inline constexpr std::string_view kCaseVersion = "case_version";
inline constexpr std::string_view kInsertEvent = "insert_event";
inline constexpr std::string_view kEventExists = "event_exists";
inline constexpr std::string_view kFindCase = "find_case";
inline constexpr std::string_view kCaseEvents = "case_events";
inline constexpr std::string_view kCountEvents = "count_events";
inline constexpr std::string_view kCountCases = "count_cases";
inline constexpr std::string_view kPutInstitution = "put_institution";
inline constexpr std::string_view kListInstitutions = "list_institutions";
inline constexpr std::string_view kFindInstitution = "find_institution";
inline constexpr std::string_view kPutUser = "put_user";
inline constexpr std::string_view kListUsers = "list_users";
inline constexpr std::string_view kFindUserByName = "find_user_by_name";
}  // namespace statement

// Case listing has one statement per combination of filters rather than one statement with
// "$1 = '' OR ..." tests, because a generic plan for the latter cannot use the indexes.
enum class StatusFilter { Any, Given };
enum class CountryFilter { Any, Given };
enum class Cursor { First, After };
std::string list_cases_statement(StatusFilter status, CountryFilter country, Cursor cursor);

}  // namespace retorno::postgres
