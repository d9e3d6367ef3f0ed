#include "web/pages.h"

namespace retorno::web {

void add_web_routes(http::Router& router, WebContext& web) {
    add_static_routes(router, web);
    add_sign_in_pages(router, web);
    add_account_pages(router, web);
    add_inbox_pages(router, web);
    add_search_pages(router, web);
    add_case_pages(router, web);
    add_document_pages(router, web);
    add_dashboard_pages(router, web);
    add_admin_institution_pages(router, web);
    add_admin_user_pages(router, web);
}

}  // namespace retorno::web
