#include <algorithm>
#include <map>

#include "access/directory.h"
#include "http/problem.h"
#include "web/admin_form.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/view_helpers.h"

namespace retorno::web {

namespace {

constexpr Role kRoles[] = {Role::Caseworker,      Role::Psychologist, Role::LegalOfficer,
                           Role::ConsularOfficer, Role::Supervisor,   Role::StatisticsCoordinator,
                           Role::Administrator};

// Which form a refusal belongs to: the add form, or one user's password reset.
struct UsersProblem {
    const Error* error = nullptr;
    std::string reset_user;  // the user id of a refused reset
};

Result<http::Response> users_page(WebContext& web, const Page& page, UsersProblem problem = {}) {
    auto users = TRY(web.security.directory.users(page.actor));
    auto institutions = TRY(web.security.directory.institutions(page.actor));
    std::map<std::string, std::string> names;
    for (const auto& institution : institutions) {
        names[institution.id.to_string()] =
            institution.name + " (" + country_name(web, page, institution.country) + ")";
    }
    auto text = [&](const std::string& key) { return web.locales.text(page.lang, key); };

    std::string reset_error;
    if (problem.error != nullptr && !problem.reset_user.empty()) {
        List none;
        reset_error = TRY(place_refusal(web, page, *problem.error, none));
    }
    List rows;
    for (const auto& user : users) {
        Data row{Data::type::object};
        auto id = user.id.to_string();
        row.set("id", id);
        row.set("username", user.username);
        row.set("display_name", user.display_name);
        row.set("institution", names.contains(user.institution_id.to_string())
                                   ? names[user.institution_id.to_string()]
                                   : user.institution_id.to_string());
        std::string roles;
        for (auto role : user.roles)
            roles += (roles.empty() ? "" : ", ") + text("role." + std::string(to_string(role)));
        row.set("roles", roles);
        row.set("disabled", user.disabled);
        if (id == problem.reset_user && !reset_error.empty())
            row.set("reset_error", reset_error);
        rows.push_back(row);
    }

    const auto& sent = page.form;
    List institution_options;
    for (const auto& institution : institutions) {
        auto id = institution.id.to_string();
        institution_options.push_back(option(id, names[id], sent.get("institution") == id));
    }
    auto chosen = sent.all("roles");
    List role_options;
    for (auto role : kRoles) {
        std::string value(to_string(role));
        Data item = option(value, text("role." + value),
                           std::find(chosen.begin(), chosen.end(), value) != chosen.end());
        item.set("id", "a-role-" + value);
        item.set("name", "roles");
        role_options.push_back(item);
    }
    Data roles{Data::type::object};
    roles.set("id", "a-roles");
    roles.set("name", "roles");
    roles.set("label", text("admin.roles"));
    roles.set("checkboxes", true);
    roles.set("required", true);
    roles.set("options", role_options);

    List fields;
    fields.push_back(
        admin_input("username", text("admin.username"), "text", sent.get("username"), true));
    fields.push_back(admin_input("display_name", text("admin.display_name"), "text",
                                 sent.get("display_name"), false));
    fields.push_back(
        admin_select("institution", text("admin.institution"), institution_options, true));
    fields.push_back(roles);
    fields.push_back(admin_input("password", text("admin.initial_password"), "password", "", true));

    Data context;
    context.set("users", rows);
    context.set("notice", done_notice(web, page));
    if (problem.error != nullptr && problem.reset_user.empty())
        context.set("form_error", TRY(place_refusal(web, page, *problem.error, fields)));
    context.set("fields", fields);
    return render_page(web, page, "admin_users", context, "admin.users_title",
                       problem.error != nullptr ? http::status_of(problem.error->code) : 200);
}

Result<Id> user_id_of(const Page& page) {
    auto id = Id::parse(page.param("id"));
    if (!id)
        return fail(Error::make(ErrorCode::NotFound, "No user has that id."));
    return *id;
}

}  // namespace

// The administrators' list of users: adding one, disabling one, resetting a password
// (access::Directory, shared with `retorno user …`). Other roles get 403 from the directory.
void add_admin_user_pages(http::Router& router, WebContext& web) {
    add_page(router, web, "GET", "/admin/users",
             [](WebContext& web, const Page& page) -> Result<http::Response> {
                 return users_page(web, page);
             });

    add_page(router, web, "POST", "/admin/users",
             [](WebContext& web, const Page& page) -> Result<http::Response> {
                 const auto& form = page.form;
                 access::NewUser request{form.get("username"), form.get("display_name"),
                                         form.get("institution"), form.all("roles"),
                                         form.get("password")};
                 auto added = web.security.directory.add_user(request, page.actor);
                 if (added)
                     return redirect("/admin/users?done=user_added");
                 if (added.error().code == ErrorCode::Forbidden)
                     return fail(added.error());
                 return users_page(web, page, {&added.error(), {}});
             });

    add_page(router, web, "POST", "/admin/users/{id}/disable",
             [](WebContext& web, const Page& page) -> Result<http::Response> {
                 auto id = TRY(user_id_of(page));
                 auto disabled = web.security.directory.disable_user(id, page.actor);
                 if (disabled)
                     return redirect("/admin/users?done=user_disabled");
                 if (disabled.error().code != ErrorCode::InvalidInput)
                     return fail(disabled.error());
                 // Shown in the user's own row, as a refused password reset is.
                 return users_page(web, page, {&disabled.error(), id.to_string()});
             });

    add_page(router, web, "POST", "/admin/users/{id}/password",
             [](WebContext& web, const Page& page) -> Result<http::Response> {
                 auto id = TRY(user_id_of(page));
                 auto reset = web.security.directory.reset_password(id, page.form.get("password"),
                                                                    page.actor);
                 if (reset)
                     return redirect("/admin/users?done=password_reset");
                 if (reset.error().code != ErrorCode::InvalidInput)
                     return fail(reset.error());
                 return users_page(web, page, {&reset.error(), id.to_string()});
             });
}

}  // namespace retorno::web
