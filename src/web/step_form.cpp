#include "web/step_form.h"
#include "core/whole_number.h"

#include <charconv>
#include <sstream>

#include "web/view_helpers.h"

namespace retorno::web {

namespace json = boost::json;
using protocol::FieldType;

namespace {

std::string humanise(const std::string& value) {
    std::string out = value;
    for (auto& c : out) {
        if (c == '_')
            c = ' ';
    }
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z')
        out[0] = static_cast<char>(out[0] - 'a' + 'A');
    return out;
}

std::string value_label(WebContext& web, const Page& page, const std::string& value) {
    auto label = web.locales.label(page.lang, value);
    return label == value ? humanise(value) : label;
}

}  // namespace

Data field_view(WebContext& web, const Page& page, const protocol::FieldDef& field,
                const std::string& prefix, const std::string& error_field,
                const std::string& error_message, const Form* sent) {
    const auto lang = protocol_language(page.lang);
    Data out{Data::type::object};
    out.set("name", field.name);
    out.set("id", prefix + "-" + field.name);
    // The definition's label, else the locale's name of the field, else the name itself.
    std::string label = field.label.in(lang);
    if (label.empty()) {
        const auto& bundle = web.locales.strings(page.lang);
        auto it = bundle.find("field." + field.name);
        label = it == bundle.end() ? humanise(field.name) : it->second;
    }
    out.set("label", label);
    out.set("required", field.required);
    std::string previous = sent ? sent->get(field.name) : std::string{};
    out.set("value", previous);
    if (!error_field.empty() && error_field == field.name)
        out.set("error", error_message);
    switch (field.type) {
        case FieldType::Text:
            out.set("textarea", true);
            break;
        case FieldType::Boolean: {
            List options;
            options.push_back(
                option("true", web.locales.text(page.lang, "form.yes"), previous == "true"));
            options.push_back(
                option("false", web.locales.text(page.lang, "form.no"), previous == "false"));
            out.set("select", true);
            out.set("options", options);
            break;
        }
        case FieldType::Enum: {
            List options;
            for (const auto& value : field.vocabulary)
                options.push_back(option(value, value_label(web, page, value), previous == value));
            out.set("select", true);
            out.set("options", options);
            break;
        }
        case FieldType::Country: {
            List options;
            for (const auto& [key, name] : web.locales.strings(page.lang)) {
                if (!key.starts_with("country."))
                    continue;
                auto code = key.substr(8);
                options.push_back(option(code, name, previous == code));
            }
            out.set("select", true);
            out.set("options", options);
            break;
        }
        case FieldType::List: {
            if (field.vocabulary.empty()) {
                out.set("textarea", true);
                out.set("one_per_line", true);
                break;
            }
            List options;
            auto chosen = sent ? sent->all(field.name) : std::vector<std::string>{};
            for (const auto& value : field.vocabulary) {
                Data item = option(value, value_label(web, page, value),
                                   std::find(chosen.begin(), chosen.end(), value) != chosen.end());
                item.set("id", prefix + "-" + field.name + "-" + value);
                options.push_back(item);
            }
            out.set("checkboxes", true);
            out.set("options", options);
            break;
        }
        case FieldType::Integer:
            out.set("input", true);
            out.set("type", std::string("number"));
            break;
        case FieldType::Date:
            out.set("input", true);
            out.set("type", std::string("date"));
            break;
        case FieldType::Timestamp:
            out.set("input", true);
            out.set("type", std::string("datetime-local"));
            break;
        case FieldType::String:
            out.set("input", true);
            out.set("type", std::string("text"));
            break;
    }
    return out;
}

Result<json::object> data_from_form(const std::vector<protocol::FieldDef>& fields,
                                    const Form& form) {
    json::object data;
    for (const auto& field : fields) {
        auto text = form.get(field.name);
        auto pointer = "/data/" + field.name;
        switch (field.type) {
            case FieldType::List: {
                json::array items;
                if (field.vocabulary.empty()) {
                    std::istringstream lines(text);
                    std::string line;
                    while (std::getline(lines, line)) {
                        while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
                            line.pop_back();
                        if (!line.empty())
                            items.emplace_back(line);
                    }
                } else {
                    for (const auto& value : form.all(field.name))
                        items.emplace_back(value);
                }
                if (!items.empty())
                    data[field.name] = std::move(items);
                continue;
            }
            default:
                break;
        }
        if (text.empty())
            continue;
        switch (field.type) {
            case FieldType::Boolean:
                if (text != "true" && text != "false")
                    return fail(
                        Error::invalid(pointer, InvalidReason::NotABoolean, "Choose yes or no."));
                data[field.name] = text == "true";
                break;
            case FieldType::Integer: {
                auto value = whole_number<std::int64_t>(text);
                if (!value)
                    return fail(Error::invalid(pointer, InvalidReason::NotAnInteger,
                                               "Write a whole number."));
                data[field.name] = *value;
                break;
            }
            case FieldType::Timestamp:
                // datetime-local sends "2026-03-20T08:00"; times are recorded in UTC.
                if (text.size() == 16)
                    data[field.name] = text + ":00Z";
                else if (text.size() == 19 && text[10] == 'T')
                    data[field.name] = text + "Z";
                else
                    data[field.name] = text;
                break;
            default:
                data[field.name] = text;
                break;
        }
    }
    return data;
}

}  // namespace retorno::web
