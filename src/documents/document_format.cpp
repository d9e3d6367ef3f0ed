#include "documents/document_format.h"

#include <fmt/format.h>
#include <boost/json.hpp>

#include "core/iso_country.h"
#include "core/iso_language.h"

namespace retorno::documents {

namespace json = boost::json;

namespace {

// "travel_document_type" -> "travel document type", "ActualVictim" -> "Actual victim".
std::string readable(std::string_view value) {
    std::string out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        char c = value[i];
        if (c == '_') {
            out += ' ';
        } else if (i > 0 && std::isupper(static_cast<unsigned char>(c)) &&
                   std::islower(static_cast<unsigned char>(value[i - 1]))) {
            out += ' ';
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace

std::string Formatter::fill(
    std::string_view key,
    std::initializer_list<std::pair<std::string_view, std::string>> values) const {
    std::string out = text(key);
    for (const auto& [name, value] : values) {
        std::string placeholder = "{" + std::string(name) + "}";
        for (auto at = out.find(placeholder); at != std::string::npos;
             at = out.find(placeholder, at + value.size())) {
            out.replace(at, placeholder.size(), value);
        }
    }
    return out;
}

std::string Formatter::date(Date day) const {
    return fill("date",
                {{"day", std::to_string(static_cast<unsigned>(day.day()))},
                 {"month", text("month." + std::to_string(static_cast<unsigned>(day.month())))},
                 {"year", std::to_string(static_cast<int>(day.year()))}});
}

std::string Formatter::date_time(Timestamp at) const {
    auto day = std::chrono::floor<std::chrono::days>(at);
    std::chrono::hh_mm_ss time{std::chrono::floor<std::chrono::minutes>(at - day)};
    return fill(
        "date_time",
        {{"date", date(Date{day})},
         {"time", fmt::format("{:02}:{:02}", time.hours().count(), time.minutes().count())}});
}

std::string Formatter::country(std::string_view alpha2) const {
    const auto* found = find_country(alpha2);
    if (found == nullptr)
        return std::string(alpha2);
    return std::string(m_language == protocol::Language::Es ? found->name_es : found->name_en);
}

std::string Formatter::language_name(std::string_view code) const {
    const auto* found = find_language(code);
    if (found == nullptr)
        return std::string(code);
    return std::string(m_language == protocol::Language::Es ? found->name_es : found->name_en);
}

std::string Formatter::vocabulary(std::string_view value) const {
    std::string key = "vocab." + std::string(value);
    if (m_strings.contains(key))
        return m_strings.text(key);
    return readable(value);
}

std::string Formatter::field_label(std::string_view name, const protocol::Text* label) const {
    if (label != nullptr && !label->in(m_language).empty())
        return label->in(m_language);
    std::string key = "field." + std::string(name);
    if (m_strings.contains(key))
        return m_strings.text(key);
    auto out = readable(name);
    if (!out.empty())
        out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
    return out;
}

std::string Formatter::value(const json::value& value) const {
    switch (value.kind()) {
        case json::kind::null:
            return {};
        case json::kind::bool_:
            return text(value.get_bool() ? "yes" : "no");
        case json::kind::int64:
            return std::to_string(value.get_int64());
        case json::kind::uint64:
            return std::to_string(value.get_uint64());
        case json::kind::double_:
            return fmt::format("{}", value.get_double());
        case json::kind::string: {
            std::string_view text = value.get_string();
            if (text.size() == 10) {
                if (auto day = parse_date(text))
                    return date(*day);
            }
            if (text.size() >= 20 && text[10] == 'T') {
                if (auto at = parse_timestamp(text))
                    return date_time(*at);
            }
            // Vocabulary values are single words without spaces; free text is shown as written.
            if (text.find(' ') == std::string_view::npos &&
                m_strings.contains("vocab." + std::string(text))) {
                return vocabulary(text);
            }
            return std::string(text);
        }
        case json::kind::array: {
            std::string out;
            for (const auto& item : value.get_array()) {
                auto part = this->value(item);
                if (part.empty())
                    continue;
                if (!out.empty())
                    out += ", ";
                out += part;
            }
            return out;
        }
        case json::kind::object:
            return {};
    }
    return {};
}

}  // namespace retorno::documents
