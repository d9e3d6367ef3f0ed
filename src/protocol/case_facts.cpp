#include "protocol/case_facts.h"

#include <algorithm>

#include <boost/json.hpp>

namespace retorno::protocol {

namespace json = boost::json;

namespace {

std::string string_at(const json::object& o, std::string_view key) {
    auto it = o.find(key);
    return it != o.end() && it->value().is_string() ? std::string(it->value().as_string()) : "";
}

std::optional<Date> date_at(const json::object& o, std::string_view key) {
    auto text = string_at(o, key);
    return text.empty() ? std::nullopt : parse_date(text);
}

void read_opening(CaseFacts& facts, const json::object& data) {
    facts.destination_country = string_at(data, "destination_country");
    facts.origin_country = string_at(data, "origin_country");
    if (auto it = data.find("person"); it != data.end() && it->value().is_object()) {
        const auto& person = it->value().as_object();
        facts.birthdate = date_at(person, "prs_Birthdate");
        if (auto a = person.find("age_estimate"); a != person.end() && a->value().is_int64()) {
            facts.age_estimate = static_cast<int>(a->value().as_int64());
        }
        facts.age_estimate_date = date_at(person, "age_estimate_date");
    }
}

}  // namespace

CaseFacts initial_facts(const Definition& definition) {
    CaseFacts facts;
    facts.branch = definition.default_branch;
    return facts;
}

void apply_event(const Definition& definition, CaseFacts& facts, const Event& event) {
    facts.case_id = event.case_id;
    facts.last_version = event.version;
    switch (event.kind) {
        case EventKind::CaseOpened: {
            facts.opened = true;
            read_opening(facts, event.data);
            auto& record = facts.steps[definition.start];
            record.times = 1;
            record.first_at = record.last_at = event.recorded_at;
            break;
        }
        case EventKind::StepCompleted: {
            auto& record = facts.steps[event.step];
            if (record.times == 0)
                record.first_at = event.recorded_at;
            ++record.times;
            record.last_at = event.recorded_at;
            record.data = event.data;
            if (event.step == "identity_verification") {
                if (auto d = date_at(event.data, "verified_birthdate"))
                    facts.verified_birthdate = d;
            }
            if (event.step == "closure")
                facts.closed = true;
            break;
        }
        case EventKind::DecisionRecorded: {
            auto& record = facts.steps[event.step];
            auto outcome_id = string_at(event.data, "decision");
            record.outcome = outcome_id;
            record.decided_at = event.recorded_at;
            for (const auto& [key, value] : event.data)
                record.data[key] = value;
            const auto* step = definition.step(event.step);
            if (step == nullptr || !step->decision)
                break;
            facts.decisions.push_back(
                DecisionRecord{event.step, step->decision->id, outcome_id, event.recorded_at});
            for (const auto& o : step->decision->outcomes) {
                if (o.id != outcome_id)
                    continue;
                if (!o.branch.empty() && o.branch != kContinueBranch)
                    facts.branch = o.branch;
                for (const auto& lifted : o.lifts) {
                    std::erase_if(facts.holds, [&](const ActiveHold& h) { return h.id == lifted; });
                }
                if (o.hold) {
                    std::erase_if(facts.holds,
                                  [&](const ActiveHold& h) { return h.id == o.hold->id; });
                    facts.holds.push_back(ActiveHold{o.hold->id, event.step, o.hold->blocks,
                                                     o.hold->message, event.recorded_at});
                }
            }
            break;
        }
        case EventKind::DeadlineEscalated:
            facts.escalated.emplace(string_at(event.data, "step"),
                                    string_at(event.data, "due_date"));
            break;
        case EventKind::PersonUpdated:
        case EventKind::NoteAdded:
        case EventKind::CaseShared:
            break;
    }
}

CaseFacts facts_from_history(const Definition& definition, std::span<const Event> history) {
    CaseFacts facts = initial_facts(definition);
    for (const auto& e : history)
        apply_event(definition, facts, e);
    return facts;
}

Direction case_direction(const Definition& definition, const CaseFacts& facts) {
    if (definition.country.empty())
        return Direction::Any;
    if (facts.destination_country == definition.country)
        return Direction::ForeignChildInCountry;
    if (facts.origin_country == definition.country)
        return Direction::NationalChildAbroad;
    return Direction::Any;
}

const json::value* recorded_value(const CaseFacts& facts, std::string_view step,
                                  std::string_view field) {
    auto it = facts.steps.find(std::string(step));
    if (it == facts.steps.end())
        return nullptr;
    auto f = it->second.data.find(field);
    return f == it->second.data.end() ? nullptr : &f->value();
}

std::string scalar_text(const json::value& value) {
    if (value.is_string())
        return std::string(value.as_string());
    if (value.is_bool())
        return value.as_bool() ? "true" : "false";
    if (value.is_int64())
        return std::to_string(value.as_int64());
    if (value.is_uint64())
        return std::to_string(value.as_uint64());
    if (value.is_null())
        return "";
    return json::serialize(value);
}

}  // namespace retorno::protocol
