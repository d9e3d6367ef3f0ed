#include "http/json_body.h"

#include <fmt/format.h>
#include <boost/json.hpp>

namespace retorno::http {

namespace json = boost::json;

namespace {

// Finds the first string or key longer than the limit and answers its JSON Pointer.
std::optional<std::string> find_long_string(const json::value& value, std::size_t limit,
                                            const std::string& pointer) {
    switch (value.kind()) {
        case json::kind::string:
            if (value.get_string().size() > limit)
                return pointer;
            return std::nullopt;
        case json::kind::array: {
            const auto& array = value.get_array();
            for (std::size_t i = 0; i < array.size(); ++i) {
                if (auto found =
                        find_long_string(array[i], limit, fmt::format("{}/{}", pointer, i))) {
                    return found;
                }
            }
            return std::nullopt;
        }
        case json::kind::object:
            for (const auto& field : value.get_object()) {
                if (field.key().size() > limit)
                    return pointer;
                auto child = pointer + "/" + std::string(field.key());
                if (auto found = find_long_string(field.value(), limit, child))
                    return found;
            }
            return std::nullopt;
        default:
            return std::nullopt;
    }
}

}  // namespace

Result<json::object> parse_json_body(const Request& request, const Limits& limits) {
    const auto* type = request.header("content-type");
    if (type == nullptr || type->rfind("application/json", 0) != 0) {
        return fail(
            Error::make(ErrorCode::UnsupportedMediaType,
                        "The body must be JSON, sent with Content-Type: application/json."));
    }
    json::parse_options options;
    options.max_depth = limits.json_depth;
    json::stream_parser parser({}, options);
    boost::system::error_code ec;
    parser.write(request.body.data(), request.body.size(), ec);
    if (!ec)
        parser.finish(ec);
    if (ec == json::error::too_deep) {
        return fail(Error::make(
            ErrorCode::NestingTooDeep,
            fmt::format("The JSON body is nested more than {} levels deep.", limits.json_depth)));
    }
    if (ec) {
        return fail(Error::make(ErrorCode::MalformedJson,
                                fmt::format("The body is not valid JSON: {}.", ec.message())));
    }
    json::value value = parser.release();
    if (!value.is_object()) {
        return fail(Error::make(ErrorCode::MalformedJson, "The body must be a JSON object."));
    }
    if (auto pointer = find_long_string(value, limits.string_bytes, "")) {
        Error error = Error::make(
            ErrorCode::StringTooLong,
            fmt::format("A string in the body is longer than {} bytes.", limits.string_bytes));
        error.field = *pointer;
        return fail(std::move(error));
    }
    return std::move(value.get_object());
}

}  // namespace retorno::http
