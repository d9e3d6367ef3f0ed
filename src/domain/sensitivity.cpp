#include "domain/sensitivity.h"

#include <atomic>
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

std::atomic<std::shared_ptr<const StepFieldCategories>>& step_fields() {
    static std::atomic<std::shared_ptr<const StepFieldCategories>> table{
        std::make_shared<const StepFieldCategories>()};
    return table;
}

}  // namespace

std::string_view to_string(Category category) {
    switch (category) {
        case Identity:
            return "identity";
        case Whereabouts:
            return "whereabouts";
        case Health:
            return "health";
        case Exploitation:
            return "exploitation";
        case Protection:
            return "protection";
        case Legal:
            return "legal";
    }
    return "identity";
}

const std::vector<Category>& all_categories() {
    static const std::vector<Category> all{Identity,     Whereabouts, Health,
                                           Exploitation, Protection,  Legal};
    return all;
}

std::optional<Category> parse_category(std::string_view text) {
    for (auto c : all_categories()) {
        if (to_string(c) == text)
            return c;
    }
    return std::nullopt;
}

void set_step_field_categories(std::shared_ptr<const StepFieldCategories> categories) {
    step_fields().store(std::move(categories));
}

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
    static const Table routing{
        {"origin_country", std::nullopt}, {"destination_country", std::nullopt},
        {"protocol", std::nullopt},       {"status", std::nullopt},
        {"cas_Status", std::nullopt},     {"decision", std::nullopt},
    };
    if (auto it = routing.find(key); it != routing.end())
        return it->second;
    auto steps = step_fields().load();
    if (auto it = steps->find(key); it != steps->end())
        return it->second;
    // Keys of events that no protocol step defines (notes, free-form records), by name.
    static const Table free_form{
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
    return lookup(free_form, key, Exploitation);
}

}  // namespace retorno
