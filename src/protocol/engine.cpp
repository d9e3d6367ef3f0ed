#include "protocol/engine.h"

#include <algorithm>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "protocol/availability.h"
#include "protocol/field_check.h"
#include "protocol/guards.h"

namespace retorno::protocol {

namespace json = boost::json;

namespace {

tl::unexpected<Refusal> refuse(std::string rule, std::string es, std::string en,
                               std::string field = {}) {
    return tl::unexpected<Refusal>(Refusal{ErrorCode::RuleViolation, std::move(rule),
                                           std::move(field), Text{std::move(es), std::move(en)}});
}

std::string joined(const std::vector<std::string>& list) {
    return fmt::format("{}", fmt::join(list, ", "));
}

Verdict evaluate_step(const Definition& d, const CaseFacts& facts, const StepDef& step,
                      const Event& e) {
    auto record = facts.steps.find(step.id);
    bool recorded = record != facts.steps.end() && record->second.times > 0;
    if (recorded && !step.repeatable) {
        return refuse("already-done", fmt::format("El paso '{}' ya fue registrado.", step.title.es),
                      fmt::format("The step '{}' has already been recorded.", step.title.en));
    }
    if (!applicable(d, facts, step)) {
        const auto* branch = d.branch(facts.branch);
        auto name = branch ? *branch : BranchDef{facts.branch, {facts.branch, facts.branch}};
        return refuse("not-in-branch",
                      fmt::format("El paso '{}' no forma parte de la ruta actual del caso ({}).",
                                  step.title.es, name.title.es),
                      fmt::format("The step '{}' is not part of the case's current route ({}).",
                                  step.title.en, name.title.en));
    }
    // The asylum guard speaks first: it is the reason a caseworker most needs to hear.
    ProposedAction action{EventKind::StepCompleted, &step, &e.data, {}, e.recorded_at};
    if (auto r = absolute_guard(d, facts, action); r && r->rule == "asylum-hold") {
        return tl::unexpected<Refusal>(*r);
    }
    if (auto missing = waiting_for(d, facts, step); !missing.empty()) {
        return refuse(
            "step-order",
            fmt::format("Antes de '{}' deben completarse: {}.", step.title.es, joined(missing)),
            fmt::format("Before '{}' these steps must be done: {}.", step.title.en,
                        joined(missing)));
    }
    if (auto r = check_fields(step.fields, e.data))
        return tl::unexpected<Refusal>(*r);
    if (auto r = guard_refusal(d, facts, action))
        return tl::unexpected<Refusal>(*r);
    return {};
}

Verdict evaluate_decision(const Definition& d, const CaseFacts& facts, const StepDef& step,
                          const Event& e) {
    if (!step.decision) {
        return refuse(
            "no-decision-here",
            fmt::format("El paso '{}' no tiene una decisión que registrar.", step.title.es),
            fmt::format("The step '{}' has no decision to record.", step.title.en));
    }
    if (facts.steps.count(step.id) == 0) {
        return refuse(
            "step-not-done",
            fmt::format("Registre primero el paso '{}' y luego su decisión.", step.title.es),
            fmt::format("Record the step '{}' before its decision.", step.title.en));
    }
    if (!applicable(d, facts, step)) {
        return refuse(
            "not-in-branch",
            fmt::format("El paso '{}' no forma parte de la ruta actual del caso.", step.title.es),
            fmt::format("The step '{}' is not part of the case's current route.", step.title.en));
    }
    const auto& decision = *step.decision;
    auto it = e.data.find("decision");
    const OutcomeDef* outcome = nullptr;
    if (it != e.data.end() && it->value().is_string()) {
        for (const auto& o : decision.outcomes) {
            if (o.id == it->value().as_string())
                outcome = &o;
        }
    }
    if (outcome == nullptr) {
        std::vector<std::string> ids;
        for (const auto& o : decision.outcomes)
            ids.push_back(o.id);
        return tl::unexpected<Refusal>(
            Refusal{ErrorCode::InvalidInput, "field-invalid", "/data/decision",
                    Text{fmt::format("'decision' debe ser uno de: {}.", joined(ids)),
                         fmt::format("'decision' must be one of: {}.", joined(ids))}});
    }
    if (auto r = check_fields(decision.fields, e.data, "decision"))
        return tl::unexpected<Refusal>(*r);
    ProposedAction action{EventKind::DecisionRecorded, &step, &e.data, outcome->id, e.recorded_at};
    if (auto r = guard_refusal(d, facts, action))
        return tl::unexpected<Refusal>(*r);
    return {};
}

}  // namespace

Verdict evaluate_event(const Definition& d, const CaseFacts& facts, const Event& e, Timestamp now) {
    (void)now;  // FIXME: reserved for time-bound rules (a decision valid until a date).
    if (e.kind == EventKind::CaseOpened) {
        if (facts.opened) {
            return refuse("case-already-opened", "El caso ya está abierto.",
                          "The case is already open.");
        }
        return {};
    }
    if (!facts.opened) {
        return refuse("case-not-opened", "El caso todavía no se ha abierto.",
                      "The case has not been opened.");
    }
    if (e.kind != EventKind::StepCompleted && e.kind != EventKind::DecisionRecorded)
        return {};
    if (facts.closed) {
        return refuse("case-closed", "El caso está cerrado: solo se pueden añadir notas.",
                      "The case is closed: only notes can be added.");
    }
    const StepDef* step = d.step(e.step);
    if (step == nullptr) {
        return refuse("unknown-step", fmt::format("El protocolo no tiene un paso '{}'.", e.step),
                      fmt::format("The protocol has no step '{}'.", e.step), "/step");
    }
    return e.kind == EventKind::StepCompleted ? evaluate_step(d, facts, *step, e)
                                              : evaluate_decision(d, facts, *step, e);
}

Verdict evaluate_event(const Definition& d, std::span<const Event> history, const Event& e,
                       Timestamp now) {
    return evaluate_event(d, facts_from_history(d, history), e, now);
}

Status check_event(const Definition& d, std::span<const Event> history, const Event& e,
                   Timestamp now) {
    auto verdict = evaluate_event(d, history, e, now);
    if (!verdict)
        return fail(verdict.error().to_error());
    return {};
}

namespace {

std::string side_country(const CaseFacts& facts, Side side) {
    return side == Side::Dest ? facts.destination_country : facts.origin_country;
}

Task make_task(const Definition& d, const CaseFacts& facts, const StepDef& step, TaskKind kind,
               Date today, const Calendars& calendars) {
    Task t;
    t.step = step.id;
    t.kind = kind;
    t.side = step.side_for(facts.branch);
    t.country = side_country(facts, t.side);
    t.institution_type = step.actor;
    t.supervisor_type = step.supervisor;
    if (!d.country.empty() && t.country == d.country) {
        if (auto it = d.institutions.find(step.actor); it != d.institutions.end()) {
            t.institution_name = it->second;
        }
    }
    if (step.deadline) {
        auto from = facts.steps.find(step.deadline->from);
        if (from != facts.steps.end() && from->second.times > 0) {
            Date start = date_of(from->second.first_at);
            if (step.deadline->unit == DayUnit::Business) {
                t.due =
                    calendars.for_country(t.country).add_business_days(start, step.deadline->days);
            } else {
                t.due = Date{std::chrono::sys_days{start} + std::chrono::days{step.deadline->days}};
            }
            auto late = (std::chrono::sys_days{today} - std::chrono::sys_days{*t.due}).count();
            t.days_overdue = late > 0 ? static_cast<int>(late) : 0;
        }
    }
    return t;
}

}  // namespace

CaseState state_from_facts(const Definition& d, const CaseFacts& facts, Timestamp now,
                           const Calendars& calendars) {
    CaseState state;
    Date today = date_of(now);
    state.protocol_id = d.id;
    state.protocol_version = d.version;
    state.direction = case_direction(d, facts);
    state.destination_country = facts.destination_country;
    state.origin_country = facts.origin_country;
    state.branch = facts.branch;
    if (const auto* b = d.branch(facts.branch))
        state.branch_kind = b->kind;
    state.closed = facts.closed;
    state.presumed_child = presumed_child(facts, today);
    state.age_verified = facts.verified_birthdate.has_value();
    state.version = facts.last_version;
    state.decisions = facts.decisions;
    if (asylum_hold_active(facts)) {
        const auto& screening = facts.steps.at("protection_screening");
        state.holds.push_back(
            HoldState{"asylum-hold", "protection_screening",
                      Text{"Posible necesidad de protección internacional: retorno suspendido.",
                           "Possible need of international protection: return suspended."},
                      screening.last_at});
    }
    for (const auto& h : facts.holds)
        state.holds.push_back(HoldState{h.id, h.step, h.message, h.since});
    for (const auto& step : d.steps) {
        StepState s;
        s.step = step.id;
        s.side = step.side_for(facts.branch);
        s.institution_type = step.actor;
        auto record = facts.steps.find(step.id);
        if (record != facts.steps.end() && record->second.times > 0) {
            s.times_done = record->second.times;
            s.completed_at = record->second.last_at;
            bool pending = decision_required(step, facts) && !record->second.outcome;
            s.status = pending && !facts.closed ? StepStatus::DecisionPending : StepStatus::Done;
        } else if (facts.closed || !facts.opened || !applicable(d, facts, step)) {
            s.status = StepStatus::NotApplicable;
        } else if (auto r = absolute_guard(
                       d, facts, ProposedAction{EventKind::StepCompleted, &step, nullptr, {}, now});
                   r && r->rule == "asylum-hold") {
            s.status = StepStatus::Blocked;
            s.blocked_rule = r->rule;
            s.blocked_reason = r->message;
        } else if (auto missing = waiting_for(d, facts, step); !missing.empty()) {
            s.status = StepStatus::NotYetAvailable;
            s.waiting_for = std::move(missing);
        } else if (auto r = guard_refusal(
                       d, facts,
                       ProposedAction{EventKind::StepCompleted, &step, nullptr, {}, now})) {
            s.status = StepStatus::Blocked;
            s.blocked_rule = r->rule;
            s.blocked_reason = r->message;
        } else {
            s.status = StepStatus::Open;
        }
        if (s.status == StepStatus::Open) {
            state.tasks.push_back(make_task(d, facts, step, TaskKind::Step, today, calendars));
        } else if (s.status == StepStatus::DecisionPending) {
            state.tasks.push_back(make_task(d, facts, step, TaskKind::Decision, today, calendars));
        }
        state.steps.push_back(std::move(s));
    }
    return state;
}

CaseState derive_state(const Definition& d, std::span<const Event> history, Timestamp now,
                       const Calendars& calendars) {
    return state_from_facts(d, facts_from_history(d, history), now, calendars);
}

}  // namespace retorno::protocol
