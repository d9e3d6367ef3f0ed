#pragma once

// The events that carry a case of the regional protocol from identification to the handover in
// the voluntary-return branch, as tests/data/protocol/01_voluntary_return.yaml records them.
// Header-only and free of retorno types, so that service tests (which call CaseService) and API
// tests (which post the bodies) share it. Names are invented.

#include <string>
#include <vector>

namespace retorno::testing {

struct WalkEvent {
    const char* kind;  // "step_completed" or "decision_recorded"
    const char* step;
    const char* data;  // JSON object
};

inline const std::vector<WalkEvent>& voluntary_return_walk() {
    static const std::vector<WalkEvent> walk{
        {"step_completed", "immediate_protection",
         R"({"protection_measure": "specialised_shelter", "guardian_appointed": true,
             "medical_care_given": true, "psychological_care_given": true})"},
        {"step_completed", "interview",
         R"({"interview_date": "2026-03-03", "interviewer_profession": "psychologist",
             "consent_obtained": true, "assent_obtained": true, "interview_language": "es",
             "exploitation_details": "Trabajo forzoso en una finca cafetalera."})"},
        {"step_completed", "protection_screening",
         R"({"international_protection_need": false, "refugee_authority_consulted": true})"},
        {"step_completed", "consular_notification",
         R"({"notification_date": "2026-03-05", "consulate": "Consulado de Guatemala en Tapachula",
             "focal_point": "Focal A", "fields_shared": ["prs_FirstName", "prs_SecondName"]})"},
        {"step_completed", "identity_verification",
         R"({"nationality_confirmed": true, "verified_birthdate": "2011-03-04",
             "travel_document": "SC-2026-0042", "travel_document_type": "safe_conduct"})"},
        {"step_completed", "risk_assessment",
         R"({"individual_risk": "low", "household_risk": "low", "community_risk": "medium",
             "retaliation_risk_to_family": false})"},
        {"step_completed", "family_assessment",
         R"({"family_located": true, "caregiver_name": "Rosa Xol Caal",
             "caregiver_relationship": "grandparent", "caregiver_willing": true,
             "caregiver_able": true, "caregiver_involved_in_trafficking": false,
             "home_visit_date": "2026-03-12"})"},
        {"step_completed", "best_interests_determination",
         R"({"panel": "Panel de la Procuraduría", "child_heard": true,
             "origin_reports_received": true})"},
        {"decision_recorded", "best_interests_determination",
         R"({"decision": "return", "child_view": "Quiere volver con su abuela.", "voluntary": true,
             "reasons": "Cuidadora dispuesta y capaz; riesgo bajo."})"},
        {"step_completed", "pre_departure",
         R"({"escort_name": "Begoña Núñez Ibáñez", "escort_institution": "DIF Nacional",
             "travel_date": "2026-03-20", "medical_clearance": true,
             "funding_source": "rcm_return_fund"})"},
        {"step_completed", "escorted_transfer",
         R"({"departure_time": "2026-03-20T08:00:00Z", "transport": "air", "escort_present": true})"},
        {"step_completed", "handover",
         R"({"handover_time": "2026-03-20T14:00:00Z", "place": "Aeropuerto Internacional La Aurora",
             "delivering_official": "Begoña Núñez Ibáñez",
             "receiving_official": "José Ángel Cú Pérez", "record_signed_by_both": true})"},
    };
    return walk;
}

}  // namespace retorno::testing
