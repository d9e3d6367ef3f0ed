#include "domain/victim_context.h"

#include <boost/json.hpp>

#include "core/json_reader.h"
#include "core/stored_json.h"
#include "domain/vocabulary.h"

namespace retorno {

namespace json = boost::json;

Result<VictimContext> victim_context_from_json(const json::object& object,
                                               const std::string& pointer) {
    JsonReader reader(object, pointer);
    VictimContext victim;
    victim.trafficking_status =
        TRY(reader.optional_choice("vic_TraffickingStatus", vocabulary::trafficking_status()))
            .value_or("PossibleVictimOfTrafficking");
    victim.status_decision_org =
        TRY(reader.optional_choice("vic_TraffickingStatusDecisionMakingOrg",
                                   vocabulary::status_decision_org()))
            .value_or("");
    victim.relationship_to_trafficker =
        TRY(reader.optional_choice("vic_RelationshipToTrafficker",
                                   vocabulary::relationship_to_trafficker()))
            .value_or("");
    auto age = TRY(reader.optional_integer("vic_AgeWhenTrafficked"));
    if (age) {
        if (*age < 0 || *age > 25) {
            return fail(Error::invalid(reader.pointer_to("vic_AgeWhenTrafficked"),
                                       InvalidReason::OutOfRange,
                                       "'vic_AgeWhenTrafficked' must be between 0 and 25 years."));
        }
        victim.age_when_trafficked = static_cast<int>(*age);
    }
    victim.method_of_recruitment =
        TRY(reader.choice_list("vic_MethodOfRecruitment", vocabulary::method_of_recruitment()));
    victim.methods_of_control =
        TRY(reader.choice_list("vic_MethodsOfControl", vocabulary::methods_of_control()));
    victim.type_of_exploitation =
        TRY(reader.choice_list("vic_TypeOfExploitation", vocabulary::type_of_exploitation()));
    victim.type_of_sex_exploitation = TRY(
        reader.choice_list("vic_TypeOfSexExploitation", vocabulary::type_of_sex_exploitation()));
    victim.forced_labour_industry =
        TRY(reader.optional_choice("vic_ForcedLabourIndustry",
                                   vocabulary::forced_labour_industry()))
            .value_or("");
    TRY_STATUS(reader.finish());
    return victim;
}

json::object victim_context_to_json(const VictimContext& victim) {
    json::object out;
    auto put = [&](std::string_view key, const std::string& value) {
        if (!value.empty())
            out[key] = value;
    };
    auto put_list = [&](std::string_view key, const std::vector<std::string>& values) {
        if (values.empty())
            return;
        json::array array;
        for (const auto& v : values)
            array.emplace_back(v);
        out[key] = std::move(array);
    };
    put("vic_TraffickingStatus", victim.trafficking_status);
    put("vic_TraffickingStatusDecisionMakingOrg", victim.status_decision_org);
    put("vic_RelationshipToTrafficker", victim.relationship_to_trafficker);
    if (victim.age_when_trafficked)
        out["vic_AgeWhenTrafficked"] = *victim.age_when_trafficked;
    put_list("vic_MethodOfRecruitment", victim.method_of_recruitment);
    put_list("vic_MethodsOfControl", victim.methods_of_control);
    put_list("vic_TypeOfExploitation", victim.type_of_exploitation);
    put_list("vic_TypeOfSexExploitation", victim.type_of_sex_exploitation);
    put("vic_ForcedLabourIndustry", victim.forced_labour_industry);
    return out;
}

VictimContext victim_context_from_document(const json::object& object) {
    using namespace stored_json;
    VictimContext victim;
    if (auto status = text(object, "vic_TraffickingStatus"); !status.empty())
        victim.trafficking_status = std::move(status);
    victim.status_decision_org = text(object, "vic_TraffickingStatusDecisionMakingOrg");
    victim.relationship_to_trafficker = text(object, "vic_RelationshipToTrafficker");
    victim.age_when_trafficked = integer(object, "vic_AgeWhenTrafficked");
    victim.method_of_recruitment = texts(object, "vic_MethodOfRecruitment");
    victim.methods_of_control = texts(object, "vic_MethodsOfControl");
    victim.type_of_exploitation = texts(object, "vic_TypeOfExploitation");
    victim.type_of_sex_exploitation = texts(object, "vic_TypeOfSexExploitation");
    victim.forced_labour_industry = text(object, "vic_ForcedLabourIndustry");
    return victim;
}

}  // namespace retorno
