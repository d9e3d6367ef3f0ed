#include <map>

#include "access/directory.h"
#include "domain/vocabulary.h"
#include "http/problem.h"
#include "web/admin_form.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/view_helpers.h"

namespace retorno::web {

namespace {

// The forms of the page, for placing a refusal next to the one that was sent.
enum class InstitutionForm { Add, SetParent };

// The institutions, the form to add one and the form to change an institution's parent; the
// form that was sent comes back as it was, with `refusal` next to its field.
Result<http::Response> institutions_page(WebContext& web, const Page& page,
                                         const Error* refusal = nullptr,
                                         InstitutionForm refused = InstitutionForm::Add) {
    auto institutions = TRY(web.security.directory.institutions(page.actor));
    std::map<std::string, std::string> names;
    for (const auto& institution : institutions)
        names[institution.id.to_string()] = institution.name;

    List rows;
    for (const auto& institution : institutions) {
        Data row{Data::type::object};
        row.set("name", institution.name);
        row.set("country", country_name(web, page, institution.country));
        row.set("type", web.locales.label(page.lang, institution.type));
        row.set("parent", institution.parent ? names[institution.parent->to_string()] : "—");
        bool totp = TRY(web.store.totp_required(institution.id));
        row.set("totp", web.locales.text(page.lang, totp ? "admin.yes" : "admin.no"));
        row.set("id", institution.id.to_string());
        rows.push_back(row);
    }

    const bool parent_sent = refusal != nullptr && refused == InstitutionForm::SetParent;
    const Form nothing_sent;
    const auto& sent = parent_sent ? nothing_sent : page.form;
    auto text = [&](const char* key) { return web.locales.text(page.lang, key); };
    List countries;
    for (const auto& [key, name] : web.locales.strings(page.lang)) {
        if (key.starts_with("country."))
            countries.push_back(option(key.substr(8), name, sent.get("country") == key.substr(8)));
    }
    List types;
    for (auto type : vocabulary::institution_type()) {
        std::string value(type);
        types.push_back(
            option(value, web.locales.label(page.lang, value), sent.get("type") == value));
    }
    List parents;
    for (const auto& institution : institutions) {
        auto id = institution.id.to_string();
        parents.push_back(option(id, institution.name, sent.get("parent") == id));
    }
    List fields;
    fields.push_back(admin_select("country", text("admin.country"), countries, true));
    fields.push_back(admin_select("type", text("admin.type"), types, true));
    fields.push_back(admin_input("name", text("admin.name"), "text", sent.get("name"), true));
    fields.push_back(admin_select("parent", text("admin.parent"), parents, false));

    // Which institution answers to which: two lists of every institution (the field's template
    // puts "—", none, first in each), ids prefixed so that they differ from the add form's.
    const auto& sent_parent = parent_sent ? page.form : nothing_sent;
    List chosen;
    List superiors;
    for (const auto& institution : institutions) {
        auto id = institution.id.to_string();
        auto label = institution.name + " (" + country_name(web, page, institution.country) + ")";
        chosen.push_back(option(id, label, sent_parent.get("institution") == id));
        superiors.push_back(option(id, label, sent_parent.get("parent") == id));
    }
    List parent_fields;
    parent_fields.push_back(admin_select("institution", text("admin.institution"), chosen, true));
    parent_fields.push_back(admin_select("parent", text("admin.parent"), superiors, false));
    for (auto& field : parent_fields)
        field.set("id", "p-" + field.get("name")->string_value());

    Data context;
    context.set("institutions", rows);
    context.set("require_totp", sent.get("require_totp") == "yes");
    context.set("notice", done_notice(web, page));
    if (refusal != nullptr && !parent_sent)
        context.set("form_error", TRY(place_refusal(web, page, *refusal, fields)));
    if (parent_sent)
        context.set("parent_error", TRY(place_refusal(web, page, *refusal, parent_fields)));
    context.set("fields", fields);
    context.set("parent_fields", parent_fields);
    return render_page(web, page, "admin_institutions", context, "admin.institutions_title",
                       refusal != nullptr ? http::status_of(refusal->code) : 200);
}

}  // namespace

// The administrators' list of institutions, adding one and changing an institution's parent
// (access::Directory, shared with `retorno institution add|list|set-parent`). Other roles get
// 403 from the directory.
void add_admin_institution_pages(http::Router& router, WebContext& web) {
    add_page(router, web, "GET", "/admin/institutions",
             [](WebContext& web, const Page& page) -> Result<http::Response> {
                 return institutions_page(web, page);
             });

    add_page(router, web, "POST", "/admin/institutions",
             [](WebContext& web, const Page& page) -> Result<http::Response> {
                 const auto& form = page.form;
                 access::NewInstitution request{form.get("country"), form.get("type"),
                                                form.get("name"), form.get("parent"),
                                                form.get("require_totp") == "yes"};
                 auto added = web.security.directory.add_institution(request, page.actor);
                 if (added)
                     return redirect("/admin/institutions?done=institution_added");
                 if (added.error().code == ErrorCode::Forbidden)
                     return fail(added.error());
                 return institutions_page(web, page, &added.error());
             });

    add_page(router, web, "POST", "/admin/institutions/parent",
             [](WebContext& web, const Page& page) -> Result<http::Response> {
                 auto set = web.security.directory.set_parent(page.form.get("institution"),
                                                              page.form.get("parent"), page.actor);
                 if (set)
                     return redirect("/admin/institutions?done=institution_parent_set");
                 if (set.error().code == ErrorCode::Forbidden)
                     return fail(set.error());
                 return institutions_page(web, page, &set.error(), InstitutionForm::SetParent);
             });
}

}  // namespace retorno::web
