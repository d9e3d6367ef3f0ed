#pragma once

#include <string>

#include "access/case_access.h"
#include "core/error.h"
#include "core/time.h"
#include "documents/document.h"
#include "documents/document_kind.h"
#include "protocol/definition.h"
#include "service/case_service.h"
#include "store/store.h"

namespace retorno::documents {

// The documents of a case as a signed-in user may print them. The case is read through
// access::CaseAccess, so that a user of an institution that is not a party gets the same 404
// as for a missing case, the document shows only what the user's role may see, and every
// download leaves one audit entry, like any other read.
class CaseDocuments {
  public:
    CaseDocuments(access::CaseAccess& access, CaseService& cases, Store& store, const Clock& clock)
        : m_access(access), m_cases(cases), m_store(store), m_clock(clock) {}

    // The document as data (an audited read).
    Result<Document> compose(DocumentKind kind, const Id& case_id, const Actor& actor,
                             protocol::Language language);
    // The document as a PDF (an audited read).
    Result<std::string> render(DocumentKind kind, const Id& case_id, const Actor& actor,
                               protocol::Language language);

  private:
    access::CaseAccess& m_access;
    CaseService& m_cases;
    Store& m_store;
    const Clock& m_clock;
};

}  // namespace retorno::documents
