#include "protocol/guards.h"

#include <algorithm>
#include <array>

#include <boost/json.hpp>

namespace retorno::protocol {

namespace json = boost::json;

namespace {

constexpr std::array<GuardAnchor, 10> kAnchors{{
    {"protection_screening", "international_protection_need", FieldType::Boolean, "",
     "the asylum guard reads it"},
    {"protection_screening", "", FieldType::Boolean, "protection_need_ruled_out",
     "only this outcome lifts the asylum guard"},
    {"best_interests_determination", "", FieldType::Boolean, "return",
     "pre-departure needs a decision to return"},
    {"family_assessment", "caregiver_willing", FieldType::Boolean, "",
     "the caregiver guard reads it"},
    {"family_assessment", "caregiver_able", FieldType::Boolean, "", "the caregiver guard reads it"},
    {"family_assessment", "caregiver_involved_in_trafficking", FieldType::Boolean, "",
     "the caregiver guard reads it"},
    {"identity_verification", "travel_document", FieldType::String, "",
     "the travel-document guard reads it"},
    {"identity_verification", "verified_birthdate", FieldType::Date, "", "the age guard reads it"},
    {"pre_departure", "escort_name", FieldType::String, "", "the escort guard reads it"},
    {"closure", "closure_reason", FieldType::Enum, "", "the age guard reads it"},
}};

Refusal refuse(std::string rule, std::string es, std::string en) {
    return Refusal{
        ErrorCode::RuleViolation, std::move(rule), {}, Text{std::move(es), std::move(en)}};
}

bool recorded_true(const CaseFacts& facts, std::string_view step, std::string_view field) {
    const auto* v = recorded_value(facts, step, field);
    return v != nullptr && v->is_bool() && v->as_bool();
}

bool recorded_false(const CaseFacts& facts, std::string_view step, std::string_view field) {
    const auto* v = recorded_value(facts, step, field);
    return v != nullptr && v->is_bool() && !v->as_bool();
}

bool non_empty_string(const json::value* v) {
    return v != nullptr && v->is_string() && !v->as_string().empty();
}

bool safe_caregiver(const CaseFacts& facts) {
    return recorded_true(facts, "family_assessment", "caregiver_willing") &&
           recorded_true(facts, "family_assessment", "caregiver_able") &&
           recorded_false(facts, "family_assessment", "caregiver_involved_in_trafficking");
}

// Whether the latest best-interests decision leads to a return (to the family, or to
// alternative care in the country of origin): an outcome whose branch is of kind return.
bool leads_to_return(const Definition& d, const CaseFacts& facts, std::string_view outcome_id) {
    const auto* bid = d.step("best_interests_determination");
    if (bid == nullptr || !bid->decision)
        return false;
    for (const auto& o : bid->decision->outcomes) {
        if (o.id != outcome_id)
            continue;
        const auto* b = d.branch(o.branch == kContinueBranch ? std::string_view(facts.branch)
                                                             : std::string_view(o.branch));
        return b != nullptr && b->kind == BranchKind::Return;
    }
    return false;
}

bool in_list(const std::vector<std::string>& list, std::string_view id) {
    return std::find(list.begin(), list.end(), id) != list.end();
}

Refusal asylum_refusal() {
    return refuse("asylum-hold",
                  "El tamizaje registró que la niña, niño o adolescente puede necesitar protección "
                  "internacional: no se contacta al país de origen ni se avanza hacia el retorno "
                  "hasta que una decisión registrada lo descarte.",
                  "The screening recorded that the child may need international protection: the "
                  "country of origin is not contacted and nothing moves toward return until a "
                  "recorded decision rules that out.");
}

Refusal caregiver_refusal() {
    return refuse("safe-caregiver",
                  "La evaluación familiar no ha confirmado una persona cuidadora dispuesta y capaz "
                  "que no participó en la trata.",
                  "The family assessment has not confirmed a caregiver who is willing and able to "
                  "care for the child and took no part in the trafficking.");
}

std::optional<Refusal> step_guard(const Definition& d, const CaseFacts& facts,
                                  const ProposedAction& action) {
    const StepDef& step = *action.step;
    bool asylum = asylum_hold_active(facts);
    if (step.id == "consular_notification") {
        if (facts.steps.count("protection_screening") == 0) {
            return refuse("screening-first",
                          "Antes de notificar al consulado debe completarse el tamizaje de "
                          "necesidades de protección internacional.",
                          "The consulate cannot be notified before the international-protection "
                          "screening is done.");
        }
        if (asylum)
            return asylum_refusal();
    }
    const auto* branch = d.branch(facts.branch);
    bool return_branch = branch == nullptr || branch->kind == BranchKind::Return;
    if (asylum) {
        if (step.side_for(facts.branch) == Side::Orig)
            return asylum_refusal();
        if (return_branch && in_list(d.successors("consular_notification"), step.id)) {
            return asylum_refusal();
        }
    }
    if (return_branch &&
        (step.id == "pre_departure" || in_list(d.successors("pre_departure"), step.id))) {
        auto bid = facts.steps.find("best_interests_determination");
        if (bid == facts.steps.end() ||
            !leads_to_return(d, facts, bid->second.outcome.value_or(""))) {
            return refuse("best-interests-return",
                          "La determinación del interés superior no ha decidido el retorno.",
                          "The best-interests determination has not decided on return.");
        }
        if (!safe_caregiver(facts))
            return caregiver_refusal();
        if (!non_empty_string(recorded_value(facts, "identity_verification", "travel_document"))) {
            return refuse("travel-document",
                          "La verificación de identidad no ha registrado un documento de viaje.",
                          "Identity verification has not recorded a travel document.");
        }
        const json::value* escort = nullptr;
        if (step.id == "pre_departure") {
            if (action.data == nullptr)
                return std::nullopt;  // the event itself will name one
            if (auto it = action.data->find("escort_name"); it != action.data->end()) {
                escort = &it->value();
            }
        } else {
            escort = recorded_value(facts, "pre_departure", "escort_name");
        }
        if (!non_empty_string(escort)) {
            return refuse("escort-named",
                          "Ninguna niña, niño o adolescente viaja sin acompañante: nombre a la "
                          "persona que lo acompañará.",
                          "No child travels alone: name the escort who will accompany the child.");
        }
    }
    if (step.id == "closure" && action.data != nullptr) {
        auto it = action.data->find("closure_reason");
        if (it != action.data->end() && it->value() == "not_a_child" &&
            presumed_child(facts, date_of(action.at))) {
            return refuse(
                "age-presumption",
                "Mientras su edad no esté verificada, la persona se trata como niña, niño "
                "o adolescente: el caso no puede cerrarse como persona adulta.",
                "Until the age is verified the person is treated as a child: the case "
                "cannot be closed as concerning an adult.");
        }
    }
    return std::nullopt;
}

}  // namespace

std::span<const GuardAnchor> guard_anchors() {
    return kAnchors;
}

bool asylum_hold_active(const CaseFacts& facts) {
    if (!recorded_true(facts, "protection_screening", "international_protection_need"))
        return false;
    auto it = facts.steps.find("protection_screening");
    return it->second.outcome.value_or("") != "protection_need_ruled_out";
}

bool presumed_child(const CaseFacts& facts, Date today) {
    if (!facts.verified_birthdate)
        return true;
    return age_in_years(*facts.verified_birthdate, today) < 18;
}

std::optional<Refusal> absolute_guard(const Definition& definition, const CaseFacts& facts,
                                      const ProposedAction& action) {
    if (action.step == nullptr)
        return std::nullopt;
    if (action.kind == EventKind::StepCompleted)
        return step_guard(definition, facts, action);
    if (action.kind == EventKind::DecisionRecorded &&
        action.step->id == "best_interests_determination" &&
        leads_to_return(definition, facts, action.outcome)) {
        if (asylum_hold_active(facts))
            return asylum_refusal();
        if (!safe_caregiver(facts))
            return caregiver_refusal();
    }
    return std::nullopt;
}

}  // namespace retorno::protocol
