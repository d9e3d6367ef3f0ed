#include "domain/vocabulary.h"

#include <array>

namespace retorno::vocabulary {

namespace {

constexpr std::array<std::string_view, 6> kGender{
    "Feminine",      "Masculine",          "TransgenderFeminine", "TransgenderMasculine",
    "NonConforming", "NonSpecifiedUnknown"};

constexpr std::array<std::string_view, 3> kTraffickingStatus{
    "PossibleVictimOfTrafficking", "ActualVictimOfTrafficking", "NotAVictimOfTrafficking"};

constexpr std::array<std::string_view, 5> kDecisionOrg{
    "Police", "NGO", "CourtOrProsecution", "NonPoliceGovernmentalOrganization", "Other"};

// "Unaquainted" is spelt as HTCDS 2.0 spells it, because it is the exchanged value name.
constexpr std::array<std::string_view, 3> kRelationship{"Familial", "Acquainted", "Unaquainted"};

constexpr std::array<std::string_view, 10> kRecruitment{"AtAPlaceOfBusiness",
                                                        "AtAnEducationalInstitution",
                                                        "AtWork",
                                                        "ThroughOnlineSocialNetworks",
                                                        "ThroughAnOnlineAdvertisement",
                                                        "ThroughATelevisionAdvert",
                                                        "ThroughANewspaperAdvert",
                                                        "ThroughFamilyOrFamilyEvents",
                                                        "ThroughFriendsOrSocialEvents",
                                                        "Other"};

constexpr std::array<std::string_view, 16> kControl{"PhysicalThreats",
                                                    "ThreatsLawEnforcement",
                                                    "ThreatensChildrenFamily",
                                                    "DebtBondage",
                                                    "FalsePromises",
                                                    "PhysicalAbuse",
                                                    "SexualAbuse",
                                                    "TakesEarnings",
                                                    "RestrictsFinancialAccess",
                                                    "RestrictsMedicalCare",
                                                    "WithholdsNecessities",
                                                    "PsychologicalAbuse",
                                                    "PsychoactiveSubstance",
                                                    "ExcessiveWorkingHours",
                                                    "WithholdsDocuments",
                                                    "Other"};

constexpr std::array<std::string_view, 11> kExploitation{
    "ForcedLabour",   "SexualExploitation",
    "ChildLabour",    "ForcedMarriage",
    "Servitude",      "ForcedMilitaryByNonStateActors",
    "OrganRemoval",   "ForcedBegging",
    "ForcedAdoption", "Surrogacy",
    "Other"};

constexpr std::array<std::string_view, 4> kSexExploitation{
    "Prostitution", "Pornography", "RemoteInteractiveServices", "PrivateSexualServices"};

constexpr std::array<std::string_view, 21> kIndustry{
    "A_AgricultureForestryAndFishing",
    "B_MiningAndQuarrying",
    "C_Manufacturing",
    "D_ElectricityGasSteamAndAirConditioningSupply",
    "E_WaterSupplySewerageWasteManagement",
    "F_Construction",
    "G_WholesaleAndRetailTradeRepairOfMotorVehicles",
    "H_TransportationAndStorage",
    "I_AccommodationAndFoodServiceActivities",
    "J_InformationAndCommunication",
    "K_FinancialAndInsuranceActivities",
    "L_RealEstateActivities",
    "M_ProfessionalScientificAndTechnicalActivities",
    "N_AdministrativeAndSupportServiceActivities",
    "O_PublicAdministrationAndDefence",
    "P_Education",
    "Q_HumanHealthAndSocialWorkActivities",
    "R_ArtsEntertainmentAndRecreation",
    "S_OtherServiceActivities",
    "T_ActivitiesOfHouseholdsAsEmployers",
    "U_ActivitiesOfExtraterritorialOrganizations"};

constexpr std::array<std::string_view, 4> kCaseStatus{"Active", "FollowUp", "Closed",
                                                      "ClosedReferred"};

constexpr std::array<std::string_view, 15> kInstitutionType{"NGO",
                                                            "LawEnforcement",
                                                            "HealthServiceOrganisation",
                                                            "CentralGovernmentOrganisation",
                                                            "LocalGovernmentOrganisation",
                                                            "ImmigrationService",
                                                            "LegalService",
                                                            "CorporateBusiness",
                                                            "SchoolOrCollege",
                                                            "ForeignMinistry",
                                                            "Consulate",
                                                            "ChildProtectionAuthority",
                                                            "Shelter",
                                                            "Court",
                                                            "Prosecutor"};

}  // namespace

std::span<const std::string_view> gender() {
    return kGender;
}
std::span<const std::string_view> trafficking_status() {
    return kTraffickingStatus;
}
std::span<const std::string_view> status_decision_org() {
    return kDecisionOrg;
}
std::span<const std::string_view> relationship_to_trafficker() {
    return kRelationship;
}
std::span<const std::string_view> method_of_recruitment() {
    return kRecruitment;
}
std::span<const std::string_view> methods_of_control() {
    return kControl;
}
std::span<const std::string_view> type_of_exploitation() {
    return kExploitation;
}
std::span<const std::string_view> type_of_sex_exploitation() {
    return kSexExploitation;
}
std::span<const std::string_view> forced_labour_industry() {
    return kIndustry;
}
std::span<const std::string_view> case_status() {
    return kCaseStatus;
}
std::span<const std::string_view> institution_type() {
    return kInstitutionType;
}

}  // namespace retorno::vocabulary
