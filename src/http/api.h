#pragma once

#include "http/http_types.h"
#include "http/router.h"
#include "service/case_service.h"

namespace retorno::http {

// What the API handlers need: the use cases and the limits. One instance per server.
struct ApiContext {
    CaseService& cases;
    Store& store;
    Limits limits;
};

// Registers every route of the service. The OpenAPI document (openapi.json) must describe
// exactly these routes; tests/http/openapi_test.cpp checks it both ways.
void add_api_routes(Router& router, ApiContext& context);

void add_meta_routes(Router& router, ApiContext& context);   // api_meta.cpp
void add_case_routes(Router& router, ApiContext& context);   // api_cases.cpp

// The OpenAPI 3.1 document, compiled in from src/http/openapi.json.
std::string_view openapi_document();

}  // namespace retorno::http
