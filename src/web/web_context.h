#pragma once

#include <filesystem>
#include <memory>

#include "access/access_services.h"
#include "core/error.h"
#include "http/http_types.h"
#include "protocol/registry.h"
#include "reports/dashboard_cache.h"
#include "service/case_service.h"
#include "store/store.h"
#include "web/locales.h"
#include "web/static_files.h"
#include "web/templates.h"

namespace retorno::web {

// What the pages need: the same use cases as the API (through access control), the protocol
// definitions that drive the forms, and the assets read at start-up. One instance per server.
struct WebContext {
    CaseService& cases;
    Store& store;
    access::AccessServices& security;
    const protocol::ProtocolRegistry& protocols;
    const Clock& clock;
    http::Limits limits;
    Locales locales;
    Templates templates;
    StaticFiles statics;
    // The strings of each language as the templates see them: {{t.section.key}}.
    Data texts_es;
    Data texts_en;
    // Where the dashboard reads: the read replica when the deployment has one (as the API's
    // reports, http::ApiContext::reports); null means `store`.
    Store* reports = nullptr;
    // The dashboard as last computed, shared with the API and refreshed by `retorno serve` on a
    // schedule; null gives the pages a cache of their own.
    std::shared_ptr<::retorno::reports::DashboardCache> dashboards;

    const Data& texts(Lang lang) const { return lang == Lang::Es ? texts_es : texts_en; }
};

// Reads locales/, web/templates/ and web/static/ under `resources` (core/resources.h) and
// builds the context; a missing or broken asset is an error at start-up.
Result<std::unique_ptr<WebContext>> make_web_context(const std::filesystem::path& resources,
                                                     CaseService& cases, Store& store,
                                                     access::AccessServices& security,
                                                     const protocol::ProtocolRegistry& protocols,
                                                     const Clock& clock, http::Limits limits);

}  // namespace retorno::web
