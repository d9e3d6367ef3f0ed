#include "web/case_view.h"

#include <algorithm>

#include <boost/json.hpp>

#include "access/categories.h"
#include "documents/document_kind.h"
#include "domain/case.h"
#include "domain/open_task.h"
#include "http/problem.h"
#include "web/display_names.h"
#include "web/step_form.h"
#include "web/view_helpers.h"

namespace retorno::web {

namespace json = boost::json;
using protocol::StepStatus;

namespace {

std::string text_of(WebContext& web, const Page& page, const json::value& value) {
    if (value.is_string())
        return web.locales.label(page.lang, std::string(value.get_string()));
    if (value.is_bool())
        return web.locales.text(page.lang, value.get_bool() ? "form.yes" : "form.no");
    if (value.is_array()) {
        std::string out;
        for (const auto& item : value.get_array()) {
            if (!out.empty())
                out += ", ";
            out += text_of(web, page, item);
        }
        return out;
    }
    if (value.is_object())
        return "…";
    return json::serialize(value);
}

std::string field_label(WebContext& web, const Page& page, const std::string& key) {
    auto full = "field." + key;
    const auto& bundle = web.locales.strings(page.lang);
    auto it = bundle.find(full);
    return it == bundle.end() ? key : it->second;
}

// Every key of an already redacted object, as {label, value}: what was removed is not listed.
List facts_of(WebContext& web, const Page& page, const json::object& object,
              const protocol::StepDef* step) {
    List out;
    for (const auto& [key, value] : object) {
        std::string name(key);
        if (name == "age_verified" || value.is_null())
            continue;
        std::string label = field_label(web, page, name);
        if (step != nullptr) {
            if (const auto* def = step->field(name);
                def && !def->label.in(protocol_language(page.lang)).empty())
                label = def->label.in(protocol_language(page.lang));
        }
        Data fact{Data::type::object};
        fact.set("label", label);
        fact.set("value", text_of(web, page, value));
        out.push_back(fact);
    }
    return out;
}

std::string status_name(StepStatus status) {
    std::string out(protocol::to_string(status));
    return out;
}

Data form_error(const FormProblem* problem, const std::string& form) {
    Data out{Data::type::object};
    if (problem != nullptr && problem->form == form && problem->field.empty())
        out.set("message", problem->message);
    return out;
}

bool may_see_access_log(const Actor& actor) {
    for (auto role : actor.roles) {
        if (role == Role::Supervisor || role == Role::LegalOfficer)
            return true;
    }
    return false;
}

// How many of the latest entries of the case's audit trail the page shows, the latest first.
constexpr int kAccessLogEntries = 500;

}  // namespace

// Why the reader's institution sees the case (Visibility::basis), in the reader's words: so
// that a committee that sees a case only while a task of it is late, or a recipient of a share,
// knows it.
std::string basis_text(WebContext& web, const Page& page, const std::string& basis) {
    if (basis == access::kBasisOpened)
        return web.locales.text(page.lang, "case.basis_opened");
    if (basis == access::kBasisProtocolTask)
        return web.locales.text(page.lang, "case.basis_protocol_task");
    if (basis == access::kBasisEscalatedTask)
        return web.locales.text(page.lang, "case.basis_escalated_task");
    if (basis.starts_with(access::kBasisSharedPrefix)) {
        return web.locales.text(page.lang, "case.basis_shared") + " " +
               basis.substr(access::kBasisSharedPrefix.size()) + ".";
    }
    return {};
}

FormProblem problem_of(WebContext& web, const Page& page, const Error& error,
                       const std::string& form, const Form& sent) {
    FormProblem problem;
    problem.form = form;
    problem.sent = &sent;
    problem.status = http::status_of(error.code);
    problem.message = error_text(web, page.lang, error);
    if (error.code == ErrorCode::InvalidInput && error.field.starts_with("/data/"))
        problem.field = error.field.substr(6);
    return problem;
}

Result<http::Response> render_case_page(WebContext& web, const Page& page, const Id& case_id,
                                        const FormProblem* problem) {
    const auto lang = protocol_language(page.lang);
    auto seen = TRY(web.security.cases.get_case(case_id, page.actor));
    const Case& c = seen.value;
    auto document = access::redact_case(case_to_json(c), seen.visibility);
    auto state = TRY(web.cases.case_state(case_id));
    const auto* definition = web.protocols.find(c.protocol_id, c.protocol_version);
    if (definition == nullptr)
        return fail(Error::internal("no definition " + c.protocol_id));

    Data context;
    context.set("case_id", c.id.to_string());
    context.set("version", std::to_string(c.version));
    context.set("child", child_label(web, page, seen));
    context.set("route", country_name(web, page, c.destination_country) + " → " +
                             country_name(web, page, c.origin_country));
    context.set("status", web.locales.label(page.lang, c.status));
    context.set("opened_at", web.locales.date_time(page.lang, c.opened_at));
    context.set("protocol",
                definition->title.in(lang) + " (v" + std::to_string(definition->version) + ")");
    if (const auto* branch = definition->branch(state.branch))
        context.set("branch", branch->title.in(lang));
    context.set("basis", basis_text(web, page, seen.visibility.basis));
    // The printed documents. They are read through the same guard as this page
    // (access::CaseAccess::read_history asks CasePolicy, like get_case above): whoever the
    // policy lets see the case may print each of them, redacted for their role, so the links
    // are offered exactly when this page is shown.
    List printed;
    for (auto kind : documents::all_document_kinds()) {
        std::string name(documents::file_name(kind));
        Data item{Data::type::object};
        item.set("href", "/cases/" + c.id.to_string() + "/documents/" + name);
        auto stem = name.substr(0, name.rfind('.'));  // handover-record.pdf -> handover-record
        item.set("label", web.locales.text(page.lang, "document." + stem));
        printed.push_back(item);
    }
    context.set("documents", printed);
    List categories;
    for (auto category : seen.visibility.categories) {
        categories.push_back(
            web.locales.text(page.lang, "category." + std::string(access::to_string(category))));
    }
    context.set("categories", categories);
    if (auto* person = document.if_contains("person"); person && person->is_object())
        context.set("person", facts_of(web, page, person->get_object(), nullptr));
    if (auto* victim = document.if_contains("victim"); victim && victim->is_object()) {
        auto facts = facts_of(web, page, victim->get_object(), nullptr);
        if (!facts.empty())
            context.set("victim", facts);
    }

    // Holds: every guard that currently holds the case back.
    List holds;
    for (const auto& hold : state.holds) {
        Data item{Data::type::object};
        item.set("message", hold.message.in(lang));
        holds.push_back(item);
    }
    context.set("holds", holds);
    context.set("closed", state.closed);

    // The progress strip and the forms of what may be done now.
    std::map<std::string, int> late;
    for (const auto& task : state.tasks) {
        if (task.days_overdue > 0)
            late[task.step] = task.days_overdue;
    }
    List strip;
    List step_forms;
    List decision_forms;
    List blocked;
    for (const auto& s : state.steps) {
        const auto* def = definition->step(s.step);
        if (def == nullptr)
            continue;
        Data item{Data::type::object};
        item.set("id", s.step);
        item.set("title", def->title.in(lang));
        item.set("status", status_name(s.status));
        item.set("status_label", web.locales.text(page.lang, "step." + status_name(s.status)));
        if (late.contains(s.step)) {
            item.set("late", true);
        }
        strip.push_back(item);
        const std::string step_form_id = "step:" + s.step;
        if (s.status == StepStatus::Blocked) {
            Data why{Data::type::object};
            why.set("title", def->title.in(lang));
            why.set("reason", s.blocked_reason.in(lang));
            blocked.push_back(why);
        }
        if (s.status == StepStatus::Open && !state.closed) {
            Data form{Data::type::object};
            form.set("step", s.step);
            form.set("title", def->title.in(lang));
            form.set("actor", web.locales.label(page.lang, def->actor));
            if (late.contains(s.step))
                form.set("late", true);
            for (const auto& task : state.tasks) {
                if (task.step == s.step && task.kind == protocol::TaskKind::Step && task.due)
                    form.set("due", web.locales.date(page.lang, *task.due));
            }
            const bool mine = problem != nullptr && problem->form == step_form_id;
            List fields;
            for (const auto& field : def->fields) {
                fields.push_back(
                    field_view(web, page, field, "s-" + s.step, mine ? problem->field : "",
                               mine ? problem->message : "", mine ? problem->sent : nullptr));
            }
            form.set("fields", fields);
            form.set("error", form_error(problem, step_form_id));
            List guards;
            for (const auto& guard : def->guards)
                guards.push_back(guard.message.in(lang));
            form.set("has_guards", !guards.empty());
            form.set("guards", guards);
            step_forms.push_back(form);
        }
        if (s.status == StepStatus::DecisionPending && def->decision && !state.closed) {
            const auto& decision = *def->decision;
            const std::string decision_form_id = "decision:" + s.step;
            const bool mine = problem != nullptr && problem->form == decision_form_id;
            Data form{Data::type::object};
            form.set("step", s.step);
            form.set("title", decision.title.in(lang));
            form.set("step_title", def->title.in(lang));
            List outcomes;
            std::string chosen = mine && problem->sent ? problem->sent->get("decision") : "";
            for (const auto& outcome : decision.outcomes) {
                Data o{Data::type::object};
                o.set("id", outcome.id);
                o.set("title", outcome.title.in(lang));
                o.set("checked", outcome.id == chosen);
                const auto* branch = definition->branch(
                    outcome.branch == protocol::kContinueBranch ? state.branch : outcome.branch);
                bool is_return = branch != nullptr && branch->kind == protocol::BranchKind::Return;
                o.set("kind", web.locales.text(page.lang, is_return ? "decision.leads_to_return"
                                                                    : "decision.alternative"));
                if (outcome.hold)
                    o.set("hold", outcome.hold->message.in(lang));
                outcomes.push_back(o);
            }
            form.set("outcomes", outcomes);
            if (mine && problem->field == "decision")
                form.set("decision_error", problem->message);
            List fields;
            for (const auto& field : decision.fields) {
                fields.push_back(
                    field_view(web, page, field, "d-" + s.step, mine ? problem->field : "",
                               mine ? problem->message : "", mine ? problem->sent : nullptr));
            }
            form.set("fields", fields);
            form.set("error", form_error(problem, decision_form_id));
            decision_forms.push_back(form);
        }
    }
    // A refusal of a form that is not offered now (a crafted post, or a page left open while
    // the case moved on) is shown above the forms.
    if (problem != nullptr) {
        bool offered = false;
        for (const auto& s : state.steps) {
            offered =
                offered || (problem->form == "step:" + s.step && s.status == StepStatus::Open) ||
                (problem->form == "decision:" + s.step && s.status == StepStatus::DecisionPending);
        }
        if (!offered && problem->form != "share")
            context.set("problem", problem->message);
    }
    context.set("strip", strip);
    context.set("step_forms", step_forms);
    context.set("decision_forms", decision_forms);
    context.set("blocked", blocked);

    DisplayNames names(web.store);
    // The timeline, newest first, each event's data redacted like the case.
    auto events = TRY(web.security.cases.case_events(case_id, 0, 1000, page.actor));
    List timeline;
    for (auto it = events.value.rbegin(); it != events.value.rend(); ++it) {
        const auto& e = *it;
        Data item{Data::type::object};
        item.set("when", web.locales.date_time(page.lang, e.recorded_at));
        item.set("when_iso", format_timestamp(e.recorded_at));
        item.set("kind", web.locales.text(page.lang, "event." + std::string(to_string(e.kind))));
        const auto* def = e.step.empty() ? nullptr : definition->step(e.step);
        if (def != nullptr)
            item.set("step", def->title.in(lang));
        item.set("institution", TRY(names.institution(e.actor_institution)));
        auto redacted = access::redact_event(json::object{{"data", e.data}}, events.visibility);
        const auto& data = redacted.at("data").as_object();
        if (e.kind != EventKind::CaseOpened) {
            auto facts = facts_of(web, page, data, def);
            item.set("has_facts", !facts.empty());
            item.set("facts", facts);
        }
        timeline.push_back(item);
    }
    context.set("timeline", timeline);

    // Sharing with another institution, for those who may decide it.
    if (access::CasePolicy::may_share(page.actor, seen.visibility) && !state.closed) {
        Data share{Data::type::object};
        List institutions;
        // After a refusal the form comes back as it was sent, so nothing is typed twice.
        const Form* sent = problem && problem->form == "share" ? problem->sent : nullptr;
        std::string chosen = sent ? sent->get("institution_id") : "";
        // The origin's authorities are not offered before the origin is notified (the share
        // would be refused, CasePolicy::share_refusal); the form says why they are missing.
        const CaseParties parties = parties_of(c);
        bool held_back = false;
        for (const auto& institution : TRY(web.store.list_institutions())) {
            if (institution.id.to_string() == page.actor.institution_id)
                continue;
            if (access::CasePolicy::share_refusal(parties, institution)) {
                held_back = true;
                continue;
            }
            institutions.push_back(option(institution.id.to_string(),
                                          institution.name + " (" + institution.country + ")",
                                          chosen == institution.id.to_string()));
        }
        share.set("institutions", institutions);
        share.set("held_back", held_back);
        share.set("purpose", sent ? sent->get("purpose") : "");
        share.set("legal_basis", sent ? sent->get("legal_basis") : "");
        const auto sent_kinds = sent ? sent->all("categories") : std::vector<std::string>{};
        List kinds;
        for (auto category : access::all_categories()) {
            std::string name(access::to_string(category));
            const bool checked =
                std::find(sent_kinds.begin(), sent_kinds.end(), name) != sent_kinds.end();
            kinds.push_back(option(name, web.locales.text(page.lang, "category." + name), checked));
        }
        share.set("categories", kinds);
        share.set("error", form_error(problem, "share"));
        context.set("share", share);
    }
    List shares;
    for (const auto& s : TRY(web.store.case_shares(c.id))) {
        Data item{Data::type::object};
        item.set("institution", TRY(names.institution(s.institution_id.to_string())));
        item.set("purpose", s.purpose);
        item.set("legal_basis", s.legal_basis);
        std::string categories;
        for (const auto& name : s.categories) {
            if (!categories.empty())
                categories += ", ";
            categories += web.locales.text(page.lang, "category." + name);
        }
        item.set("categories", categories);
        shares.push_back(item);
    }
    context.set("has_shares", !shares.empty());
    context.set("shares", shares);

    // Who has seen the file, the latest first: for supervisors and legal officers.
    if (may_see_access_log(page.actor)) {
        List entries;
        for (const auto& entry :
             TRY(web.store.latest_audit_entries(c.id.to_string(), kAccessLogEntries))) {
            Data item{Data::type::object};
            item.set("when", entry.recorded_at);
            item.set("who", TRY(names.user(entry.actor_user)));
            item.set("institution", TRY(names.institution(entry.actor_institution)));
            item.set("action", web.locales.text(page.lang, "audit." + entry.action));
            item.set("categories", entry.categories);
            entries.push_back(item);
        }
        Data log{Data::type::object};
        log.set("entries", entries);
        context.set("access_log", log);
    }
    return render_page(web, page, "case", context, "case.title",
                       problem != nullptr ? problem->status : 200);
}

}  // namespace retorno::web
