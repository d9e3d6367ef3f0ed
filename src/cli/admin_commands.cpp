// `retorno institution add|list` and `retorno user add|disable|reset-password|list`: the
// directory of institutions and their users, managed by an administrator on the server.

#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <iostream>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "core/iso_country.h"
#include "crypto/password.h"
#include "crypto/totp.h"
#include "domain/vocabulary.h"
#include "service/deployment.h"

namespace retorno::cli {

namespace {

int report(const Error& error) {
    std::cerr << "retorno: " << error.message << "\n";
    if (!error.detail.empty())
        std::cerr << "  (" << error.detail << ")\n";
    return error.code == ErrorCode::InvalidInput || error.code == ErrorCode::Conflict ||
                   error.code == ErrorCode::NotFound
               ? 1
               : 2;
}

struct InstitutionOptions {
    std::string data = "data";
    std::string country;
    std::string type;
    std::string name;
    std::string parent;
    bool require_totp = false;
};

struct UserOptions {
    std::string data = "data";
    std::string username;
    std::string display_name;
    std::string institution;
    std::vector<std::string> roles;
    bool password_stdin = false;
    bool totp = false;
};

// A password typed on the command line would show in the process list and the shell history;
// it is read from standard input instead, or generated and printed once.
Result<std::string> new_password(bool from_stdin) {
    if (from_stdin) {
        std::string password;
        std::getline(std::cin, password);
        TRY_STATUS(check_password_strength(password));
        return password;
    }
    if (sodium_init() < 0)
        return fail(Error::internal("libsodium failed to initialise"));
    static constexpr std::string_view kAlphabet =
        "abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY34679";
    std::string password;
    for (int i = 0; i < 20; ++i) {
        password += kAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kAlphabet.size()))];
    }
    return password;
}

Result<std::unique_ptr<Deployment>> open(const std::string& data) {
    return open_deployment(data, MustExist::Yes);
}

int institution_add(const InstitutionOptions& options) {
    auto deployment = open(options.data);
    if (!deployment)
        return report(deployment.error());
    auto& store = *(*deployment)->store;
    if (find_country(options.country) == nullptr) {
        return report(Error::invalid("--country",
                                     "--country must be an ISO 3166-1 alpha-2 code such as GT."));
    }
    const auto types = vocabulary::institution_type();
    if (std::find(types.begin(), types.end(), options.type) == types.end()) {
        std::string known;
        for (auto t : types)
            known += fmt::format(" {}", t);
        return report(Error::invalid("--type", "--type must be one of:" + known));
    }
    Institution institution{Id::generate(), options.country, options.type, options.name,
                            std::nullopt};
    if (!options.parent.empty()) {
        auto parent = Id::parse(options.parent);
        if (!parent)
            return report(Error::invalid("--parent", "--parent must be an institution id."));
        institution.parent = *parent;
    }
    if (auto put = store.put_institution(institution); !put)
        return report(put.error());
    if (auto set = store.set_totp_required(institution.id, options.require_totp); !set) {
        return report(set.error());
    }
    std::cout << institution.id.to_string() << "\n";
    return 0;
}

int institution_list(const std::string& data) {
    auto deployment = open(data);
    if (!deployment)
        return report(deployment.error());
    auto& store = *(*deployment)->store;
    auto institutions = store.list_institutions();
    if (!institutions)
        return report(institutions.error());
    for (const auto& i : *institutions) {
        auto totp = store.totp_required(i.id);
        std::printf("%s  %s  %-28s %-5s %s\n", i.id.to_string().c_str(), i.country.c_str(),
                    i.type.c_str(), totp.value_or(false) ? "totp" : "-", i.name.c_str());
    }
    return 0;
}

Result<User> find_user(Store& store, const std::string& username) {
    auto user = TRY(store.find_user_by_name(username));
    if (!user)
        return fail(Error::make(ErrorCode::NotFound, "No user has that user name."));
    return *user;
}

int user_add(const UserOptions& options) {
    auto deployment = open(options.data);
    if (!deployment)
        return report(deployment.error());
    auto& store = *(*deployment)->store;
    User user;
    user.id = Id::generate();
    user.username = options.username;
    user.display_name = options.display_name.empty() ? options.username : options.display_name;
    auto institution = Id::parse(options.institution);
    if (!institution)
        return report(Error::invalid("--institution", "--institution must be an institution id."));
    auto found = store.find_institution(*institution);
    if (!found)
        return report(found.error());
    if (!*found)
        return report(Error::invalid("--institution", "No institution has that id."));
    user.institution_id = *institution;
    for (const auto& name : options.roles) {
        auto role = parse_role(name);
        if (!role) {
            return report(
                Error::invalid("--role", "Unknown role '" + name +
                                             "'. Roles: caseworker, psychologist, "
                                             "legal_officer, consular_officer, supervisor, "
                                             "statistics_coordinator, administrator."));
        }
        user.roles.push_back(*role);
    }
    auto password = new_password(options.password_stdin);
    if (!password)
        return report(password.error());
    auto hash = hash_password(*password);
    if (!hash)
        return report(hash.error());
    user.password_hash = *hash;
    if (auto put = store.put_user(user); !put)
        return report(put.error());
    std::cout << "user " << user.username << " added (" << user.id.to_string() << ")\n";
    if (!options.password_stdin)
        std::cout << "password (shown once): " << *password << "\n";
    if (options.totp) {
        auto secret = new_totp_secret();
        if (!secret)
            return report(secret.error());
        if (auto set = store.set_user_totp_secret(user.id, *secret); !set)
            return report(set.error());
        std::cout << "TOTP secret (shown once): " << *secret << "\n"
                  << "otpauth://totp/retorno:" << user.username << "?secret=" << *secret
                  << "&issuer=retorno\n";
    }
    return 0;
}

