#pragma once

#include <cstdint>

#include <boost/json/object.hpp>

#include "core/error.h"
#include "core/id.h"
#include "crypto/field_cipher.h"

namespace retorno {

// Encryption at rest of the sensitive fields (domain/sensitivity.h) of what the stores write:
// case documents (the projection) and event data. Each sensitive value is serialised as JSON,
// sealed on its own (crypto/field_cipher.h) and replaced by the sealed text; everything else
// (status, countries, steps, versions, hashes) stays readable, so the stores can still index
// and filter on it. The associated data of a field is "retorno-field:1:CASE:PLACE:PATH", PLACE
// being "case" for the projection or the event's id, so that no ciphertext can be moved to
// another field, event or case without failing to decrypt.
//
// With a null cipher, sealing writes plaintext (raw stores of tests and benchmarks), and
// opening refuses a document that holds sealed fields. Opening leaves values that are not
// sealed as they are: data written before encryption existed stays readable, and `retorno keys
// rotate` seals it.
Status seal_case_document(boost::json::object& document, FieldCipher* cipher);
Status open_case_document(boost::json::object& document, FieldCipher* cipher);
Status seal_event_data(boost::json::object& data, const Id& case_id, const Id& event_id,
                       FieldCipher* cipher);
Status open_event_data(boost::json::object& data, const Id& case_id, const Id& event_id,
                       FieldCipher* cipher);

// What a rotation pass does to one document: Reseal re-encrypts, under the current key, every
// sensitive field under another key or in clear; Count only counts them.
enum class ResealMode { Reseal, Count };

// Answers how many fields were (or, with Count, would be) re-encrypted.
Result<std::int64_t> reseal_case_document(boost::json::object& document, FieldCipher& cipher,
                                          ResealMode mode);
Result<std::int64_t> reseal_event_data(boost::json::object& data, const Id& case_id,
                                       const Id& event_id, FieldCipher& cipher, ResealMode mode);

}  // namespace retorno
