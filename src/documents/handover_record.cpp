#include <boost/json.hpp>

#include "documents/document_builders.h"

namespace retorno::documents {

// The acta de entrega: signed at the border or airport by the official of the destination
// country who hands the child over and the official of the origin country who receives the
// child (step 12 of the procedure). Printed before the handover, its blanks are filled in by
// hand; printed after the handover step is recorded, it carries what was recorded.
Document handover_record(const CaseFile& file, const Formatter& format, const IssueInfo& issue) {
    auto document = document_frame(file, format, issue, "handover.title", "handover.footer");
    document.initials_label = format.text("initials");
    std::string from = format.country(file.destination_country());
    std::string to = format.country(file.origin_country());

    // The delivering institution is the escort's, else the one that opened the case; the
    // receiving one is the institution that recorded the handover.
    std::string delivering_institution =
        step_value(file, format, "pre_departure", "escort_institution");
    if (delivering_institution.empty())
        delivering_institution = file.institution_name(file.opened_by_institution());
    std::string receiving_institution;
    if (const auto* handover = file.step("handover"))
        receiving_institution = file.institution_name(handover->institution_id);
    std::string delivering_official = step_value(file, format, "handover", "delivering_official");
    std::string receiving_official = step_value(file, format, "handover", "receiving_official");
    std::string escort = step_value(file, format, "pre_departure", "escort_name");

    Section act;
    act.heading = format.text("handover.act");
    act.paragraphs.push_back(format.fill("handover.intro", {{"from", from}, {"to", to}}));
    act.rows = {
        {format.text("handover.place"), step_value(file, format, "handover", "place")},
        {format.text("handover.time"), step_value(file, format, "handover", "handover_time")},
        {format.text("handover.delivering_country"), from},
        {format.text("handover.delivering_institution"), delivering_institution},
        {format.text("handover.delivering_official"), delivering_official},
        {format.text("handover.escort"), escort},
        {format.text("handover.receiving_country"), to},
        {format.text("handover.receiving_institution"), receiving_institution},
        {format.text("handover.receiving_official"), receiving_official},
    };
    document.sections.push_back(std::move(act));
    document.sections.push_back(child_section(file, format));

    Section arrangement;
    arrangement.heading = format.text("handover.arrangement");
    std::string decision;
    if (const auto* d2 = file.decision("best_interests_determination")) {
        if (const auto* outcome = d2->data.if_contains("decision"); outcome && outcome->is_string())
            decision =
                outcome_title(file, format, "best_interests_determination", outcome->get_string());
    }
    arrangement.rows = {
        {format.text("handover.decision"), decision},
        {format.text("handover.caregiver_relationship"),
         step_value(file, format, "family_assessment", "caregiver_relationship")},
        {format.text("handover.caregiver_name"),
         step_value(file, format, "family_assessment", "caregiver_name")},
    };
    document.sections.push_back(std::move(arrangement));

    Section statements;
    statements.heading = format.text("handover.statements");
    statements.paragraphs = {format.text("handover.statement_informed"),
                             format.text("handover.statement_belongings")};
    statements.rows = {{format.text("handover.observations"), ""}, {"", ""}};
    document.sections.push_back(std::move(statements));

    document.signatures = {
        {format.text("handover.sign_delivering"), delivering_official, delivering_institution},
        {format.text("handover.sign_receiving"), receiving_official, receiving_institution},
        {format.text("handover.sign_escort"), escort, ""},
    };
    return document;
}

Document build_document(DocumentKind kind, const CaseFile& file, const Formatter& format,
                        const IssueInfo& issue) {
    switch (kind) {
        case DocumentKind::HandoverRecord:
            return handover_record(file, format, issue);
        case DocumentKind::CaseSummary:
            return case_summary(file, format, issue);
        case DocumentKind::EscortAuthorisation:
            return escort_authorisation(file, format, issue);
    }
    return handover_record(file, format, issue);
}

}  // namespace retorno::documents
