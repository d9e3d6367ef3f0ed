#include "documents/case_file.h"

#include <boost/json.hpp>

namespace retorno::documents {

namespace json = boost::json;

CaseFile::CaseFile(const access::CaseHistory& history, const access::Visibility& visibility,
                   const protocol::Definition& definition,
                   std::map<std::string, std::string> institution_names)
    : m_definition(definition), m_institution_names(std::move(institution_names)) {
    const Case& c = history.current;
    m_id = c.id.to_string();
    m_status = c.status;
    m_origin = c.origin_country;
    m_destination = c.destination_country;
    m_opened_by = c.opened_by_institution;
    m_opened_at = c.opened_at;
    auto document = access::redact_case(case_to_json(c), visibility);
    if (auto* person = document.if_contains("person"); person && person->is_object())
        m_person = person->get_object();
    if (auto* victim = document.if_contains("victim"); victim && victim->is_object())
        m_victim = victim->get_object();
    for (const auto& event : history.events) {
        if (event.step.empty())
            continue;
        auto* into = event.kind == EventKind::StepCompleted      ? &m_steps
                     : event.kind == EventKind::DecisionRecorded ? &m_decisions
                                                                 : nullptr;
        if (into == nullptr)
            continue;
        auto redacted = access::redact_event(json::object{{"data", event.data}}, visibility);
        StepRecord record{event.recorded_at, event.actor_institution,
                          redacted.at("data").as_object()};
        (*into)[event.step] = std::move(record);
    }
}

const StepRecord* CaseFile::step(std::string_view id) const {
    auto it = m_steps.find(id);
    return it == m_steps.end() ? nullptr : &it->second;
}

const StepRecord* CaseFile::decision(std::string_view id) const {
    auto it = m_decisions.find(id);
    return it == m_decisions.end() ? nullptr : &it->second;
}

const json::value* CaseFile::field(std::string_view step, std::string_view name) const {
    const auto* record = this->step(step);
    if (record == nullptr)
        return nullptr;
    const auto* value = record->data.if_contains(name);
    return value == nullptr || value->is_null() ? nullptr : value;
}

std::string CaseFile::institution_name(const std::string& id) const {
    auto it = m_institution_names.find(id);
    return it == m_institution_names.end() ? std::string{} : it->second;
}

}  // namespace retorno::documents
