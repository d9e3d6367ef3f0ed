// `retorno audit verify` and `retorno audit show --case ID`.

#include <cstdio>
#include <iostream>
#include <map>

#include <CLI/CLI.hpp>

#include "audit/audit_chain.h"
#include "audit/signing_key.h"
#include "cli/commands.h"
#include "service/deployment.h"

namespace retorno::cli {

namespace {

struct AuditOptions {
    std::string data = "data";
    std::string case_id;
};

int report(const Error& error) {
    std::cerr << "retorno: " << error.message << "\n";
    if (!error.detail.empty())
        std::cerr << "  (" << error.detail << ")\n";
    return 2;
}

int audit_verify(const AuditOptions& options) {
    auto deployment = open_deployment(options.data, MustExist::Yes);
    if (!deployment)
        return report(deployment.error());
    auto key = audit::load_signing_key(std::filesystem::path(options.data) / "keys" /
                                       audit::kAuditKeyFile);
    if (!key)
        return report(key.error());
    auto result = audit::verify_chain(*(*deployment)->store, key->public_hex);
    if (!result)
        return report(result.error());
    if (!result->intact) {
        std::cout << "audit trail BROKEN at entry " << result->first_broken_seq << ": "
                  << result->problem << "\n";
        return 1;
    }
    std::cout << "audit trail intact: " << result->entries << " entries, " << result->signed_days
              << " signed days\n";
    return 0;
}

int audit_show(const AuditOptions& options) {
    auto deployment = open_deployment(options.data, MustExist::Yes);
    if (!deployment)
        return report(deployment.error());
    auto& store = *(*deployment)->store;
    std::map<std::string, std::string> users;
    std::map<std::string, std::string> institutions;
    if (auto list = store.list_users()) {
        for (const auto& u : *list)
            users[u.id.to_string()] = u.username;
    }
    if (auto list = store.list_institutions()) {
        for (const auto& i : *list)
            institutions[i.id.to_string()] = i.name;
    }
    auto name = [](const std::map<std::string, std::string>& names, const std::string& id) {
        auto it = names.find(id);
        return it == names.end() ? id : it->second;
    };
    std::int64_t after = 0;
    int shown = 0;
    for (;;) {
        auto page = store.audit_entries(after, 1000, options.case_id);
        if (!page)
            return report(page.error());
        for (const auto& e : *page) {
            std::printf("%s  #%lld  %-6s %-20s %-40s %-30s %-16s %s\n", e.recorded_at.c_str(),
                        static_cast<long long>(e.seq), e.action.c_str(),
                        name(users, e.actor_user).c_str(),
                        name(institutions, e.actor_institution).c_str(), e.categories.c_str(),
                        e.address.c_str(), e.reason.c_str());
            ++shown;
        }
        if (page->size() < 1000)
            break;
        after = page->back().seq;
    }
    if (shown == 0)
        std::cout << "no audit entries for that case\n";
    return 0;
}

}  // namespace

void add_audit_commands(CLI::App& app, CliContext& context) {
    auto* audit = app.add_subcommand("audit", "Verify and read the audit trail");
    audit->require_subcommand(1);
    auto options = std::make_shared<AuditOptions>();
    auto* verify = audit->add_subcommand("verify", "Check the hash chain and the signed day heads");
    verify->add_option("--data", options->data, "The data folder")->capture_default_str();
    verify->callback([options, &context] { context.exit_code = audit_verify(*options); });
    auto* show =
        audit->add_subcommand("show", "Who read or changed a case, when, from where and why");
    show->add_option("--data", options->data, "The data folder")->capture_default_str();
    show->add_option("--case", options->case_id, "The case id")->required();
    show->callback([options, &context] { context.exit_code = audit_show(*options); });
}

}  // namespace retorno::cli
