#pragma once

#include "access/access_services.h"
#include "http/http_types.h"
#include "http/router.h"
#include "reports/dashboard_cache.h"
#include "service/case_service.h"

namespace retorno::http {

// What the API handlers need: the use cases and the limits. One instance per server.
// `security` is required for every route but /healthz, the OpenAPI document and sign-in; when
// it is missing those routes answer 401 (fail closed).
struct ApiContext {
    CaseService& cases;
    Store& store;
    Limits limits;
    access::AccessServices* security = nullptr;
    // Where reports and dashboards read: a read replica when the deployment has one
    // (`read_database`); null means the store itself.
    Store* reports = nullptr;
    // The dashboard as last computed, shared with the pages and refreshed by `retorno serve`
    // on a schedule; null gives the route a cache of its own.
    std::shared_ptr<::retorno::reports::DashboardCache> dashboards;
};

// The store that reports read from (see ApiContext::reports).
inline Store& report_store(ApiContext& context) {
    return context.reports != nullptr ? *context.reports : context.store;
}

// Registers every route of the service. The OpenAPI document (openapi.json) must describe
// exactly these routes; tests/http/openapi_test.cpp checks it both ways.
void add_api_routes(Router& router, ApiContext& context);

void add_meta_routes(Router& router, ApiContext& context);      // api_meta.cpp
void add_case_routes(Router& router, ApiContext& context);      // api_cases.cpp
void add_session_routes(Router& router, ApiContext& context);   // api_sessions.cpp
void add_share_routes(Router& router, ApiContext& context);     // api_shares.cpp
void add_document_routes(Router& router, ApiContext& context);  // api_documents.cpp
void add_report_routes(Router& router, ApiContext& context);    // api_reports.cpp
void add_person_routes(Router& router, ApiContext& context);    // api_persons.cpp

// The access services of the context, or Internal when the server was built without them.
Result<access::AccessServices*> security_of(ApiContext& context);

// The OpenAPI 3.1 document, compiled in from src/http/openapi.json.
std::string_view openapi_document();

}  // namespace retorno::http
