#include "documents/case_documents.h"
#include "web/page.h"
#include "web/pages.h"

namespace retorno::web {

// The printed documents of a case for a browser: the same use case as the API's
// /api/v1/cases/{id}/documents/*.pdf (documents::CaseDocuments, which reads the case through
// access::CaseAccess: the policy's 404 for a case the reader may not see, redaction for the
// reader's role, one audit entry per download), authenticated by the session cookie. The
// language is the page's.
void add_document_pages(http::Router& router, WebContext& web) {
    for (auto kind : documents::all_document_kinds()) {
        std::string name(documents::file_name(kind));
        add_page(router, web, "GET", "/cases/{id}/documents/" + name,
                 [kind, name](WebContext& web, const Page& page) -> Result<http::Response> {
                     auto id = Id::parse(page.param("id"));
                     if (!id)
                         return fail(access::case_not_found());
                     documents::CaseDocuments documents(web.security.cases, web.cases, web.store,
                                                        web.clock);
                     auto pdf =
                         TRY(documents.render(kind, *id, page.actor, protocol_language(page.lang)));
                     http::Response response{200, "application/pdf", std::move(pdf), {}};
                     response.headers.emplace_back(
                         "Content-Disposition",
                         "inline; filename=\"" + id->to_string() + "-" + name + "\"");
                     response.headers.emplace_back("Cache-Control", "no-store");
                     return response;
                 });
    }
}

}  // namespace retorno::web
