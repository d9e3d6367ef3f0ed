#include "documents/case_documents.h"
#include "http/api.h"

namespace retorno::http {

namespace {

// ?lang=es or ?lang=en, else the signed-in user's own language (the account page's); no other
// query parameter.
Result<protocol::Language> document_language(const Request& request,
                                             access::AccessServices& security) {
    // Kept in its Result, not moved out by TRY: g++ 12 at -O3 warns (maybe-uninitialized, an
    // error here) on the moved-out string of a Result<std::string> compared in place.
    const auto own = security.auth.language(request.actor);
    if (!own)
        return fail(own.error());
    auto language = *own == "en" ? protocol::Language::En : protocol::Language::Es;
    for (const auto& [name, value] : request.query) {
        if (name != "lang") {
            return fail(Error{ErrorCode::UnknownField,
                              "'" + name + "' is not a parameter of this document.",
                              {},
                              "?" + name});
        }
        if (value == "es") {
            language = protocol::Language::Es;
        } else if (value == "en") {
            language = protocol::Language::En;
        } else {
            return fail(Error::invalid("?lang", "'lang' must be es or en."));
        }
    }
    return language;
}

}  // namespace

void add_document_routes(Router& router, ApiContext& context) {
    for (auto kind : documents::all_document_kinds()) {
        std::string name(documents::file_name(kind));
        router.add("GET", "/api/v1/cases/{id}/documents/" + name,
                   [&context, kind, name](const Request& request,
                                          const PathParams& params) -> Result<Response> {
                       // An id that cannot exist is answered exactly like one that does not exist.
                       auto id = Id::parse(params.at("id"));
                       if (!id)
                           return fail(access::case_not_found());
                       auto* security = TRY(security_of(context));
                       auto language = TRY(document_language(request, *security));
                       static const SystemClock clock;
                       documents::CaseDocuments documents(security->cases, context.cases,
                                                          context.store, clock);
                       auto pdf = TRY(documents.render(kind, *id, request.actor, language));
                       Response response{200, "application/pdf", std::move(pdf), {}};
                       response.headers.emplace_back(
                           "Content-Disposition",
                           "inline; filename=\"" + id->to_string() + "-" + name + "\"");
                       return response;
                   });
    }
}

}  // namespace retorno::http
