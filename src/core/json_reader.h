#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/fwd.hpp>

#include "core/error.h"
#include "core/time.h"

namespace retorno {

// Reads a JSON object field by field for a decoder, and reports exactly which field was wrong
// as a JSON Pointer. Every field read is remembered, so that `finish()` can refuse the fields
// that nobody asked for: an unknown field is an error, never silently dropped.
class JsonReader {
  public:
    JsonReader(const boost::json::object& object, std::string pointer);

    // Each getter answers nullopt when the field is absent or null, and an error when it is
    // present with the wrong type or an invalid value.
    Result<std::optional<std::string>> optional_string(std::string_view key);
    Result<std::string> required_string(std::string_view key);
    Result<std::optional<std::int64_t>> optional_integer(std::string_view key);
    Result<std::optional<bool>> optional_bool(std::string_view key);
    Result<std::optional<Date>> optional_date(std::string_view key);
    Result<std::vector<std::string>> string_list(std::string_view key);
    // An ISO 3166-1 alpha-2 code, checked against the country table.
    Result<std::optional<std::string>> optional_country(std::string_view key);
    // One value from a closed vocabulary.
    Result<std::optional<std::string>> optional_choice(std::string_view key,
                                                       std::span<const std::string_view> allowed);
    Result<std::vector<std::string>> choice_list(std::string_view key,
                                                 std::span<const std::string_view> allowed);
    // A nested object; nullptr when absent.
    Result<const boost::json::object*> optional_object(std::string_view key);

    // Refuses any field that no getter read.
    Status finish() const;

    std::string pointer_to(std::string_view key) const;

  private:
    const boost::json::value* find(std::string_view key);

    const boost::json::object& m_object;
    std::string m_pointer;
    std::set<std::string, std::less<>> m_seen;
};

// Converts a JSON value to text; used for logs and projections.
std::string to_json_text(const boost::json::value& value);

}  // namespace retorno
