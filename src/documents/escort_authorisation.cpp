#include <boost/json.hpp>

#include "documents/document_builders.h"

namespace retorno::documents {

// The authorisation for the escort who accompanies the child from the destination country to
// the origin country (steps 10 and 11): the child never travels alone.
Document escort_authorisation(const CaseFile& file, const Formatter& format,
                              const IssueInfo& issue) {
    auto document = document_frame(file, format, issue, "escort.title", "escort.footer");
    document.initials_label = format.text("initials");
    std::string from = format.country(file.destination_country());
    std::string to = format.country(file.origin_country());
    std::string escort = step_value(file, format, "pre_departure", "escort_name");
    std::string escort_institution =
        step_value(file, format, "pre_departure", "escort_institution");

    std::string travel_document =
        step_value(file, format, "identity_verification", "travel_document_type");
    if (auto number = step_value(file, format, "identity_verification", "travel_document");
        !number.empty()) {
        travel_document += (travel_document.empty() ? "" : " ") + number;
    }

    Section travel;
    travel.heading = format.text("escort.travel");
    travel.paragraphs.push_back(format.fill("escort.intro", {{"from", from}, {"to", to}}));
    travel.rows = {
        {format.text("escort.escort_name"), escort},
        {format.text("escort.escort_institution"), escort_institution},
        {format.text("escort.from"), from},
        {format.text("escort.to"), to},
        {format.text("escort.travel_date"),
         step_value(file, format, "pre_departure", "travel_date")},
        {format.text("escort.transport"),
         step_value(file, format, "escorted_transfer", "transport")},
        {format.text("escort.medical_clearance"),
         step_value(file, format, "pre_departure", "medical_clearance")},
        {format.text("escort.travel_document"), travel_document},
        {format.text("escort.funding"),
         step_value(file, format, "pre_departure", "funding_source")},
    };
    document.sections.push_back(std::move(travel));
    document.sections.push_back(child_section(file, format));

    Section basis;
    basis.heading = format.text("escort.basis");
    std::string decision;
    std::string decided_on;
    if (const auto* d2 = file.decision("best_interests_determination")) {
        if (const auto* outcome = d2->data.if_contains("decision"); outcome && outcome->is_string())
            decision =
                outcome_title(file, format, "best_interests_determination", outcome->get_string());
        decided_on = format.date(date_of(d2->at));
    }
    basis.rows = {{format.text("escort.decision"), decision},
                  {format.text("escort.decision_date"), decided_on}};
    document.sections.push_back(std::move(basis));

    document.signatures = {
        {format.text("escort.sign_authority"), "",
         file.institution_name(file.opened_by_institution())},
        {format.text("escort.sign_escort"), escort, escort_institution},
    };
    return document;
}

}  // namespace retorno::documents
