#include "core/stored_json.h"

#include <stdexcept>

#include <boost/json.hpp>

namespace retorno::stored_json {

namespace json = boost::json;

std::string text(const json::object& object, std::string_view key) {
    const auto* value = object.if_contains(key);
    if (value == nullptr)
        return {};
    return std::string(value->as_string());
}

std::vector<std::string> texts(const json::object& object, std::string_view key) {
    std::vector<std::string> out;
    const auto* value = object.if_contains(key);
    if (value == nullptr)
        return out;
    const auto& array = value->as_array();
    out.reserve(array.size());
    for (const auto& item : array)
        out.emplace_back(item.as_string());
    return out;
}

std::optional<int> integer(const json::object& object, std::string_view key) {
    const auto* value = object.if_contains(key);
    if (value == nullptr)
        return std::nullopt;
    return static_cast<int>(value->as_int64());
}

std::optional<Date> date(const json::object& object, std::string_view key) {
    const auto* value = object.if_contains(key);
    if (value == nullptr)
        return std::nullopt;
    auto day = parse_date(value->as_string());
    if (!day)
        throw std::invalid_argument(std::string(key) + " is not a date");
    return *day;
}

}  // namespace retorno::stored_json
