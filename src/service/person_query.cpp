#include "service/person_query.h"
#include "core/whole_number.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "core/iso_country.h"
#include "domain/person.h"
#include "domain/vocabulary.h"
#include "matching/fuzzy_date.h"
#include "matching/text_fold.h"

namespace retorno {

namespace {

Status check_name(const std::string& value, const char* field) {
    if (value.size() > kMaxNameLength) {
        return fail(Error::invalid(
            field, fmt::format("'{}' is longer than {} bytes.", field, kMaxNameLength)));
    }
    if (!matching::is_valid_utf8(value))
        return fail(Error::invalid(field, fmt::format("'{}' is not UTF-8 text.", field)));
    if (std::any_of(value.begin(), value.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; })) {
        return fail(
            Error::invalid(field, fmt::format("'{}' must not contain control characters.", field)));
    }
    return {};
}

bool blank(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t'; });
}

std::chrono::sys_days days_of(Date date) {
    return std::chrono::sys_days{date};
}

}  // namespace

Result<matching::PersonRecord> person_record_of_query(const PersonQuery& query, Date today) {
    TRY_STATUS(check_name(query.first_name, "prs_FirstName"));
    TRY_STATUS(check_name(query.middle_name, "prs_MiddleName"));
    TRY_STATUS(check_name(query.second_name, "prs_SecondName"));
    if (blank(query.first_name) && blank(query.middle_name) && blank(query.second_name)) {
        return fail(Error::invalid(
            "prs_FirstName", "Give a first name or a surname ('prs_SecondName') to search for."));
    }
    if (query.limit < 1 || query.limit > kMaxPersonCandidates) {
        return fail(Error::invalid(
            "limit",
            fmt::format("'limit' must be a whole number from 1 to {}.", kMaxPersonCandidates)));
    }
    matching::PersonRecord record;
    record.first_name = query.first_name;
    record.middle_name = query.middle_name;
    record.second_name = query.second_name;

    if (!query.birthdate.empty()) {
        auto parsed = matching::parse_partial_date(query.birthdate);
        if (!parsed || !*parsed) {
            return fail(Error::invalid("prs_Birthdate",
                                       "'prs_Birthdate' must be a date such as 2011-03-04, a "
                                       "year and month (2011-03) or a year (2011)."));
        }
        const auto& birth = **parsed;
        // The earliest day the partial date may stand for must not be after today, and its
        // latest not more than 120 years before it.
        const Date earliest{std::chrono::year{birth.year},
                            std::chrono::month{static_cast<unsigned>(std::max(birth.month, 1))},
                            std::chrono::day{static_cast<unsigned>(std::max(birth.day, 1))}};
        if (days_of(earliest) > days_of(today)) {
            return fail(Error::invalid("prs_Birthdate", "'prs_Birthdate' is in the future."));
        }
        if (static_cast<int>(today.year()) - birth.year > 121) {
            return fail(
                Error::invalid("prs_Birthdate", "'prs_Birthdate' is more than 120 years ago."));
        }
        record.birthdate = query.birthdate;
    }

    if (!query.gender.empty()) {
        const auto genders = vocabulary::gender();
        if (std::find(genders.begin(), genders.end(), query.gender) == genders.end()) {
            return fail(Error::invalid("prs_Gender",
                                       "'prs_Gender' must be an HTCDS value such as Feminine, "
                                       "Masculine or NonSpecifiedUnknown."));
        }
        record.gender = query.gender;
    }

    if (!query.nationality.empty()) {
        if (find_country(query.nationality) == nullptr) {
            return fail(Error::invalid(
                "prs_Nationality",
                "'prs_Nationality' must be an ISO 3166-1 alpha-2 code such as GT or SV."));
        }
        record.nationality = query.nationality;
    }

    if (!query.age_estimate.empty() || !query.age_estimate_date.empty()) {
        const int age = whole_number<int>(query.age_estimate).value_or(-1);
        if (age < 0 || age > 25) {
            return fail(Error::invalid(
                "age_estimate",
                "'age_estimate' must be whole years from 0 to 25, with 'age_estimate_date'."));
        }
        auto on = parse_date(query.age_estimate_date);
        if (!on) {
            return fail(Error::invalid("age_estimate_date",
                                       "'age_estimate_date' must be the date, such as "
                                       "2026-05-01, on which the age was estimated."));
        }
        if (days_of(*on) > days_of(today)) {
            return fail(
                Error::invalid("age_estimate_date", "'age_estimate_date' is in the future."));
        }
        if (static_cast<int>(today.year()) - static_cast<int>(on->year()) > 120) {
            return fail(Error::invalid("age_estimate_date",
                                       "'age_estimate_date' is more than 120 years ago."));
        }
        record.age_estimate = query.age_estimate;
        record.age_estimate_date = query.age_estimate_date;
    }
    return record;
}

}  // namespace retorno
