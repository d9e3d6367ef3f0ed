#include "protocol/availability.h"

#include <algorithm>

#include <boost/json.hpp>

namespace retorno::protocol {

namespace json = boost::json;

bool applicable(const Definition& definition, const CaseFacts& facts, const StepDef& step) {
    if (!step.branches.empty() && std::find(step.branches.begin(), step.branches.end(),
                                            facts.branch) == step.branches.end()) {
        return false;
    }
    if (!step.directions.empty()) {
        auto direction = case_direction(definition, facts);
        return std::find(step.directions.begin(), step.directions.end(), direction) !=
               step.directions.end();
    }
    return true;
}

bool condition_holds(const Condition& c, const StepDef& owner, const CaseFacts& facts,
                     const json::object* own_data) {
    bool own = c.step.empty() || c.step == owner.id;
    const json::value* value = nullptr;
    if (own) {
        // Without the event's data (the state asks whether a step could be done) a condition
        // on the event's own fields is judged when the event is proposed.
        if (own_data == nullptr || c.field.empty())
            return true;
        auto it = own_data->find(c.field);
        value = it == own_data->end() ? nullptr : &it->value();
    } else {
        if (c.field.empty())
            return facts.steps.count(c.step) > 0;
        value = recorded_value(facts, c.step, c.field);
    }
    if (value == nullptr || value->is_null())
        return false;
    auto text = scalar_text(*value);
    if (c.one_of.empty())
        return !text.empty();
    return std::find(c.one_of.begin(), c.one_of.end(), text) != c.one_of.end();
}

bool decision_required(const StepDef& step, const CaseFacts& facts) {
    if (!step.decision)
        return false;
    if (step.decision->required_when) {
        auto it = facts.steps.find(step.id);
        const json::object* data = it == facts.steps.end() ? nullptr : &it->second.data;
        if (data == nullptr)
            return false;
        return condition_holds(*step.decision->required_when, step, facts, data);
    }
    return step.decision->required;
}

bool step_done(const StepDef& step, const CaseFacts& facts) {
    auto it = facts.steps.find(step.id);
    if (it == facts.steps.end() || it->second.times == 0)
        return false;
    return !decision_required(step, facts) || it->second.outcome.has_value();
}

std::vector<std::string> waiting_for(const Definition& definition, const CaseFacts& facts,
                                     const StepDef& step) {
    std::vector<std::string> out;
    for (const auto& id : step.after) {
        const auto* before = definition.step(id);
        if (before == nullptr || !applicable(definition, facts, *before))
            continue;
        if (!step_done(*before, facts))
            out.push_back(id);
    }
    return out;
}

std::optional<Refusal> guard_refusal(const Definition& definition, const CaseFacts& facts,
                                     const ProposedAction& action) {
    if (auto r = absolute_guard(definition, facts, action))
        return r;
    if (action.kind != EventKind::StepCompleted || action.step == nullptr)
        return std::nullopt;
    const StepDef& step = *action.step;
    for (const auto& hold : facts.holds) {
        for (const auto& blocked : hold.blocks) {
            auto later = definition.successors(blocked);
            if (blocked == step.id ||
                std::find(later.begin(), later.end(), step.id) != later.end()) {
                return Refusal{ErrorCode::RuleViolation, hold.id, {}, hold.message};
            }
        }
    }
    for (const auto& g : step.guards) {
        if (!condition_holds(g.require, step, facts, action.data)) {
            return Refusal{ErrorCode::RuleViolation, g.id, {}, g.message};
        }
    }
    return std::nullopt;
}

}  // namespace retorno::protocol
