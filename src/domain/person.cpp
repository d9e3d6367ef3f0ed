#include "domain/person.h"

#include <fmt/format.h>
#include <boost/json.hpp>

#include "core/iso_country.h"
#include "core/iso_language.h"
#include "core/json_reader.h"
#include "core/stored_json.h"
#include "domain/vocabulary.h"

namespace retorno {

namespace json = boost::json;

std::optional<int> Person::age_on(Date day) const {
    if (birthdate)
        return age_in_years(*birthdate, day);
    if (age_estimate && age_estimate_date) {
        auto elapsed = std::chrono::sys_days{day} - std::chrono::sys_days{*age_estimate_date};
        return *age_estimate + static_cast<int>(elapsed.count() / 365);
    }
    return std::nullopt;
}

namespace {

Result<std::string> bounded_name(JsonReader& reader, std::string_view key, bool required) {
    auto value = TRY(reader.optional_string(key));
    if (!value || value->empty()) {
        if (required) {
            return fail(Error::invalid(reader.pointer_to(key), InvalidReason::Required,
                                       fmt::format("'{}' is required.", key)));
        }
        return std::string{};
    }
    if (value->size() > kMaxNameLength) {
        return fail(
            Error::invalid(reader.pointer_to(key), InvalidReason::TooLong,
                           fmt::format("'{}' is longer than {} bytes.", key, kMaxNameLength)));
    }
    return *value;
}

Result<std::string> language(JsonReader& reader, std::string_view key) {
    auto code = TRY(reader.optional_string(key));
    if (!code)
        return std::string{};
    if (find_language(*code) == nullptr) {
        return fail(Error::invalid(reader.pointer_to(key), InvalidReason::NotALanguage,
                                   fmt::format("'{}' must be an ISO 639 language code such as "
                                               "es or quc.",
                                               key)));
    }
    return *code;
}

}  // namespace

Result<Person> person_from_json(const json::object& object, const std::string& pointer) {
    JsonReader reader(object, pointer);
    Person person;
    person.first_name = TRY(bounded_name(reader, "prs_FirstName", true));
    person.middle_name = TRY(bounded_name(reader, "prs_MiddleName", false));
    person.second_name = TRY(bounded_name(reader, "prs_SecondName", false));
    person.birthdate = TRY(reader.optional_date("prs_Birthdate"));
    auto estimate = TRY(reader.optional_integer("age_estimate"));
    if (estimate) {
        if (*estimate < 0 || *estimate > 25) {
            return fail(Error::invalid(reader.pointer_to("age_estimate"), InvalidReason::OutOfRange,
                                       "'age_estimate' must be between 0 and 25 years."));
        }
        person.age_estimate = static_cast<int>(*estimate);
    }
    person.age_estimate_date = TRY(reader.optional_date("age_estimate_date"));
    if (person.age_estimate && !person.age_estimate_date) {
        return fail(Error::invalid(reader.pointer_to("age_estimate_date"), InvalidReason::Required,
                                   "'age_estimate_date' is required with 'age_estimate'."));
    }
    person.gender = TRY(reader.optional_choice("prs_Gender", vocabulary::gender()))
                        .value_or("NonSpecifiedUnknown");
    person.citizenship = TRY(reader.string_list("prs_Citizenship"));
    for (std::size_t i = 0; i < person.citizenship.size(); ++i) {
        if (find_country(person.citizenship[i]) == nullptr) {
            return fail(Error::invalid(
                fmt::format("{}/{}", reader.pointer_to("prs_Citizenship"), i),
                InvalidReason::NotACountry,
                "'prs_Citizenship' values must be ISO 3166-1 alpha-2 codes such as GT or SV."));
        }
    }
    person.primary_language = TRY(language(reader, "prs_PrimaryLanguage"));
    person.secondary_language = TRY(language(reader, "prs_SecondaryLanguage"));
    person.identity_number = TRY(bounded_name(reader, "prs_IdentityNumber", false));
    person.mailing_city = TRY(bounded_name(reader, "prs_MailingCity", false));
    person.mailing_state = TRY(bounded_name(reader, "prs_MailingState", false));
    person.mailing_country = TRY(reader.optional_country("prs_MailingCountry")).value_or("");
    TRY_STATUS(reader.finish());

    auto today = date_of(now_utc());
    if (person.birthdate &&
        std::chrono::sys_days{*person.birthdate} > std::chrono::sys_days{today}) {
        return fail(Error::invalid(reader.pointer_to("prs_Birthdate"), InvalidReason::InTheFuture,
                                   "'prs_Birthdate' is in the future."));
    }
    if (person.birthdate && age_in_years(*person.birthdate, today) > 120) {
        return fail(Error::invalid(reader.pointer_to("prs_Birthdate"), InvalidReason::TooLongAgo,
                                   "'prs_Birthdate' is more than 120 years ago."));
    }
    if (person.age_estimate_date &&
        std::chrono::sys_days{*person.age_estimate_date} > std::chrono::sys_days{today}) {
        return fail(Error::invalid(reader.pointer_to("age_estimate_date"),
                                   InvalidReason::InTheFuture,
                                   "'age_estimate_date' is in the future."));
    }
    return person;
}

json::object person_to_json(const Person& person) {
    json::object out;
    auto put = [&](std::string_view key, const std::string& value) {
        if (!value.empty())
            out[key] = value;
    };
    put("prs_FirstName", person.first_name);
    put("prs_MiddleName", person.middle_name);
    put("prs_SecondName", person.second_name);
    if (person.birthdate)
        out["prs_Birthdate"] = format_date(*person.birthdate);
    if (person.age_estimate)
        out["age_estimate"] = *person.age_estimate;
    if (person.age_estimate_date)
        out["age_estimate_date"] = format_date(*person.age_estimate_date);
    out["age_verified"] = person.age_verified;
    put("prs_Gender", person.gender);
    if (!person.citizenship.empty()) {
        json::array citizenship;
        for (const auto& code : person.citizenship)
            citizenship.emplace_back(code);
        out["prs_Citizenship"] = std::move(citizenship);
    }
    put("prs_PrimaryLanguage", person.primary_language);
    put("prs_SecondaryLanguage", person.secondary_language);
    put("prs_IdentityNumber", person.identity_number);
    put("prs_MailingCity", person.mailing_city);
    put("prs_MailingState", person.mailing_state);
    put("prs_MailingCountry", person.mailing_country);
    return out;
}

Person person_from_document(const json::object& object) {
    using namespace stored_json;
    Person person;
    person.first_name = text(object, "prs_FirstName");
    person.middle_name = text(object, "prs_MiddleName");
    person.second_name = text(object, "prs_SecondName");
    person.birthdate = date(object, "prs_Birthdate");
    person.age_estimate = integer(object, "age_estimate");
    person.age_estimate_date = date(object, "age_estimate_date");
    person.age_verified = object.at("age_verified").as_bool();
    person.gender = text(object, "prs_Gender");
    person.citizenship = texts(object, "prs_Citizenship");
    person.primary_language = text(object, "prs_PrimaryLanguage");
    person.secondary_language = text(object, "prs_SecondaryLanguage");
    person.identity_number = text(object, "prs_IdentityNumber");
    person.mailing_city = text(object, "prs_MailingCity");
    person.mailing_state = text(object, "prs_MailingState");
    person.mailing_country = text(object, "prs_MailingCountry");
    return person;
}

}  // namespace retorno
