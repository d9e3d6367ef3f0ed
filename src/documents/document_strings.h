#pragma once

#include "core/error.h"
#include "core/string_bundle.h"
#include "protocol/definition.h"

namespace retorno::documents {

// The text of the documents in one language, from locales/documents/<language>.json (compiled
// into the binary). Fails only when a bundle is not a flat JSON object of strings.
Result<const StringBundle*> document_strings(protocol::Language language);

}  // namespace retorno::documents
