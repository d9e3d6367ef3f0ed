#include "protocol/field_check.h"

#include <algorithm>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "core/iso_country.h"
#include "core/time.h"

namespace retorno::protocol {

namespace json = boost::json;

namespace {

constexpr std::size_t kMaxText = 20000;

Refusal invalid(const std::string& name, std::string es, std::string en) {
    return Refusal{ErrorCode::InvalidInput, "field-invalid", "/data/" + name,
                   Text{std::move(es), std::move(en)}};
}

bool in_vocabulary(const FieldDef& f, const json::value& v) {
    if (f.vocabulary.empty())
        return true;
    return v.is_string() && std::find(f.vocabulary.begin(), f.vocabulary.end(),
                                      std::string_view(v.as_string())) != f.vocabulary.end();
}

std::optional<Refusal> check_value(const FieldDef& f, const json::value& v) {
    auto wrong = [&](std::string_view es_kind, std::string_view en_kind) {
        return invalid(f.name, fmt::format("'{}' debe ser {}.", f.name, es_kind),
                       fmt::format("'{}' must be {}.", f.name, en_kind));
    };
    switch (f.type) {
        case FieldType::String:
        case FieldType::Text:
            if (!v.is_string())
                return wrong("un texto", "text");
            if (v.as_string().size() > kMaxText) {
                return wrong("un texto de hasta 20000 bytes", "text of at most 20000 bytes");
            }
            if (f.required && v.as_string().empty())
                return wrong("un texto no vacío", "non-empty text");
            break;
        case FieldType::Boolean:
            if (!v.is_bool())
                return wrong("true o false", "true or false");
            break;
        case FieldType::Integer:
            if (!v.is_int64() && !v.is_uint64())
                return wrong("un número entero", "a whole number");
            break;
        case FieldType::Date:
            if (!v.is_string() || !parse_date(v.as_string())) {
                return wrong("una fecha AAAA-MM-DD", "a date YYYY-MM-DD");
            }
            break;
        case FieldType::Timestamp:
            if (!v.is_string() || !parse_timestamp(v.as_string())) {
                return wrong("una fecha y hora RFC 3339", "an RFC 3339 date and time");
            }
            break;
        case FieldType::Country:
            if (!v.is_string() || find_country(v.as_string()) == nullptr) {
                return wrong("un código de país ISO 3166-1 como GT",
                             "an ISO 3166-1 country code such as GT");
            }
            break;
        case FieldType::Enum:
            if (!in_vocabulary(f, v)) {
                auto list = fmt::format("{}", fmt::join(f.vocabulary, ", "));
                return wrong("uno de: " + list, "one of: " + list);
            }
            break;
        case FieldType::List:
            if (!v.is_array())
                return wrong("una lista", "a list");
            for (const auto& item : v.as_array()) {
                if (!item.is_string() || !in_vocabulary(f, item)) {
                    auto list = f.vocabulary.empty()
                                    ? std::string("texts")
                                    : fmt::format("{}", fmt::join(f.vocabulary, ", "));
                    return wrong("una lista de: " + list, "a list of: " + list);
                }
            }
            break;
    }
    return std::nullopt;
}

}  // namespace

std::optional<Refusal> check_fields(const std::vector<FieldDef>& fields, const json::object& data,
                                    std::string_view extra_allowed) {
    for (const auto& [key, value] : data) {
        if (!extra_allowed.empty() && key == extra_allowed)
            continue;
        auto f = std::find_if(fields.begin(), fields.end(),
                              [&](const FieldDef& d) { return d.name == key; });
        if (f == fields.end()) {
            return Refusal{
                ErrorCode::UnknownField, "field-unknown", "/data/" + std::string(key),
                Text{fmt::format("Este paso no registra el campo '{}'.", std::string(key)),
                     fmt::format("This step does not record a field '{}'.", std::string(key))}};
        }
        if (value.is_null() && !f->required)
            continue;
        if (auto r = check_value(*f, value))
            return r;
    }
    for (const auto& f : fields) {
        if (f.required && !data.contains(f.name)) {
            return invalid(f.name, fmt::format("Falta el campo obligatorio '{}'.", f.name),
                           fmt::format("The required field '{}' is missing.", f.name));
        }
    }
    return std::nullopt;
}

}  // namespace retorno::protocol