int user_disable(const UserOptions& options) {
    auto deployment = open(options.data);
    if (!deployment)
        return report(deployment.error());
    auto& store = *(*deployment)->store;
    auto user = find_user(store, options.username);
    if (!user)
        return report(user.error());
    user->disabled = true;
    if (auto put = store.put_user(*user); !put)
        return report(put.error());
    // A disabled user's open sessions end now, in every server process.
    auto revoked = store.revoke_user_sessions(user->id, now_utc());
    if (!revoked)
        return report(revoked.error());
    std::cout << "user " << user->username << " disabled; " << *revoked << " sessions closed\n";
    return 0;
}

int user_reset_password(const UserOptions& options) {
    auto deployment = open(options.data);
    if (!deployment)
        return report(deployment.error());
    auto& store = *(*deployment)->store;
    auto user = find_user(store, options.username);
    if (!user)
        return report(user.error());
    auto password = new_password(options.password_stdin);
    if (!password)
        return report(password.error());
    auto hash = hash_password(*password);
    if (!hash)
        return report(hash.error());
    user->password_hash = *hash;
    if (auto put = store.put_user(*user); !put)
        return report(put.error());
    auto revoked = store.revoke_user_sessions(user->id, now_utc());
    if (!revoked)
        return report(revoked.error());
    std::cout << "password of " << user->username << " reset; " << *revoked << " sessions closed\n";
    if (!options.password_stdin)
        std::cout << "password (shown once): " << *password << "\n";
    return 0;
}

int user_list(const std::string& data) {
    auto deployment = open(data);
    if (!deployment)
        return report(deployment.error());
    auto users = (*deployment)->store->list_users();
    if (!users)
        return report(users.error());
    for (const auto& u : *users) {
        std::string roles;
        for (auto r : u.roles)
            roles += (roles.empty() ? "" : ",") + std::string(to_string(r));
        std::printf("%-24s %-36s %-40s %s%s\n", u.username.c_str(),
                    u.institution_id.to_string().c_str(), roles.c_str(), u.display_name.c_str(),
                    u.disabled ? " (disabled)" : "");
    }
    return 0;
}

}  // namespace

void add_admin_commands(CLI::App& app, CliContext& context) {
    auto* institution = app.add_subcommand("institution", "Manage the directory of institutions");
    institution->require_subcommand(1);
    auto iopts = std::make_shared<InstitutionOptions>();
    auto* iadd = institution->add_subcommand("add", "Add an institution; prints its id");
    iadd->add_option("--data", iopts->data, "The data folder")->capture_default_str();
    iadd->add_option("--country", iopts->country, "ISO 3166-1 alpha-2 code")->required();
    iadd->add_option("--type", iopts->type, "Institution type (HTCDS organisation types and more)")
        ->required();
    iadd->add_option("--name", iopts->name, "Name")->required();
    iadd->add_option("--parent", iopts->parent, "Id of the institution overdue tasks escalate to");
    iadd->add_flag("--require-totp", iopts->require_totp,
                   "Its users must sign in with a TOTP code");
    iadd->callback([iopts, &context] { context.exit_code = institution_add(*iopts); });
    auto* ilist = institution->add_subcommand("list", "List institutions");
    ilist->add_option("--data", iopts->data, "The data folder")->capture_default_str();
    ilist->callback([iopts, &context] { context.exit_code = institution_list(iopts->data); });

    auto* user = app.add_subcommand("user", "Manage users");
    user->require_subcommand(1);
    auto uopts = std::make_shared<UserOptions>();
    auto* uadd = user->add_subcommand("add", "Add a user; prints a generated password once");
    uadd->add_option("--data", uopts->data, "The data folder")->capture_default_str();
    uadd->add_option("--username", uopts->username, "User name")->required();
    uadd->add_option("--name", uopts->display_name, "Display name");
    uadd->add_option("--institution", uopts->institution, "Institution id")->required();
    uadd->add_option("--role", uopts->roles, "Role (repeat for several)")->required();
    uadd->add_flag("--password-stdin", uopts->password_stdin,
                   "Read the password from standard input");
    uadd->add_flag("--totp", uopts->totp, "Enrol a TOTP second factor; prints its secret once");
    uadd->callback([uopts, &context] { context.exit_code = user_add(*uopts); });
    auto* udisable = user->add_subcommand("disable", "Disable a user and close their sessions");
    udisable->add_option("--data", uopts->data, "The data folder")->capture_default_str();
    udisable->add_option("--username", uopts->username, "User name")->required();
    udisable->callback([uopts, &context] { context.exit_code = user_disable(*uopts); });
    auto* ureset =
        user->add_subcommand("reset-password", "Set a new password and close their sessions");
    ureset->add_option("--data", uopts->data, "The data folder")->capture_default_str();
    ureset->add_option("--username", uopts->username, "User name")->required();
    ureset->add_flag("--password-stdin", uopts->password_stdin,
                     "Read the password from standard input");
    ureset->callback([uopts, &context] { context.exit_code = user_reset_password(*uopts); });
    auto* ulist = user->add_subcommand("list", "List users");
    ulist->add_option("--data", uopts->data, "The data folder")->capture_default_str();
    ulist->callback([uopts, &context] { context.exit_code = user_list(uopts->data); });
}

}  // namespace retorno::cli
