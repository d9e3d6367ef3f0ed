#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/fwd.hpp>

#include "core/time.h"

namespace retorno {

// Reads back the JSON documents that retorno itself wrote (case projections), field by field,
// without validating their values again: they were validated when they were recorded, and
// reading them is on the path of every case read. A field of the wrong type throws
// std::invalid_argument or boost::system::system_error; the caller turns that into an
// internal error, since only retorno writes these documents.
namespace stored_json {

// The text of `key`, or "" when it is absent.
std::string text(const boost::json::object& object, std::string_view key);
// The texts of the array at `key`, or none when it is absent.
std::vector<std::string> texts(const boost::json::object& object, std::string_view key);
std::optional<int> integer(const boost::json::object& object, std::string_view key);
std::optional<Date> date(const boost::json::object& object, std::string_view key);

}  // namespace stored_json

}  // namespace retorno
