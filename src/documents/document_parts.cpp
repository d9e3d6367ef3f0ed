#include "documents/document_parts.h"

#include <boost/json.hpp>

namespace retorno::documents {

namespace json = boost::json;

namespace {

std::string text_of(const json::object& object, std::string_view key) {
    const auto* value = object.if_contains(key);
    return value != nullptr && value->is_string() ? std::string(value->get_string())
                                                  : std::string{};
}

}  // namespace

Document document_frame(const CaseFile& file, const Formatter& format, const IssueInfo& issue,
                        std::string_view title_key, std::string_view footer_key) {
    Document document;
    document.title = format.text(title_key);
    document.language = format.language() == protocol::Language::Es ? "es" : "en";
    document.subtitle_lines.push_back(
        format.fill("case_line", {{"case", file.id()},
                                  {"protocol", file.definition().title.in(format.language())},
                                  {"version", std::to_string(file.definition().version)}}));
    document.subtitle_lines.push_back(format.fill(
        "issued", {{"date", format.date_time(issue.issued_at)},
                   {"institution", issue.institution_name.empty() ? format.text("issued_unknown")
                                                                  : issue.institution_name}}));
    document.footer = format.fill(footer_key, {{"case", file.id()}});
    document.page_label = format.text("page");
    document.name_label = format.text("name");
    document.sign_label = format.text("sign_and_stamp");
    document.signatures_heading = format.text("signatures");
    return document;
}

Section child_section(const CaseFile& file, const Formatter& format) {
    Section section;
    section.heading = format.text("child.heading");
    const auto& person = file.person();
    auto add = [&](std::string_view key, std::string value) {
        if (!value.empty())
            section.rows.push_back(Row{format.text(key), std::move(value)});
    };
    std::string given = text_of(person, "prs_FirstName");
    if (auto middle = text_of(person, "prs_MiddleName"); !middle.empty())
        given += " " + middle;
    add("child.first_names", given);
    add("child.surnames", text_of(person, "prs_SecondName"));
    if (auto birth = parse_date(text_of(person, "prs_Birthdate"))) {
        add("child.birthdate", format.date(*birth));
    } else if (const auto* age = person.if_contains("age_estimate"); age && age->is_int64()) {
        auto on = parse_date(text_of(person, "age_estimate_date"));
        add("child.age_estimate",
            format.fill("child.age_years", {{"years", std::to_string(age->get_int64())},
                                            {"date", on ? format.date(*on) : std::string("—")}}));
    }
    if (auto gender = text_of(person, "prs_Gender"); !gender.empty())
        add("child.gender", format.vocabulary(gender));
    if (const auto* citizenship = person.if_contains("prs_Citizenship");
        citizenship && citizenship->is_array()) {
        std::string countries;
        for (const auto& code : citizenship->get_array()) {
            if (!code.is_string())
                continue;
            countries += (countries.empty() ? "" : ", ") + format.country(code.get_string());
        }
        add("child.citizenship", countries);
    }
    std::string languages;
    for (const char* key : {"prs_PrimaryLanguage", "prs_SecondaryLanguage"}) {
        if (auto code = text_of(person, key); !code.empty())
            languages += (languages.empty() ? "" : ", ") + format.language_name(code);
    }
    add("child.languages", languages);
    add("child.identity_number", text_of(person, "prs_IdentityNumber"));
    std::string residence;
    for (const char* key : {"prs_MailingCity", "prs_MailingState"}) {
        if (auto part = text_of(person, key); !part.empty())
            residence += (residence.empty() ? "" : ", ") + part;
    }
    if (auto country = text_of(person, "prs_MailingCountry"); !country.empty())
        residence += (residence.empty() ? "" : ", ") + format.country(country);
    add("child.residence", residence);
    return section;
}

std::string step_value(const CaseFile& file, const Formatter& format, std::string_view step,
                       std::string_view field) {
    const auto* value = file.field(step, field);
    return value == nullptr ? std::string{} : format.value(*value);
}

std::string outcome_title(const CaseFile& file, const Formatter& format, std::string_view step,
                          std::string_view outcome) {
    const auto* definition = file.definition().step(step);
    if (definition != nullptr && definition->decision) {
        for (const auto& candidate : definition->decision->outcomes) {
            if (candidate.id == outcome)
                return candidate.title.in(format.language());
        }
    }
    return format.vocabulary(outcome);
}

}  // namespace retorno::documents
