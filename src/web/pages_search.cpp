#include <algorithm>
#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include <boost/json.hpp>

#include "core/whole_number.h"
#include "domain/vocabulary.h"
#include "matching/match_scorer.h"
#include "web/child_search.h"
#include "web/inbox_counts.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/view_helpers.h"

namespace retorno::web {

namespace json = boost::json;

namespace {

// Statistics coordinators and administrators see no case, so they neither search nor open one.
Status require_case_role(const Page& page) {
    if (!access::sees_case_content(page.actor.roles)) {
        return fail(Error::make(ErrorCode::Forbidden, "Your roles do not work on cases."));
    }
    return {};
}

List country_options(WebContext& web, const Page& page, const std::string& chosen) {
    List out;
    for (const auto& [key, name] : web.locales.strings(page.lang)) {
        if (key.starts_with("country."))
            out.push_back(option(key.substr(8), name, key.substr(8) == chosen));
    }
    return out;
}

// The form of a new case, filled with what was searched for or sent.
Result<http::Response> new_case_form(WebContext& web, const Page& page, const Form* sent,
                                     const std::string& error_field, const std::string& message,
                                     int status) {
    auto get = [&](const std::string& name, const std::string& fallback = "") {
        if (sent != nullptr)
            return sent->get(name);
        auto from_query = page.query(name);
        return from_query.empty() ? fallback : from_query;
    };
    Data context;
    context.set("prs_FirstName", get("prs_FirstName"));
    context.set("prs_SecondName", get("prs_SecondName"));
    context.set("prs_Birthdate", get("prs_Birthdate"));
    context.set("age_estimate", get("age_estimate"));
    context.set("prs_PrimaryLanguage", get("prs_PrimaryLanguage", "es"));
    context.set("prs_MailingCity", get("prs_MailingCity"));
    List genders;
    for (auto value : vocabulary::gender()) {
        std::string v(value);
        genders.push_back(option(v, web.locales.label(page.lang, v), v == get("prs_Gender")));
    }
    context.set("genders", genders);
    context.set("citizenship", country_options(web, page, get("prs_Citizenship")));
    context.set("origins",
                country_options(web, page, get("origin_country", get("prs_Citizenship"))));
    context.set(
        "destinations",
        country_options(web, page, get("destination_country", page.actor.institution_country)));
    List exploitation;
    auto chosen = sent ? sent->all("vic_TypeOfExploitation") : std::vector<std::string>{};
    for (auto value : vocabulary::type_of_exploitation()) {
        std::string v(value);
        Data item = option(v, web.locales.label(page.lang, v),
                           std::find(chosen.begin(), chosen.end(), v) != chosen.end());
        item.set("id", "x-" + v);
        exploitation.push_back(item);
    }
    context.set("exploitation", exploitation);
    if (!message.empty()) {
        Data error{Data::type::object};
        error.set(error_field.empty() ? std::string("form") : error_field, message);
        context.set("error", error);
    }
    return render_page(web, page, "new_case", context, "new_case.title", status);
}

// Where the new-case form shows a refused field's message: next to the field the pointer names
// ("/person/prs_Birthdate" -> "prs_Birthdate", "/victim/vic_TypeOfExploitation/1" ->
// "vic_TypeOfExploitation"), or above the form ("form") when the form has no such field, so that
// no refusal goes unsaid.
std::string new_case_field(const std::string& pointer) {
    static constexpr std::string_view kFields[] = {
        "prs_FirstName",       "prs_SecondName",  "prs_Birthdate",         "age_estimate",
        "prs_Gender",          "prs_Citizenship", "prs_PrimaryLanguage",   "prs_MailingCity",
        "destination_country", "origin_country",  "vic_TypeOfExploitation"};
    std::string_view rest = pointer;
    while (!rest.empty()) {
        const auto slash = rest.rfind('/');
        const auto segment = rest.substr(slash == std::string_view::npos ? 0 : slash + 1);
        if (std::find(std::begin(kFields), std::end(kFields), segment) != std::end(kFields))
            return std::string(segment);
        if (segment.empty() || segment.find_first_not_of("0123456789") != std::string_view::npos ||
            slash == std::string_view::npos)
            break;
        rest = rest.substr(0, slash);  // an item of a list: the list's field
    }
    return "form";
}

// Where a refused search shows its message, and which message: the index names the HTCDS
// field it refused; the form has one place for both names.
std::pair<std::string, std::string> search_error(const ChildQuery& query,
                                                 const std::string& field) {
    if (field == "prs_Birthdate")
        return {"birthdate", "search.bad_birthdate"};
    if (field.starts_with("prs_") && field.ends_with("Name")) {
        bool no_name = query.given_names.find_first_not_of(" \t") == std::string::npos &&
                       query.surnames.find_first_not_of(" \t") == std::string::npos;
        return {"name", no_name ? "search.need_name" : "search.bad_name"};
    }
    return {"form", "search.bad_query"};
}

// A score as a whole percentage, "87 %".
std::string likeness(double score) {
    return std::to_string(static_cast<int>(score * 100.0 + 0.5)) + " %";
}

// Why the index thinks it is the same child, in the reader's language.
std::string reasons_in(WebContext& web, const Page& page, const matching::MatchResult& result) {
    std::string out;
    for (std::size_t i = 0; i < result.reason_count; ++i) {
        if (!out.empty())
            out += "; ";
        out += web.locales.text(page.lang,
                                "match." + std::string(matching::reason_code(result.reasons[i])));
    }
    return out;
}

}  // namespace

void add_search_pages(http::Router& router, WebContext& web) {
    add_page(router, web, "GET", "/cases/search",
             [](WebContext& web, const Page& page) -> Result<http::Response> {
                 TRY_STATUS(require_case_role(page));
                 ChildQuery query{page.query("given_names"), page.query("surnames"),
                                  page.query("birthdate"), page.query("nationality")};
                 Data context;
                 context.set("given_names", query.given_names);
                 context.set("surnames", query.surnames);
                 context.set("birthdate", query.birthdate);
                 context.set("nationalities", country_options(web, page, query.nationality));
                 if (query.empty())
                     return render_page(web, page, "search", context, "search.title");
                 auto found = search_children(web, page.actor, query);
                 if (!found) {
                     if (found.error().code != ErrorCode::InvalidInput)
                         return fail(found.error());
                     auto [field, key] = search_error(query, found.error().field);
                     context.set(field + "_error", web.locales.text(page.lang, key));
                     return render_page(web, page, "search", context, "search.title", 400);
                 }
                 context.set("searched", true);
                 List results;
                 for (const auto& seen : *found) {
                     const auto& c = seen.value.found;
                     const access::Seen<Case> seen_case{c, seen.visibility};
                     Data row{Data::type::object};
                     row.set("case_id", c.id.to_string());
                     row.set("child", child_label(web, page, seen_case));
                     if (c.person.birthdate)
                         row.set("birthdate", web.locales.date(page.lang, *c.person.birthdate));
                     row.set("route", country_name(web, page, c.destination_country) + " → " +
                                          country_name(web, page, c.origin_country));
                     row.set("status", web.locales.label(page.lang, c.status));
                     row.set("opened_at", web.locales.date(page.lang, date_of(c.opened_at)));
                     row.set("likeness", likeness(seen.value.result.score));
                     row.set("reasons", reasons_in(web, page, seen.value.result));
                     results.push_back(row);
                 }
                 context.set("none", results.empty());
                 context.set("results", results);
                 // The new-case form starts with what was searched for.
                 context.set("new_case_query",
                             "prs_FirstName=" + url_component(query.given_names) +
                                 "&prs_SecondName=" + url_component(query.surnames) +
                                 "&prs_Birthdate=" + url_component(query.birthdate) +
                                 "&prs_Citizenship=" + url_component(query.nationality));
                 return render_page(web, page, "search", context, "search.title");
             });

    add_page(router, web, "GET", "/cases/new",
             [](WebContext& web, const Page& page) -> Result<http::Response> {
                 TRY_STATUS(require_case_role(page));
                 return new_case_form(web, page, nullptr, "", "", 200);
             });

    add_page(router, web, "POST", "/cases/new",
             [](WebContext& web, const Page& page) -> Result<http::Response> {
                 TRY_STATUS(require_case_role(page));
                 const auto& form = page.form;
                 json::object person;
                 for (const char* name : {"prs_FirstName", "prs_SecondName", "prs_Birthdate",
                                          "prs_Gender", "prs_PrimaryLanguage", "prs_MailingCity"}) {
                     if (!form.get(name).empty())
                         person[name] = form.get(name);
                 }
                 if (!form.get("prs_Citizenship").empty())
                     person["prs_Citizenship"] =
                         json::array{json::string(form.get("prs_Citizenship"))};
                 if (auto estimate = form.get("age_estimate"); !estimate.empty()) {
                     // A whole number, all of it ("12 años" or "1e3" is not 12 or 1); anything else
                     // goes on as text and is refused below, next to the field.
                     if (auto years = whole_number<std::int64_t>(estimate))
                         person["age_estimate"] = *years;
                     else
                         person["age_estimate"] = estimate;
                     person["age_estimate_date"] = format_date(date_of(web.clock.now()));
                 }
                 json::array exploitation;
                 for (const auto& value : form.all("vic_TypeOfExploitation"))
                     exploitation.emplace_back(value);
                 json::object victim;
                 if (!exploitation.empty())
                     victim["vic_TypeOfExploitation"] = std::move(exploitation);
                 json::object body{{"person", std::move(person)},
                                   {"victim", std::move(victim)},
                                   {"origin_country", form.get("origin_country")},
                                   {"destination_country", form.get("destination_country")}};
                 auto request = open_case_request_from_json(body);
                 auto opened = request ? web.security.cases.open_case(*request, page.actor)
                                       : Result<access::Seen<Case>>(fail(request.error()));
                 if (opened) {
                     inbox_counts().forget_all();
                     return redirect("/cases/" + opened->value.id.to_string());
                 }
                 const auto& error = opened.error();
                 if (error.code != ErrorCode::InvalidInput)
                     return fail(error);
                 return new_case_form(web, page, &form, new_case_field(error.field),
                                      error_text(web, page.lang, error), 400);
             });
}

}  // namespace retorno::web
