#pragma once

#include "http/router.h"
#include "web/web_context.h"

namespace retorno::web {

// Registers every page of the web application (docs/web.md). Pages live outside /api/ and are
// not in the OpenAPI document; each has rows in the authorisation matrix like any route.
// A module that adds pages writes an add_*_pages function beside these and calls add_page
// (web/page.h) with render_page for its templates.
void add_web_routes(http::Router& router, WebContext& web);

void add_static_routes(http::Router& router, WebContext& web);    // pages_static.cpp
void add_sign_in_pages(http::Router& router, WebContext& web);    // pages_sign_in.cpp
void add_account_pages(http::Router& router, WebContext& web);    // pages_account.cpp
void add_inbox_pages(http::Router& router, WebContext& web);      // pages_inbox.cpp
void add_search_pages(http::Router& router, WebContext& web);     // pages_search.cpp
void add_case_pages(http::Router& router, WebContext& web);       // pages_case.cpp
void add_document_pages(http::Router& router, WebContext& web);   // pages_documents.cpp
void add_dashboard_pages(http::Router& router, WebContext& web);  // pages_dashboard.cpp
void add_admin_institution_pages(http::Router& router,
                                 WebContext& web);                 // pages_admin_institutions.cpp
void add_admin_user_pages(http::Router& router, WebContext& web);  // pages_admin_users.cpp

}  // namespace retorno::web
