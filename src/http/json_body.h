#pragma once

#include <boost/json/object.hpp>

#include "core/error.h"
#include "http/http_types.h"

namespace retorno::http {

// Parses a request body as a JSON object within the limits: the media type must be JSON, the
// nesting no deeper than `json_depth` and no string (or key) longer than `string_bytes`. Each
// violation has its own error code. (The body size limit is enforced while reading.)
Result<boost::json::object> parse_json_body(const Request& request, const Limits& limits);

}  // namespace retorno::http
