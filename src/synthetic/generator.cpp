#include "synthetic/generator.h"

#include <algorithm>
#include <array>

#include <boost/json.hpp>

#include "synthetic/person_draw.h"

namespace retorno::synthetic {

namespace {

// The drawn value, as a string of its own.
template <std::size_t N>
std::string pick_text(Random& random, const std::array<Share, N>& shares) {
    return std::string(pick_share(random, shares));
}

// Up to `most` distinct values, the first always drawn, each further one with `more`.
template <std::size_t N>
std::vector<std::string> pick_distinct(Random& random, const std::array<Share, N>& shares,
                                       std::size_t most, double more) {
    std::vector<std::string> out{pick_text(random, shares)};
    while (out.size() < most && random.chance(more)) {
        auto value = pick_text(random, shares);
        if (std::find(out.begin(), out.end(), value) == out.end())
            out.push_back(value);
    }
    return out;
}

// Where children of each nationality are identified. Mexico is the main transit and
// destination country; Nicaraguans go mostly to Costa Rica; Mexicans are mostly trafficked
// inside Mexico or to the USA. Internal cases (DEST == ORIG) are a minority except in Mexico.
std::string destination_for(Random& random, std::string_view origin) {
    if (origin == "MX") {
        return pick_text(random,
                         std::array<Share, 4>{{{"MX", 50}, {"US", 35}, {"GT", 10}, {"CA", 5}}});
    }
    if (origin == "NI") {
        return pick_text(random, std::array<Share, 5>{
                                     {{"CR", 45}, {"NI", 12}, {"PA", 13}, {"MX", 20}, {"SV", 10}}});
    }
    if (origin == "GT") {
        return pick_text(random, std::array<Share, 5>{
                                     {{"MX", 62}, {"GT", 15}, {"US", 13}, {"BZ", 5}, {"SV", 5}}});
    }
    if (origin == "SV") {
        return pick_text(random, std::array<Share, 5>{
                                     {{"MX", 50}, {"GT", 20}, {"SV", 12}, {"US", 13}, {"HN", 5}}});
    }
    if (origin == "HN") {
        return pick_text(random, std::array<Share, 5>{
                                     {{"MX", 52}, {"GT", 20}, {"HN", 10}, {"US", 12}, {"SV", 6}}});
    }
    if (origin == "BZ") {
        return pick_text(random, std::array<Share, 3>{{{"BZ", 40}, {"MX", 40}, {"GT", 20}}});
    }
    if (origin == "CR") {
        return pick_text(random, std::array<Share, 3>{{{"CR", 50}, {"PA", 25}, {"MX", 25}}});
    }
    return pick_text(random, std::array<Share, 3>{{{"PA", 50}, {"CR", 30}, {"MX", 20}}});
}

constexpr std::array<Share, 8> kExploitationOfGirls{{
    {"SexualExploitation", 65},
    {"ForcedLabour", 10},
    {"Servitude", 6},
    {"ForcedMarriage", 5},
    {"ForcedBegging", 5},
    {"ChildLabour", 4},
    {"ForcedMilitaryByNonStateActors", 2},
    {"Other", 3},
}};

// Boys are more often in forced labour, begging and forced recruitment by gangs.
constexpr std::array<Share, 7> kExploitationOfBoys{{
    {"ForcedLabour", 35},
    {"SexualExploitation", 20},
    {"ForcedMilitaryByNonStateActors", 15},
    {"ForcedBegging", 12},
    {"ChildLabour", 8},
    {"Servitude", 5},
    {"Other", 5},
}};

constexpr std::array<Share, 4> kSexExploitation{{
    {"Prostitution", 55},
    {"Pornography", 20},
    {"PrivateSexualServices", 15},
    {"RemoteInteractiveServices", 10},
}};

constexpr std::array<Share, 7> kIndustries{{
    {"A_AgricultureForestryAndFishing", 30},
    {"T_ActivitiesOfHouseholdsAsEmployers", 25},
    {"I_AccommodationAndFoodServiceActivities", 12},
    {"G_WholesaleAndRetailTradeRepairOfMotorVehicles", 12},
    {"F_Construction", 8},
    {"S_OtherServiceActivities", 7},
    {"C_Manufacturing", 6},
}};

constexpr std::array<Share, 16> kControl{{
    {"PsychologicalAbuse", 20},
    {"FalsePromises", 18},
    {"PhysicalThreats", 15},
    {"ThreatensChildrenFamily", 10},
    {"TakesEarnings", 10},
    {"PhysicalAbuse", 9},
    {"SexualAbuse", 6},
    {"WithholdsDocuments", 6},
    {"DebtBondage", 6},
    {"PsychoactiveSubstance", 5},
    {"ExcessiveWorkingHours", 5},
    {"ThreatsLawEnforcement", 5},
    {"WithholdsNecessities", 4},
    {"RestrictsFinancialAccess", 3},
    {"RestrictsMedicalCare", 2},
    {"Other", 2},
}};

constexpr std::array<Share, 10> kRecruitment{{
    {"ThroughFriendsOrSocialEvents", 25},
    {"ThroughOnlineSocialNetworks", 22},
    {"ThroughFamilyOrFamilyEvents", 20},
    {"Other", 8.5},
    {"AtWork", 6},
    {"AtAnEducationalInstitution", 6},
    {"ThroughAnOnlineAdvertisement", 6},
    {"AtAPlaceOfBusiness", 5},
    {"ThroughANewspaperAdvert", 1},
    {"ThroughATelevisionAdvert", 0.5},
}};

constexpr std::array<Share, 3> kRelationship{{
    {"Acquainted", 45},
    {"Familial", 30},
    {"Unaquainted", 25},
}};

constexpr std::array<Share, 3> kStatus{{
    {"PossibleVictimOfTrafficking", 65},
    {"ActualVictimOfTrafficking", 33},
    {"NotAVictimOfTrafficking", 2},
}};

constexpr std::array<Share, 5> kDecisionOrg{{
    {"CourtOrProsecution", 40},
    {"Police", 35},
    {"NonPoliceGovernmentalOrganization", 15},
    {"NGO", 7},
    {"Other", 3},
}};

bool contains(const std::vector<std::string>& values, std::string_view value) {
    return std::find(values.begin(), values.end(), value) != values.end();
}

}  // namespace

Generator::Generator(std::uint64_t seed) : m_random(seed), m_names(embedded_name_tables()) {}

std::string Generator::draw_nationality() {
    return synthetic::draw_nationality(m_random);
}

std::string Generator::draw_destination(std::string_view origin) {
    return destination_for(m_random, origin);
}

Date Generator::draw_identification_day() {
    using std::chrono::sys_days;
    auto first = sys_days{kFirstIdentification};
    auto span = (sys_days{kLastIdentification} - first).count() + 1;
    return Date{first + std::chrono::days{
                            static_cast<int>(m_random.below(static_cast<std::uint64_t>(span)))}};
}

Person Generator::person_identified_on(std::string_view nationality, Date identified_on) {
    return draw_person(m_random, m_names, nationality, identified_on).person;
}

Person Generator::next_person(std::string_view nationality) {
    std::string code =
        m_names.country(nationality) != nullptr ? std::string(nationality) : draw_nationality();
    return person_identified_on(code, draw_identification_day());
}

VictimContext Generator::victim_for(const Person& person, Date identified_on) {
    VictimContext victim;
    victim.trafficking_status = pick_share(m_random, kStatus);
    if (victim.trafficking_status != "PossibleVictimOfTrafficking" || m_random.chance(0.4)) {
        victim.status_decision_org = pick_share(m_random, kDecisionOrg);
    }
    bool girl = person.gender == "Feminine" || person.gender == "TransgenderFeminine";
    victim.type_of_exploitation = girl ? pick_distinct(m_random, kExploitationOfGirls, 2, 0.1)
                                       : pick_distinct(m_random, kExploitationOfBoys, 2, 0.1);
    if (contains(victim.type_of_exploitation, "SexualExploitation")) {
        victim.type_of_sex_exploitation = pick_distinct(m_random, kSexExploitation, 2, 0.2);
    }
    if (contains(victim.type_of_exploitation, "ForcedLabour") ||
        contains(victim.type_of_exploitation, "ChildLabour") ||
        contains(victim.type_of_exploitation, "Servitude")) {
        victim.forced_labour_industry = pick_share(m_random, kIndustries);
    }
    victim.methods_of_control = pick_distinct(m_random, kControl, 4, 0.55);
    victim.method_of_recruitment = pick_distinct(m_random, kRecruitment, 2, 0.15);
    // Recruitment through the family is mostly by a relative.
    if (contains(victim.method_of_recruitment, "ThroughFamilyOrFamilyEvents") &&
        m_random.chance(0.8)) {
        victim.relationship_to_trafficker = "Familial";
    } else if (m_random.chance(0.9)) {
        victim.relationship_to_trafficker = pick_share(m_random, kRelationship);
    }
    if (auto age = person.age_on(identified_on); age && m_random.chance(0.9)) {
        victim.age_when_trafficked = std::max(5, *age - m_random.between(0, 2));
    }
    return victim;
}

SyntheticCase Generator::next_case() {
    SyntheticCase out;
    out.identified_on = draw_identification_day();
    out.origin_country = draw_nationality();
    out.destination_country = draw_destination(out.origin_country);
    out.person = person_identified_on(out.origin_country, out.identified_on);
    out.victim = victim_for(out.person, out.identified_on);
    return out;
}

boost::json::object case_to_json(const SyntheticCase& synthetic_case) {
    boost::json::object out;
    auto person = person_to_json(synthetic_case.person);
    // Only the identity_verification step sets age_verified; a request that opens a case may
    // not carry it.
    person.erase("age_verified");
    out["person"] = std::move(person);
    out["victim"] = victim_context_to_json(synthetic_case.victim);
    out["origin_country"] = synthetic_case.origin_country;
    out["destination_country"] = synthetic_case.destination_country;
    return out;
}

}  // namespace retorno::synthetic
