#include "core/json_reader.h"

#include <algorithm>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "core/iso_country.h"

namespace retorno {

namespace json = boost::json;

namespace {

// JSON Pointer escaping (RFC 6901): "~" becomes "~0" and "/" becomes "~1".
std::string escape_pointer_token(std::string_view token) {
    std::string out;
    for (char c : token) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::string join_allowed(std::span<const std::string_view> allowed) {
    std::string out;
    for (std::size_t i = 0; i < allowed.size(); ++i) {
        if (i > 0)
            out += ", ";
        out += allowed[i];
    }
    return out;
}

}  // namespace

JsonReader::JsonReader(const json::object& object, std::string pointer)
    : m_object(object), m_pointer(std::move(pointer)) {}

std::string JsonReader::pointer_to(std::string_view key) const {
    return m_pointer + "/" + escape_pointer_token(key);
}

const json::value* JsonReader::find(std::string_view key) {
    m_seen.emplace(key);
    auto it = m_object.find(key);
    if (it == m_object.end() || it->value().is_null())
        return nullptr;
    return &it->value();
}

Result<std::optional<std::string>> JsonReader::optional_string(std::string_view key) {
    const auto* value = find(key);
    if (value == nullptr)
        return std::optional<std::string>{};
    if (!value->is_string()) {
        return fail(Error::invalid(pointer_to(key), InvalidReason::NotAString,
                                   fmt::format("'{}' must be a string.", key)));
    }
    return std::optional<std::string>{std::string(value->get_string())};
}

Result<std::string> JsonReader::required_string(std::string_view key) {
    auto value = TRY(optional_string(key));
    if (!value || value->empty()) {
        return fail(Error::invalid(pointer_to(key), InvalidReason::Required,
                                   fmt::format("'{}' is required.", key)));
    }
    return *value;
}

Result<std::optional<std::int64_t>> JsonReader::optional_integer(std::string_view key) {
    const auto* value = find(key);
    if (value == nullptr)
        return std::optional<std::int64_t>{};
    if (value->is_int64())
        return std::optional<std::int64_t>{value->get_int64()};
    if (value->is_uint64() && value->get_uint64() <= INT64_MAX) {
        return std::optional<std::int64_t>{static_cast<std::int64_t>(value->get_uint64())};
    }
    return fail(Error::invalid(pointer_to(key), InvalidReason::NotAnInteger,
                               fmt::format("'{}' must be an integer.", key)));
}

Result<std::optional<bool>> JsonReader::optional_bool(std::string_view key) {
    const auto* value = find(key);
    if (value == nullptr)
        return std::optional<bool>{};
    if (!value->is_bool()) {
        return fail(Error::invalid(pointer_to(key), InvalidReason::NotABoolean,
                                   fmt::format("'{}' must be true or false.", key)));
    }
    return std::optional<bool>{value->get_bool()};
}

Result<std::optional<Date>> JsonReader::optional_date(std::string_view key) {
    auto text = TRY(optional_string(key));
    if (!text)
        return std::optional<Date>{};
    auto date = parse_date(*text);
    if (!date) {
        return fail(Error::invalid(
            pointer_to(key), InvalidReason::NotADate,
            fmt::format("'{}' must be a real calendar date written YYYY-MM-DD.", key)));
    }
    return std::optional<Date>{*date};
}

Result<std::vector<std::string>> JsonReader::string_list(std::string_view key) {
    const auto* value = find(key);
    std::vector<std::string> out;
    if (value == nullptr)
        return out;
    if (!value->is_array()) {
        return fail(Error::invalid(pointer_to(key), InvalidReason::NotAList,
                                   fmt::format("'{}' must be a list of strings.", key)));
    }
    const auto& array = value->get_array();
    for (std::size_t i = 0; i < array.size(); ++i) {
        if (!array[i].is_string()) {
            return fail(Error::invalid(fmt::format("{}/{}", pointer_to(key), i),
                                       InvalidReason::NotAList,
                                       fmt::format("'{}' must be a list of strings.", key)));
        }
        out.emplace_back(array[i].get_string());
    }
    return out;
}

Result<std::optional<std::string>> JsonReader::optional_country(std::string_view key) {
    auto code = TRY(optional_string(key));
    if (code && find_country(*code) == nullptr) {
        return fail(Error::invalid(
            pointer_to(key), InvalidReason::NotACountry,
            fmt::format("'{}' must be an ISO 3166-1 alpha-2 country code such as GT or SV.", key)));
    }
    return code;
}

Result<std::optional<std::string>> JsonReader::optional_choice(
    std::string_view key, std::span<const std::string_view> allowed) {
    auto text = TRY(optional_string(key));
    if (text && std::find(allowed.begin(), allowed.end(), *text) == allowed.end()) {
        return fail(
            Error::invalid(pointer_to(key), InvalidReason::NotInVocabulary,
                           fmt::format("'{}' must be one of: {}.", key, join_allowed(allowed))));
    }
    return text;
}

Result<std::vector<std::string>> JsonReader::choice_list(
    std::string_view key, std::span<const std::string_view> allowed) {
    auto values = TRY(string_list(key));
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (std::find(allowed.begin(), allowed.end(), values[i]) == allowed.end()) {
            return fail(Error::invalid(
                fmt::format("{}/{}", pointer_to(key), i), InvalidReason::NotInVocabulary,
                fmt::format("'{}' values must be among: {}.", key, join_allowed(allowed))));
        }
    }
    return values;
}

Result<const json::object*> JsonReader::optional_object(std::string_view key) {
    const auto* value = find(key);
    if (value == nullptr)
        return static_cast<const json::object*>(nullptr);
    if (!value->is_object()) {
        return fail(Error::invalid(pointer_to(key), InvalidReason::NotAnObject,
                                   fmt::format("'{}' must be an object.", key)));
    }
    return &value->get_object();
}

Status JsonReader::finish() const {
    for (const auto& field : m_object) {
        if (!m_seen.contains(field.key())) {
            Error error{
                ErrorCode::UnknownField,
                fmt::format("'{}' is not a field of this object.", std::string_view(field.key())),
                {},
                pointer_to(field.key())};
            return fail(std::move(error));
        }
    }
    return {};
}

std::string to_json_text(const json::value& value) {
    return json::serialize(value);
}

}  // namespace retorno
