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
inline constexpr std::string_view kEventPositions = "event_positions";
inline constexpr std::string_view kPutInstitution = "put_institution";
inline constexpr std::string_view kListInstitutions = "list_institutions";
inline constexpr std::string_view kFindInstitution = "find_institution";
inline constexpr std::string_view kPutUser = "put_user";
inline constexpr std::string_view kListUsers = "list_users";
inline constexpr std::string_view kFindUserByName = "find_user_by_name";
inline constexpr std::string_view kInsertSession = "insert_session";
inline constexpr std::string_view kFindSession = "find_session";
inline constexpr std::string_view kFindSessionWithUser = "find_session_with_user";
inline constexpr std::string_view kTouchSession = "touch_session";
inline constexpr std::string_view kRevokeSession = "revoke_session";
inline constexpr std::string_view kCountUserSessions = "count_user_sessions";
inline constexpr std::string_view kRevokeUserSessions = "revoke_user_sessions";
inline constexpr std::string_view kFindUser = "find_user";
inline constexpr std::string_view kSetUserLanguage = "set_user_language";
inline constexpr std::string_view kDisableUser = "disable_user";
inline constexpr std::string_view kSetUserPassword = "set_user_password";
inline constexpr std::string_view kRecordSignInFailure = "record_sign_in_failure";
inline constexpr std::string_view kSignInFailures = "sign_in_failures";
inline constexpr std::string_view kClearSignInFailures = "clear_sign_in_failures";
inline constexpr std::string_view kSetTotpRequired = "set_totp_required";
inline constexpr std::string_view kTotpRequired = "totp_required";
inline constexpr std::string_view kSetUserTotpSecret = "set_user_totp_secret";
inline constexpr std::string_view kUserTotpSecret = "user_totp_secret";
inline constexpr std::string_view kClaimTotpStep = "claim_totp_step";
inline constexpr std::string_view kPutCaseShare = "put_case_share";
inline constexpr std::string_view kCaseShares = "case_shares";
inline constexpr std::string_view kAuditLock = "audit_lock";
inline constexpr std::string_view kAuditLast = "audit_last";
inline constexpr std::string_view kInsertAudit = "insert_audit";
inline constexpr std::string_view kAuditEntries = "audit_entries";
inline constexpr std::string_view kCaseAuditEntries = "case_audit_entries";
inline constexpr std::string_view kLatestCaseAuditEntries = "latest_case_audit_entries";
inline constexpr std::string_view kPutAuditDayHead = "put_audit_day_head";
inline constexpr std::string_view kAuditDayHeads = "audit_day_heads";
inline constexpr std::string_view kEventDataBatch = "event_data_batch";
inline constexpr std::string_view kUpdateEventData = "update_event_data";
inline constexpr std::string_view kCaseDocumentBatch = "case_document_batch";
inline constexpr std::string_view kUpdateCaseDocument = "update_case_document";
inline constexpr std::string_view kClearCaseTasks = "clear_case_tasks";
inline constexpr std::string_view kSetCaseParties = "set_case_parties";
inline constexpr std::string_view kPutCaseTaskHead = "put_case_task_head";
inline constexpr std::string_view kInsertOpenTasks = "insert_open_tasks";
inline constexpr std::string_view kLockCaseVersion = "lock_case_version";
inline constexpr std::string_view kStaleTaskCases = "stale_task_cases";
inline constexpr std::string_view kOpenTasks = "open_tasks";
inline constexpr std::string_view kOpenAndSupervisedTasks = "open_and_supervised_tasks";
inline constexpr std::string_view kCasesWithTasksDue = "cases_with_tasks_due";
inline constexpr std::string_view kEveryOpenTask = "every_open_task";
inline constexpr std::string_view kCaseSummaries = "case_summaries";
}  // namespace statement

// Case listing has one statement per combination of filters rather than one statement with
// "$1 = '' OR ..." tests, because a generic plan for the latter cannot use the indexes.
enum class StatusFilter { Any, Given };
enum class CountryFilter { Any, Given };
enum class Cursor { First, After };
enum class PartyFilterGiven { No, Yes };
std::string list_cases_statement(StatusFilter status, CountryFilter country, Cursor cursor,
                                 PartyFilterGiven party);

}  // namespace retorno::postgres
