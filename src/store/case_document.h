#pragma once

#include <string_view>

#include "core/error.h"
#include "crypto/field_cipher.h"
#include "domain/case.h"

namespace retorno {

// Reads a case from the projection document that a store holds (the JSON that
// seal_case_document wrote): parses it, opens its sealed fields and decodes the case. Both
// stores call it for every case they read, so it parses into a stack arena rather than the
// heap. A document that does not read is an internal error: only retorno writes them.
Result<Case> case_from_document(std::string_view text, FieldCipher* cipher);

}  // namespace retorno
