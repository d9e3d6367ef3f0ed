#pragma once

#include "core/error.h"
#include "http/http_types.h"

namespace retorno::http {

// The HTTP status of each error code.
int status_of(ErrorCode code);

// Renders an error as RFC 9457 application/problem+json. Only the public message and the
// offending field go out; the internal detail never does. This is the only place where
// errors become responses.
Response problem_response(const Error& error, const std::string& instance);

}  // namespace retorno::http
