#pragma once

#include <string>

#include "support/api/http_client.h"

namespace retorno::testing {

// Opens a case with sample_case_body() (POST /api/v1/cases, as the client's user) and answers
// its id. A refusal fails the test with the status and the body and answers "", which a caller
// that cannot go on without the case asserts against.
std::string open_sample_case(const HttpClient& client);

}  // namespace retorno::testing
