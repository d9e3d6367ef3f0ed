#pragma once

#include <string>
#include <vector>

#include "audit/audit_trail.h"
#include "core/error.h"
#include "core/time.h"
#include "domain/institution.h"
#include "domain/user.h"
#include "service/actor.h"
#include "store/store.h"

namespace retorno::access {

// What an administrator sends to add an institution. Text as typed; the directory checks it.
struct NewInstitution {
    std::string country;  // ISO 3166-1 alpha-2
    std::string type;     // vocabulary::institution_type()
    std::string name;
    std::string parent;  // an institution id, or empty
    bool require_totp = false;
};

// What an administrator sends to add a user.
struct NewUser {
    std::string username;
    std::string display_name;  // the user name when empty
    std::string institution;   // an institution id
    std::vector<std::string> roles;
    std::string password;  // the initial password (check_password_strength)
};

// The directory of institutions and users, managed by administrators: the one implementation
// behind `retorno institution …`, `retorno user …` and the administration pages. Every call
// checks who asks (an administrator, or the CLI's local operator on the server), refuses bad
// input with InvalidInput naming the field ("country", "type", "name", "parent", "username",
// "display_name", "institution", "roles", "password") before anything changes, and leaves one
// audit entry per change, naming the institution or user by id (never a name or a password).
class Directory {
  public:
    Directory(Store& store, audit::AuditTrail& audit, const Clock& clock)
        : m_store(store), m_audit(audit), m_clock(clock) {}

    // Administrators; and the local operator (the CLI: an actor without a session).
    static bool may_administer(const Actor& actor);

    Result<std::vector<Institution>> institutions(const Actor& actor);
    Result<std::vector<User>> users(const Actor& actor);
    // A user by user name (NotFound when there is none), for the CLI's --username.
    Result<User> user_named(const std::string& username, const Actor& actor);

    Result<Institution> add_institution(const NewInstitution& request, const Actor& actor);
    // Sets the institution that `institution` answers to (its parent: up whose chain its overdue
    // tasks escalate, EscalationRoutes), or none when `parent` is empty; both are institution
    // ids as typed. InvalidInput (field "institution" or "parent") for an unknown id; Conflict
    // (field "parent") when the parent is the institution itself or below it, which would make
    // the chain go round in a circle.
    Result<Institution> set_parent(const std::string& institution, const std::string& parent,
                                   const Actor& actor);
    Result<User> add_user(const NewUser& request, const Actor& actor);
    // Disables the user and closes every session of theirs at once, in every server process;
    // answers how many sessions were closed. NotFound for an unknown id; InvalidInput (field
    // "self") when administrators would disable their own account.
    Result<int> disable_user(const Id& user_id, const Actor& actor);
    // Sets a new password and closes every session of the user; answers how many.
    Result<int> reset_password(const Id& user_id, const std::string& password, const Actor& actor);

  private:
    Status require_administrator(const Actor& actor) const;
    Status record(const Actor& actor, const char* action, const std::string& reason);
    Result<User> existing_user(const Id& user_id);

    Store& m_store;
    audit::AuditTrail& m_audit;
    const Clock& m_clock;
};

}  // namespace retorno::access
