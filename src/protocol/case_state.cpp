#include "protocol/case_state.h"

#include <boost/json.hpp>

namespace retorno::protocol {

namespace json = boost::json;

std::string_view to_string(StepStatus status) {
    switch (status) {
        case StepStatus::Done:
            return "done";
        case StepStatus::Open:
            return "open";
        case StepStatus::DecisionPending:
            return "decision_pending";
        case StepStatus::Blocked:
            return "blocked";
        case StepStatus::NotYetAvailable:
            return "not_yet_available";
        case StepStatus::NotApplicable:
            return "not_applicable";
    }
    return "not_applicable";
}

std::string_view to_string(TaskKind kind) {
    return kind == TaskKind::Step ? "step" : "decision";
}

const StepState* CaseState::step(std::string_view id) const {
    for (const auto& s : steps) {
        if (s.step == id)
            return &s;
    }
    return nullptr;
}

namespace {

json::object text_json(const Text& t) {
    return json::object{{"es", t.es}, {"en", t.en}};
}

json::array strings(const std::vector<std::string>& list) {
    json::array out;
    for (const auto& s : list)
        out.emplace_back(s);
    return out;
}

}  // namespace

json::object case_state_to_json(const CaseState& state) {
    json::object out;
    out["protocol"] = json::object{{"id", state.protocol_id}, {"version", state.protocol_version}};
    out["direction"] = to_string(state.direction);
    out["destination_country"] = state.destination_country;
    out["origin_country"] = state.origin_country;
    out["branch"] = json::object{{"id", state.branch}, {"kind", to_string(state.branch_kind)}};
    out["closed"] = state.closed;
    out["presumed_child"] = state.presumed_child;
    out["age_verified"] = state.age_verified;
    out["version"] = state.version;
    json::array steps;
    for (const auto& s : state.steps) {
        json::object o{{"step", s.step},
                       {"status", to_string(s.status)},
                       {"side", to_string(s.side)},
                       {"institution_type", s.institution_type},
                       {"times_done", s.times_done}};
        if (s.completed_at)
            o["completed_at"] = format_timestamp(*s.completed_at);
        if (!s.blocked_rule.empty()) {
            o["blocked"] =
                json::object{{"rule", s.blocked_rule}, {"reason", text_json(s.blocked_reason)}};
        }
        if (!s.waiting_for.empty())
            o["waiting_for"] = strings(s.waiting_for);
        steps.emplace_back(std::move(o));
    }
    out["steps"] = std::move(steps);
    json::array tasks;
    for (const auto& t : state.tasks) {
        json::object o{{"step", t.step},
                       {"kind", to_string(t.kind)},
                       {"side", to_string(t.side)},
                       {"country", t.country},
                       {"institution_type", t.institution_type},
                       {"supervisor_type", t.supervisor_type}};
        if (!t.institution_name.empty())
            o["institution_name"] = t.institution_name;
        if (t.due) {
            o["due"] = format_date(*t.due);
            o["days_overdue"] = t.days_overdue;
        }
        tasks.emplace_back(std::move(o));
    }
    out["tasks"] = std::move(tasks);
    json::array decisions;
    for (const auto& d : state.decisions) {
        decisions.emplace_back(json::object{{"step", d.step},
                                            {"decision", d.decision},
                                            {"outcome", d.outcome},
                                            {"at", format_timestamp(d.at)}});
    }
    out["decisions"] = std::move(decisions);
    json::array holds;
    for (const auto& h : state.holds) {
        holds.emplace_back(json::object{{"rule", h.id},
                                        {"step", h.step},
                                        {"message", text_json(h.message)},
                                        {"since", format_timestamp(h.since)}});
    }
    out["holds"] = std::move(holds);
    return out;
}

}  // namespace retorno::protocol
