#include "access/categories.h"

#include <map>

#include <boost/json.hpp>

namespace retorno::access {

namespace json = boost::json;

namespace {

using enum Category;

// Fields of a person (prs_) and of the victim context (vic_) by category. A field missing from
// these tables is treated as Identity (person) or Exploitation (victim): new fields are hidden
// until someone classifies them.
const std::map<std::string, std::optional<Category>, std::less<>>& person_fields() {
    static const std::map<std::string, std::optional<Category>, std::less<>> fields{
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
    return fields;
}

const std::map<std::string, std::optional<Category>, std::less<>>& victim_fields() {
    static const std::map<std::string, std::optional<Category>, std::less<>> fields{
        {"vic_TraffickingStatus", Legal},
        {"vic_TraffickingStatusDecisionMakingOrg", Legal},
    };
    return fields;
}

// Top-level keys of an event's data. FIXME: the protocol definitions should name the category
// of each field a step records; until then, keys are classified by name and anything unknown
// is Exploitation (the category fewest roles see).
std::optional<Category> event_key_category(std::string_view key) {
    static const std::map<std::string, std::optional<Category>, std::less<>> keys{
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
    auto it = keys.find(key);
    return it == keys.end() ? std::optional<Category>(Exploitation) : it->second;
}

bool visible(const std::optional<Category>& category, const Visibility& v) {
    return !category || v.categories.contains(*category);
}

json::object redact_fields(const json::object& object,
                           const std::map<std::string, std::optional<Category>, std::less<>>& table,
                           Category fallback, const Visibility& v) {
    json::object out;
    for (const auto& [key, value] : object) {
        auto it = table.find(std::string_view(key));
        std::optional<Category> category =
            it == table.end() ? std::optional<Category>(fallback) : it->second;
        if (visible(category, v))
            out[key] = value;
    }
    return out;
}

void collect(const json::object& object,
             const std::map<std::string, std::optional<Category>, std::less<>>& table,
             Category fallback, std::set<Category>& out) {
    for (const auto& [key, value] : object) {
        (void)value;
        auto it = table.find(std::string_view(key));
        auto category = it == table.end() ? std::optional<Category>(fallback) : it->second;
        if (category)
            out.insert(*category);
    }
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

std::string join_categories(const std::set<Category>& categories) {
    std::string out;
    for (auto c : categories) {
        if (!out.empty())
            out += ',';
        out += to_string(c);
    }
    return out;
}

std::set<Category> categories_of(Role role) {
    switch (role) {
        case Role::Caseworker:
            return {Identity, Whereabouts, Exploitation};
        case Role::Psychologist:
            return {Identity, Health, Exploitation};
        case Role::LegalOfficer:
            return {Identity, Exploitation, Protection, Legal};
        // A consulate of the origin country must never learn of a protection claim against it.
        case Role::ConsularOfficer:
            return {Identity, Whereabouts, Legal};
        case Role::Supervisor:
            return {Identity, Whereabouts, Health, Exploitation, Protection, Legal};
        case Role::StatisticsCoordinator:
        case Role::Administrator:
            return {};
    }
    return {};
}

bool sees_case_content(const std::vector<Role>& roles) {
    for (auto role : roles) {
        if (role != Role::StatisticsCoordinator && role != Role::Administrator)
            return true;
    }
    return false;
}

std::set<Category> categories_of(const std::vector<Role>& roles) {
    std::set<Category> out;
    for (auto role : roles)
        out.merge(categories_of(role));
    return out;
}

json::object redact_case(json::object document, const Visibility& v) {
    if (auto* person = document.if_contains("person"); person && person->is_object()) {
        *person = redact_fields(person->get_object(), person_fields(), Identity, v);
    }
    if (auto* victim = document.if_contains("victim"); victim && victim->is_object()) {
        *victim = redact_fields(victim->get_object(), victim_fields(), Exploitation, v);
    }
    return document;
}

json::object redact_event(json::object event, const Visibility& v) {
    auto* data = event.if_contains("data");
    if (data == nullptr || !data->is_object())
        return event;
    json::object out;
    for (const auto& [key, value] : data->get_object()) {
        if (key == "person" && value.is_object()) {
            out[key] = redact_fields(value.get_object(), person_fields(), Identity, v);
        } else if (key == "victim" && value.is_object()) {
            out[key] = redact_fields(value.get_object(), victim_fields(), Exploitation, v);
        } else if (visible(event_key_category(key), v)) {
            out[key] = value;
        }
    }
    *data = std::move(out);
    return event;
}

std::set<Category> categories_in_case(const json::object& document) {
    std::set<Category> out;
    if (auto* person = document.if_contains("person"); person && person->is_object()) {
        collect(person->get_object(), person_fields(), Identity, out);
    }
    if (auto* victim = document.if_contains("victim"); victim && victim->is_object()) {
        collect(victim->get_object(), victim_fields(), Exploitation, out);
    }
    return out;
}

}  // namespace retorno::access
