#include <boost/json.hpp>

#include "web/case_view.h"
#include "web/inbox_counts.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/step_form.h"

namespace retorno::web {

namespace json = boost::json;

namespace {

Result<Id> case_id_of(const Page& page) {
    auto id = Id::parse(page.param("id"));
    if (!id)
        return fail(access::case_not_found());
    return *id;
}

Result<std::int64_t> version_of(const Page& page) {
    auto text = page.form.get("version");
    try {
        std::size_t used = 0;
        auto version = std::stoll(text, &used);
        if (used == text.size() && version > 0)
            return static_cast<std::int64_t>(version);
    } catch (const std::exception&) {
    }
    return fail(Error::make(ErrorCode::PreconditionRequired, "The form lacks the case version."));
}

// Records a step or a decision from its generated form; a refusal shows the case page again
// with the message next to the field (or above the form) and what was typed.
Result<http::Response> record(WebContext& web, const Page& page, EventKind kind) {
    auto id = TRY(case_id_of(page));
    const auto& step_id = page.param("step");
    auto seen = TRY(web.security.cases.require_party(id, page.actor, "record event"));
    const auto* definition =
        web.protocols.find(seen.value.protocol_id, seen.value.protocol_version);
    const auto* step = definition ? definition->step(step_id) : nullptr;
    if (step == nullptr || (kind == EventKind::DecisionRecorded && !step->decision))
        return fail(Error::make(ErrorCode::NotFound, "No such step."));
    const std::string form_id =
        (kind == EventKind::DecisionRecorded ? "decision:" : "step:") + step_id;
    auto version = TRY(version_of(page));
    auto data = kind == EventKind::DecisionRecorded
                    ? data_from_form(step->decision->fields, page.form)
                    : data_from_form(step->fields, page.form);
    if (data) {
        if (kind == EventKind::DecisionRecorded && !page.form.get("decision").empty())
            (*data)["decision"] = page.form.get("decision");
        RecordEventRequest request{kind, step_id, std::move(*data)};
        auto result = web.security.cases.record_event(id, version, request, page.actor);
        if (result) {
            // Tasks moved: any institution's count may be stale (a step gives work to others).
            inbox_counts().forget_all();
            return redirect("/cases/" + id.to_string() + "#timeline");
        }
        data = fail(result.error());
    }
    const auto& error = data.error();
    if (error.code != ErrorCode::InvalidInput && error.code != ErrorCode::RuleViolation &&
        error.code != ErrorCode::Conflict && error.code != ErrorCode::UnknownField) {
        return fail(error);
    }
    auto problem = problem_of(web, page, error, form_id, page.form);
    return render_case_page(web, page, id, &problem);
}

}  // namespace

void add_case_pages(http::Router& router, WebContext& web) {
    add_page(router, web, "GET", "/cases/{id}",
             [](WebContext& web, const Page& page) -> Result<http::Response> {
                 return render_case_page(web, page, TRY(case_id_of(page)));
             });

    add_page(router, web, "POST", "/cases/{id}/steps/{step}",
             [](WebContext& web, const Page& page) -> Result<http::Response> {
                 return record(web, page, EventKind::StepCompleted);
             });

    add_page(router, web, "POST", "/cases/{id}/decisions/{step}",
             [](WebContext& web, const Page& page) -> Result<http::Response> {
                 return record(web, page, EventKind::DecisionRecorded);
             });

    add_page(router, web, "POST", "/cases/{id}/shares",
             [](WebContext& web, const Page& page) -> Result<http::Response> {
                 auto id = TRY(case_id_of(page));
                 json::array categories;
                 for (const auto& name : page.form.all("categories"))
                     categories.emplace_back(name);
                 json::object body{{"institution_id", page.form.get("institution_id")},
                                   {"purpose", page.form.get("purpose")},
                                   {"legal_basis", page.form.get("legal_basis")},
                                   {"categories", std::move(categories)}};
                 auto request = access::share_request_from_json(body);
                 auto shared = request ? web.security.cases.share_case(id, *request, page.actor)
                                       : Result<CaseShare>(fail(request.error()));
                 if (shared)
                     return redirect("/cases/" + id.to_string() + "#sharing");
                 // A field that is wrong, or a share the protection of the child forbids
                 // (origin-not-notified), is said next to the form.
                 const auto code = shared.error().code;
                 if (code != ErrorCode::InvalidInput && code != ErrorCode::RuleViolation)
                     return fail(shared.error());
                 auto problem = problem_of(web, page, shared.error(), "share", page.form);
                 return render_case_page(web, page, id, &problem);
             });
}

}  // namespace retorno::web
