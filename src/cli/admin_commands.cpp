// `retorno institution add|list` and `retorno user add|disable|reset-password|list`: the
// directory of institutions and their users, managed by an administrator on the server.

#include <sodium.h>

#include <cstdio>
#include <iostream>

#include <CLI/CLI.hpp>

#include "access/directory.h"
#include "audit/audit_trail.h"
#include "audit/signing_key.h"
#include "cli/commands.h"
#include "crypto/totp.h"
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
    std::string institution;  // set-parent: the institution whose parent changes
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
        return password;  // the directory checks its strength
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

// A deployment opened for the directory: the store, and the audit trail that records every
// change with the deployment's signing key (the server's own, so `audit verify` holds).
struct Opened {
    std::unique_ptr<Deployment> deployment;
    std::unique_ptr<audit::AuditTrail> audit;
    std::unique_ptr<access::Directory> directory;
};

Result<Opened> open(const std::string& data) {
    Opened opened;
    opened.deployment = TRY(open_deployment(data, MustExist::Yes));
    auto key =
        TRY(audit::load_signing_key(std::filesystem::path(data) / "keys" / audit::kAuditKeyFile));
    auto& deployment = *opened.deployment;
    opened.audit =
        std::make_unique<audit::AuditTrail>(*deployment.store, deployment.clock, std::move(key));
    opened.directory =
        std::make_unique<access::Directory>(*deployment.store, *opened.audit, deployment.clock);
    return opened;
}

// The local operator: the CLI acts for whoever may open the data folder on the server.
Actor local_operator() {
    Actor actor;
    actor.address = "local";
    return actor;
}

// The directory's refusals name the field; the CLI names its option.
int report_option(Error error) {
    if (!error.field.empty()) {
        std::string option = error.field;
        if (option == "display_name")
            option = "name";
        else if (option == "roles")
            option = "role";
        else if (option == "password")
            option = "password-stdin";
        error.message = "--" + option + ": " + error.message;
    }
    return report(error);
}

int institution_add(const InstitutionOptions& options) {
    auto opened = open(options.data);
    if (!opened)
        return report(opened.error());
    auto added = opened->directory->add_institution(
        {options.country, options.type, options.name, options.parent, options.require_totp},
        local_operator());
    if (!added)
        return report_option(added.error());
    std::cout << added->id.to_string() << "\n";
    return 0;
}

int institution_set_parent(const InstitutionOptions& options) {
    auto opened = open(options.data);
    if (!opened)
        return report(opened.error());
    auto set = opened->directory->set_parent(options.institution, options.parent, local_operator());
    if (!set)
        return report_option(set.error());
    return 0;
}

int institution_list(const std::string& data) {
    auto opened = open(data);
    if (!opened)
        return report(opened.error());
    auto& store = *opened->deployment->store;
    auto institutions = opened->directory->institutions(local_operator());
    if (!institutions)
        return report(institutions.error());
    for (const auto& i : *institutions) {
        auto totp = store.totp_required(i.id);
        std::printf("%s  %s  %-28s %-5s %s\n", i.id.to_string().c_str(), i.country.c_str(),
                    i.type.c_str(), totp.value_or(false) ? "totp" : "-", i.name.c_str());
    }
    return 0;
}

int user_add(const UserOptions& options) {
    auto opened = open(options.data);
    if (!opened)
        return report(opened.error());
    auto password = new_password(options.password_stdin);
    if (!password)
        return report_option(password.error());
    auto added = opened->directory->add_user(
        {options.username, options.display_name, options.institution, options.roles, *password},
        local_operator());
    if (!added)
        return report_option(added.error());
    std::cout << "user " << added->username << " added (" << added->id.to_string() << ")\n";
    if (!options.password_stdin)
        std::cout << "password (shown once): " << *password << "\n";
    if (options.totp) {
        auto secret = new_totp_secret();
        if (!secret)
            return report(secret.error());
        if (auto set = opened->deployment->store->set_user_totp_secret(added->id, *secret); !set)
            return report(set.error());
        std::cout << "TOTP secret (shown once): " << *secret << "\n"
                  << "otpauth://totp/retorno:" << added->username << "?secret=" << *secret
                  << "&issuer=retorno\n";
    }
    return 0;
}

// `user disable` and `user reset-password`: the user named by --username, then the directory.
template <typename Change>
int change_user(const UserOptions& options, Change change) {
    auto opened = open(options.data);
    if (!opened)
        return report(opened.error());
    auto user = opened->directory->user_named(options.username, local_operator());
    if (!user)
        return report(user.error());
    return change(*opened->directory, *user);
}

int user_disable(const UserOptions& options) {
    return change_user(options, [](access::Directory& directory, const User& user) {
        auto closed = directory.disable_user(user.id, local_operator());
        if (!closed)
            return report_option(closed.error());
        std::cout << "user " << user.username << " disabled; " << *closed << " sessions closed\n";
        return 0;
    });
}

int user_reset_password(const UserOptions& options) {
    return change_user(options, [&options](access::Directory& directory, const User& user) {
        auto password = new_password(options.password_stdin);
        if (!password)
            return report_option(password.error());
        auto closed = directory.reset_password(user.id, *password, local_operator());
        if (!closed)
            return report_option(closed.error());
        std::cout << "password of " << user.username << " reset; " << *closed
                  << " sessions closed\n";
        if (!options.password_stdin)
            std::cout << "password (shown once): " << *password << "\n";
        return 0;
    });
}

int user_list(const std::string& data) {
    auto opened = open(data);
    if (!opened)
        return report(opened.error());
    auto users = opened->directory->users(local_operator());
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
    iadd->add_option("--parent", iopts->parent,
                     "Id of the institution it answers to, up whose chain overdue tasks escalate");
    iadd->add_flag("--require-totp", iopts->require_totp,
                   "Its users must sign in with a TOTP code");
    iadd->callback([iopts, &context] { context.exit_code = institution_add(*iopts); });
    auto* iparent = institution->add_subcommand(
        "set-parent", "Set the institution an institution answers to (none without --parent)");
    iparent->add_option("--data", iopts->data, "The data folder")->capture_default_str();
    iparent->add_option("--institution", iopts->institution, "Id of the institution")->required();
    iparent->add_option("--parent", iopts->parent,
                        "Id of the institution it answers to, up whose chain overdue tasks "
                        "escalate; leave out for none");
    iparent->callback([iopts, &context] { context.exit_code = institution_set_parent(*iopts); });
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
