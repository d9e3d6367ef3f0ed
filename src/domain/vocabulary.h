#pragma once

#include <span>
#include <string_view>

// The HTCDS 2.0 picklists that retorno stores, by their value names (which are the interchange
// vocabulary); labels for people come from locales/. Source: ../shared/reference/htcds/.
namespace retorno::vocabulary {

std::span<const std::string_view> gender();               // prs_Gender
std::span<const std::string_view> trafficking_status();   // vic_TraffickingStatus
std::span<const std::string_view> status_decision_org();  // vic_TraffickingStatusDecisionMakingOrg
std::span<const std::string_view> relationship_to_trafficker();  // vic_RelationshipToTrafficker
std::span<const std::string_view> method_of_recruitment();       // vic_MethodOfRecruitment
std::span<const std::string_view> methods_of_control();          // vic_MethodsOfControl
std::span<const std::string_view> type_of_exploitation();        // vic_TypeOfExploitation
std::span<const std::string_view> type_of_sex_exploitation();    // vic_TypeOfSexExploitation
std::span<const std::string_view> forced_labour_industry();      // vic_ForcedLabourIndustry
std::span<const std::string_view> case_status();                 // cas_Status
// org_Type plus the institution types that a return needs and HTCDS does not name.
std::span<const std::string_view> institution_type();

}  // namespace retorno::vocabulary
