#include "access/directory.h"

#include <algorithm>

#include "core/iso_country.h"
#include "crypto/password.h"
#include "domain/vocabulary.h"

namespace retorno::access {

namespace {

constexpr std::size_t kMaxName = 200;
constexpr std::size_t kMaxUsername = 64;

bool blank(const std::string& text) {
    return std::all_of(text.begin(), text.end(),
                       [](unsigned char c) { return c == ' ' || c == '\t'; });
}

bool has_control_characters(const std::string& text) {
    return std::any_of(text.begin(), text.end(), [](unsigned char c) { return c < 0x20; });
}

// A user name: letters, digits, '.', '-' and '_', as the demo's "mx.trabajo.social".
bool valid_username(const std::string& name) {
    if (name.empty() || name.size() > kMaxUsername)
        return false;
    return std::all_of(name.begin(), name.end(), [](unsigned char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '-' || c == '_';
    });
}

Status check_display_text(const std::string& field, const std::string& text, bool required) {
    if (required && blank(text))
        return fail(Error::invalid(field, "The " + field + " is missing."));
    if (text.size() > kMaxName || has_control_characters(text)) {
        return fail(Error::invalid(field, "The " + field + " must be one line of at most " +
                                              std::to_string(kMaxName) + " bytes."));
    }
    return {};
}

}  // namespace

bool Directory::may_administer(const Actor& actor) {
    if (actor.session_id.empty() && actor.user_id == Actor{}.user_id)
        return true;  // the CLI on the server: whoever may open the data folder
    return std::find(actor.roles.begin(), actor.roles.end(), Role::Administrator) !=
           actor.roles.end();
}

Status Directory::require_administrator(const Actor& actor) const {
    if (!may_administer(actor)) {
        return fail(Error::make(ErrorCode::Forbidden,
                                "Only an administrator may manage institutions and users."));
    }
    return {};
}

Status Directory::record(const Actor& actor, const char* action, const std::string& reason) {
    return m_audit.record(
        audit::Record{actor.user_id, actor.institution_id, actor.address, action, "", "", reason});
}

Result<User> Directory::existing_user(const Id& user_id) {
    auto user = TRY(m_store.find_user(user_id));
    if (!user)
        return fail(Error::make(ErrorCode::NotFound, "No user has that id."));
    return *user;
}

Result<std::vector<Institution>> Directory::institutions(const Actor& actor) {
    TRY_STATUS(require_administrator(actor));
    auto institutions = TRY(m_store.list_institutions());
    std::sort(institutions.begin(), institutions.end(), [](const auto& a, const auto& b) {
        return std::tie(a.country, a.name) < std::tie(b.country, b.name);
    });
    return institutions;
}

Result<std::vector<User>> Directory::users(const Actor& actor) {
    TRY_STATUS(require_administrator(actor));
    auto users = TRY(m_store.list_users());
    std::sort(users.begin(), users.end(),
              [](const auto& a, const auto& b) { return a.username < b.username; });
    return users;
}

Result<User> Directory::user_named(const std::string& username, const Actor& actor) {
    TRY_STATUS(require_administrator(actor));
    auto user = TRY(m_store.find_user_by_name(username));
    if (!user)
        return fail(Error::make(ErrorCode::NotFound, "No user has that user name."));
    return *user;
}

Result<Institution> Directory::add_institution(const NewInstitution& request, const Actor& actor) {
    TRY_STATUS(require_administrator(actor));
    if (find_country(request.country) == nullptr) {
        return fail(Error::invalid("country",
                                   "The country must be an ISO 3166-1 alpha-2 code such as GT."));
    }
    const auto types = vocabulary::institution_type();
    if (std::find(types.begin(), types.end(), request.type) == types.end()) {
        std::string known;
        for (auto type : types)
            known += " " + std::string(type);
        return fail(Error::invalid("type", "The type must be one of:" + known + "."));
    }
    TRY_STATUS(check_display_text("name", request.name, true));
    Institution institution{Id::generate(m_clock.now()), request.country, request.type,
                            request.name, std::nullopt};
    if (!request.parent.empty()) {
        auto parent = Id::parse(request.parent);
        if (!parent || !TRY(m_store.find_institution(*parent)))
            return fail(Error::invalid("parent", "No institution has that id."));
        institution.parent = *parent;
    }
    TRY_STATUS(m_store.put_institution(institution));
    TRY_STATUS(m_store.set_totp_required(institution.id, request.require_totp));
    TRY_STATUS(record(actor, "institution_added", "institution " + institution.id.to_string()));
    return institution;
}

Result<Institution> Directory::set_parent(const std::string& institution_id,
                                          const std::string& parent_id, const Actor& actor) {
    TRY_STATUS(require_administrator(actor));
    auto id = Id::parse(institution_id);
    auto found = id ? TRY(m_store.find_institution(*id)) : std::nullopt;
    if (!found)
        return fail(Error::invalid("institution", "No institution has that id."));
    Institution institution = std::move(*found);
    institution.parent.reset();
    if (!parent_id.empty()) {
        auto parent = Id::parse(parent_id);
        auto above = parent ? TRY(m_store.find_institution(*parent)) : std::nullopt;
        if (!above)
            return fail(Error::invalid("parent", "No institution has that id."));
        // Up the new parent's chain: the institution must not be on it. The chain has no
        // circle (every change goes through here), so it ends; the bound is for a database
        // edited by hand.
        for (std::size_t step = 0; above && step < 10'000; ++step) {
            if (above->id == institution.id) {
                return fail(Error{ErrorCode::Conflict,
                                  "The parent is the institution itself or an institution below "
                                  "it: the escalation route would go round in a circle.",
                                  {},
                                  "parent"});
            }
            above = above->parent ? TRY(m_store.find_institution(*above->parent)) : std::nullopt;
        }
        institution.parent = *parent;
    }
    TRY_STATUS(m_store.put_institution(institution));
    TRY_STATUS(record(actor, "institution_parent_set",
                      "institution " + institution.id.to_string() + " parent " +
                          (institution.parent ? institution.parent->to_string() : "none")));
    return institution;
}

Result<User> Directory::add_user(const NewUser& request, const Actor& actor) {
    TRY_STATUS(require_administrator(actor));
    if (!valid_username(request.username)) {
        return fail(Error::invalid("username",
                                   "A user name has 1 to 64 letters, digits, '.', '-' or '_'."));
    }
    if (TRY(m_store.find_user_by_name(request.username)))
        return fail(Error{ErrorCode::Conflict, "That user name is taken.", {}, "username"});
    TRY_STATUS(check_display_text("display_name", request.display_name, false));
    auto institution = Id::parse(request.institution);
    if (!institution || !TRY(m_store.find_institution(*institution)))
        return fail(Error::invalid("institution", "No institution has that id."));
    User user;
    user.id = Id::generate(m_clock.now());
    user.username = request.username;
    user.display_name = blank(request.display_name) ? request.username : request.display_name;
    user.institution_id = *institution;
    for (const auto& name : request.roles) {
        auto role = parse_role(name);
        if (!role) {
            return fail(Error::invalid("roles", "Unknown role '" + name +
                                                    "'. Roles: caseworker, psychologist, "
                                                    "legal_officer, consular_officer, supervisor, "
                                                    "statistics_coordinator, administrator."));
        }
        if (std::find(user.roles.begin(), user.roles.end(), *role) == user.roles.end())
            user.roles.push_back(*role);
    }
    if (user.roles.empty())
        return fail(Error::invalid("roles", "A user needs at least one role."));
    if (auto strong = check_password_strength(request.password); !strong) {
        auto error = strong.error();
        error.field = "password";
        return fail(error);
    }
    user.password_hash = TRY(hash_password(request.password));
    TRY_STATUS(m_store.put_user(user));
    std::string roles;
    for (auto role : user.roles)
        roles += (roles.empty() ? "" : ",") + std::string(to_string(role));
    TRY_STATUS(record(actor, "user_added",
                      "user " + user.id.to_string() + " (" + roles + ") of institution " +
                          user.institution_id.to_string()));
    return user;
}

Result<int> Directory::disable_user(const Id& user_id, const Actor& actor) {
    TRY_STATUS(require_administrator(actor));
    // Another administrator must do it, so that nobody locks a deployment out by a slip.
    if (user_id.to_string() == actor.user_id) {
        return fail(Error::invalid(
            "self", "An administrator cannot disable their own account; another one can."));
    }
    auto user = TRY(existing_user(user_id));
    TRY_STATUS(m_store.disable_user(user.id));
    // A disabled user's open sessions end now, in every server process.
    auto closed = TRY(m_store.revoke_user_sessions(user.id, m_clock.now()));
    TRY_STATUS(record(actor, "user_disabled", "user " + user.id.to_string()));
    return closed;
}

Result<int> Directory::reset_password(const Id& user_id, const std::string& password,
                                      const Actor& actor) {
    TRY_STATUS(require_administrator(actor));
    auto user = TRY(existing_user(user_id));
    if (auto strong = check_password_strength(password); !strong) {
        auto error = strong.error();
        error.field = "password";
        return fail(error);
    }
    auto hash = TRY(hash_password(password));
    TRY_STATUS(m_store.set_user_password(user.id, hash));
    auto closed = TRY(m_store.revoke_user_sessions(user.id, m_clock.now()));
    TRY_STATUS(record(actor, "password_reset", "user " + user.id.to_string()));
    return closed;
}

}  // namespace retorno::access
