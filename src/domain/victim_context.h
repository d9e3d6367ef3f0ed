#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/json/fwd.hpp>

#include "core/error.h"

namespace retorno {

// What is known of the trafficking, with the HTCDS 2.0 victim-context fields (`vic_`).
struct VictimContext {
    std::string trafficking_status = "PossibleVictimOfTrafficking";  // vic_TraffickingStatus
    std::string status_decision_org;                    // vic_TraffickingStatusDecisionMakingOrg
    std::string relationship_to_trafficker;             // vic_RelationshipToTrafficker
    std::optional<int> age_when_trafficked;             // vic_AgeWhenTrafficked
    std::vector<std::string> method_of_recruitment;     // vic_MethodOfRecruitment
    std::vector<std::string> methods_of_control;        // vic_MethodsOfControl
    std::vector<std::string> type_of_exploitation;      // vic_TypeOfExploitation
    std::vector<std::string> type_of_sex_exploitation;  // vic_TypeOfSexExploitation
    std::string forced_labour_industry;                 // vic_ForcedLabourIndustry
};

Result<VictimContext> victim_context_from_json(const boost::json::object& object,
                                               const std::string& pointer);
boost::json::object victim_context_to_json(const VictimContext& victim);
// Reads back what victim_context_to_json wrote, without validating it again (see
// core/stored_json.h); throws on a document of the wrong shape.
VictimContext victim_context_from_document(const boost::json::object& object);

}  // namespace retorno
