#include "access/categories.h"

#include <boost/json.hpp>

namespace retorno::access {

namespace json = boost::json;

namespace {

using enum Category;

using Classifier = std::optional<Category> (*)(std::string_view);

bool visible(const std::optional<Category>& category, const Visibility& v) {
    return !category || v.categories.contains(*category);
}

json::object redact_fields(const json::object& object, Classifier classify, const Visibility& v) {
    json::object out;
    for (const auto& [key, value] : object) {
        if (visible(classify(key), v))
            out[key] = value;
    }
    return out;
}

void collect(const json::object& object, Classifier classify, std::set<Category>& out) {
    for (const auto& [key, value] : object) {
        (void)value;
        if (auto category = classify(key))
            out.insert(*category);
    }
}

}  // namespace

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
        *person = redact_fields(person->get_object(), &person_field_category, v);
    }
    if (auto* victim = document.if_contains("victim"); victim && victim->is_object()) {
        *victim = redact_fields(victim->get_object(), &victim_field_category, v);
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
            out[key] = redact_fields(value.get_object(), &person_field_category, v);
        } else if (key == "victim" && value.is_object()) {
            out[key] = redact_fields(value.get_object(), &victim_field_category, v);
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
        collect(person->get_object(), &person_field_category, out);
    }
    if (auto* victim = document.if_contains("victim"); victim && victim->is_object()) {
        collect(victim->get_object(), &victim_field_category, out);
    }
    return out;
}

}  // namespace retorno::access
