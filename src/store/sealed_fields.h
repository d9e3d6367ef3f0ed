#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

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
// opening refuses a document that holds sealed sensitive fields. Opening leaves values that
// are not sealed as they are: data written before encryption existed stays readable, and
// `retorno keys rotate` seals it. A field that is no longer sensitive (a protocol changed its
// `sensitivity:` to none) is opened if its value was sealed by us (it authenticates), and
// `retorno keys rotate` stores it in clear; text that merely looks sealed is left alone.
Status seal_case_document(boost::json::object& document, FieldCipher* cipher);
Status open_case_document(boost::json::object& document, FieldCipher* cipher);
// Opens one value of a case document's "person" or "victim" object (`object`) exactly as
// open_case_document would: the value decrypted and parsed when `text` is sealed and opens;
// nothing when the value stays as it is. For readers that do not build the document's tree.
Result<std::optional<boost::json::value>> open_case_field(std::string_view case_id,
                                                          std::string_view object,
                                                          std::string_view key,
                                                          std::string_view text,
                                                          FieldCipher* cipher);
Status seal_event_data(boost::json::object& data, const Id& case_id, const Id& event_id,
                       FieldCipher* cipher);
Status open_event_data(boost::json::object& data, const Id& case_id, const Id& event_id,
                       FieldCipher* cipher);

// A user's TOTP secret, sealed like a sensitive field (associated data "retorno-totp:1:USER"),
// so that a copy of the database does not give away anyone's second factor. With a null cipher
// sealing keeps it in clear (raw stores of tests), and opening refuses a sealed one; opening
// accepts a secret stored in clear before secrets were sealed.
Result<std::string> seal_totp_secret(const std::string& secret, const Id& user_id,
                                     FieldCipher* cipher);
Result<std::string> open_totp_secret(const std::string& stored, const Id& user_id,
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
