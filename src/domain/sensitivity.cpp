#include "domain/sensitivity.h"

#include <map>
#include <string>

namespace retorno {

namespace {

using enum Category;
using Table = std::map<std::string, std::optional<Category>, std::less<>>;

std::optional<Category> lookup(const Table& table, std::string_view key, Category fallback) {
    auto it = table.find(key);
    return it == table.end() ? std::optional<Category>(fallback) : it->second;
}

}  // namespace

std::optional<Category> person_field_category(std::string_view key) {
    static const Table fields{
        {"prs_FirstName", Identity},
        {"prs_MiddleName", Identity},
        {"prs_SecondName", Identity},
        {"prs_Birthdate", Identity},
        {"age_estimate", Identity},
        {"age_estimate_date", Identity},
        {"prs_IdentityNumber", Identity},
        {"prs_MailingCity", Whereabouts},
        {"prs_MailingState", Whereabouts},
        {"prs_MailingCountry", Whereabouts},
        {"age_verified", std::nullopt},
        {"prs_Gender", std::nullopt},
        {"prs_Citizenship", std::nullopt},
        {"prs_PrimaryLanguage", std::nullopt},
        {"prs_SecondaryLanguage", std::nullopt},
    };
    return lookup(fields, key, Identity);
}

std::optional<Category> victim_field_category(std::string_view key) {
    static const Table fields{
        {"vic_TraffickingStatus", Legal},
        {"vic_TraffickingStatusDecisionMakingOrg", Legal},
    };
    return lookup(fields, key, Exploitation);
}

std::optional<Category> event_key_category(std::string_view key) {
    static const Table keys{
        {"origin_country", std::nullopt},
        {"destination_country", std::nullopt},
        {"protocol", std::nullopt},
        {"status", std::nullopt},
        {"cas_Status", std::nullopt},
        {"decision", std::nullopt},
        {"shelter", Whereabouts},
        {"address", Whereabouts},
        {"location", Whereabouts},
        {"health", Health},
        {"psychological", Health},
        {"assessment", Health},
        {"protection_claim", Protection},
        {"asylum", Protection},
        {"fear_of_return", Protection},
        {"legal", Legal},
        {"court", Legal},
        {"hearing", Legal},
    };
    return lookup(keys, key, Exploitation);
}

}  // namespace retorno
