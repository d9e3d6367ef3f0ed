#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace retorno::documents {

// The documents the server prints for a case.
enum class DocumentKind {
    HandoverRecord,       // acta de entrega, signed by the delivering and receiving officials
    CaseSummary,          // for the authority that decides the child's best interests
    EscortAuthorisation,  // authorises the escort to accompany the child on the return
};

const std::vector<DocumentKind>& all_document_kinds();
// The last segment of the document's address: "handover-record.pdf".
std::string_view file_name(DocumentKind kind);
// What the download is, for the audit trail: "download handover record".
std::string_view audit_reason(DocumentKind kind);

}  // namespace retorno::documents
