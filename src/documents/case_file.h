#pragma once

#include <map>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "access/case_access.h"
#include "core/time.h"
#include "protocol/definition.h"

namespace retorno::documents {

// What a step or decision recorded, as the reader may see it.
struct StepRecord {
    Timestamp at{};
    std::string institution_id;
    boost::json::object data;  // redacted for the reader
};

// A case as one reader may see it, for the document builders: the person and the victim
// context already redacted (access::redact_case), every step's latest record already redacted
// (access::redact_event), and the case's non-personal facts. The Case itself is not kept, so a
// builder cannot print a field the reader may not see.
class CaseFile {
  public:
    CaseFile(const access::CaseHistory& history, const access::Visibility& visibility,
             const protocol::Definition& definition,
             std::map<std::string, std::string> institution_names);

    const std::string& id() const { return m_id; }
    const std::string& status() const { return m_status; }
    const std::string& origin_country() const { return m_origin; }
    const std::string& destination_country() const { return m_destination; }
    const std::string& opened_by_institution() const { return m_opened_by; }
    Timestamp opened_at() const { return m_opened_at; }
    const protocol::Definition& definition() const { return m_definition; }

    const boost::json::object& person() const { return m_person; }
    const boost::json::object& victim() const { return m_victim; }

    // The latest record of a step, or of its decision; nullptr when there is none.
    const StepRecord* step(std::string_view id) const;
    const StepRecord* decision(std::string_view id) const;
    // A field of a step's latest record, or nullptr when absent or not visible.
    const boost::json::value* field(std::string_view step, std::string_view name) const;

    // An institution's name, or empty when the id names none.
    std::string institution_name(const std::string& id) const;

  private:
    std::string m_id;
    std::string m_status;
    std::string m_origin;
    std::string m_destination;
    std::string m_opened_by;
    Timestamp m_opened_at{};
    const protocol::Definition& m_definition;
    boost::json::object m_person;
    boost::json::object m_victim;
    std::map<std::string, StepRecord, std::less<>> m_steps;
    std::map<std::string, StepRecord, std::less<>> m_decisions;
    std::map<std::string, std::string> m_institution_names;
};

}  // namespace retorno::documents
