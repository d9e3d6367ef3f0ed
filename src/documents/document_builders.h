#pragma once

#include "documents/document_kind.h"
#include "documents/document_parts.h"

namespace retorno::documents {

// Each builder makes a document from what the reader may see of a case. A field not yet
// recorded (or not visible to the reader) is left as a line to fill in by hand.
Document handover_record(const CaseFile& file, const Formatter& format, const IssueInfo& issue);
Document case_summary(const CaseFile& file, const Formatter& format, const IssueInfo& issue);
Document escort_authorisation(const CaseFile& file, const Formatter& format,
                              const IssueInfo& issue);

Document build_document(DocumentKind kind, const CaseFile& file, const Formatter& format,
                        const IssueInfo& issue);

}  // namespace retorno::documents
