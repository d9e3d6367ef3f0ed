#include "documents/document_kind.h"

namespace retorno::documents {

const std::vector<DocumentKind>& all_document_kinds() {
    static const std::vector<DocumentKind> all{
        DocumentKind::HandoverRecord, DocumentKind::CaseSummary, DocumentKind::EscortAuthorisation};
    return all;
}

std::string_view file_name(DocumentKind kind) {
    switch (kind) {
        case DocumentKind::HandoverRecord:
            return "handover-record.pdf";
        case DocumentKind::CaseSummary:
            return "case-summary.pdf";
        case DocumentKind::EscortAuthorisation:
            return "escort-authorisation.pdf";
    }
    return "handover-record.pdf";
}

std::string_view audit_reason(DocumentKind kind) {
    switch (kind) {
        case DocumentKind::HandoverRecord:
            return "download handover record";
        case DocumentKind::CaseSummary:
            return "download case summary";
        case DocumentKind::EscortAuthorisation:
            return "download escort authorisation";
    }
    return "download document";
}

}  // namespace retorno::documents
