#include "documents/case_documents.h"

#include "documents/document_builders.h"
#include "documents/document_strings.h"
#include "documents/font_files.h"
#include "documents/pdf_renderer.h"

namespace retorno::documents {

Result<Document> CaseDocuments::compose(DocumentKind kind, const Id& case_id, const Actor& actor,
                                        protocol::Language language) {
    const auto* strings = TRY(document_strings(language));
    auto seen = TRY(m_access.read_history(case_id, actor, std::string(audit_reason(kind))));
    const Case& current = seen.value.current;
    const auto* definition =
        m_cases.protocols().find(current.protocol_id, current.protocol_version);
    if (definition == nullptr) {
        return fail(Error::make(
            ErrorCode::Unavailable, "The protocol definition of this case is not loaded.",
            current.protocol_id + " version " + std::to_string(current.protocol_version)));
    }
    // Institution names are not personal data; the documents name who acts.
    std::map<std::string, std::string> names;
    for (const auto& institution : TRY(m_store.list_institutions()))
        names[institution.id.to_string()] = institution.name;
    CaseFile file(seen.value, seen.visibility, *definition, std::move(names));
    Formatter format(*strings, language);
    IssueInfo issue{m_clock.now(), file.institution_name(actor.institution_id)};
    return build_document(kind, file, format, issue);
}

Result<std::string> CaseDocuments::render(DocumentKind kind, const Id& case_id, const Actor& actor,
                                          protocol::Language language) {
    // The fonts first: a server that cannot print records no download.
    auto fonts = TRY(find_fonts());
    auto document = TRY(compose(kind, case_id, actor, language));
    return render_pdf(document, fonts);
}

}  // namespace retorno::documents
