#include "domain/event_hash.h"

#include <sodium.h>
#include <boost/json.hpp>

namespace retorno {

std::string event_hash(const Event& event) {
    boost::json::object canonical;
    canonical["previous_hash"] = event.previous_hash;
    canonical["id"] = event.id.to_string();
    canonical["case_id"] = event.case_id.to_string();
    canonical["version"] = event.version;
    canonical["kind"] = to_string(event.kind);
    canonical["step"] = event.step;
    canonical["data"] = event.data;
    canonical["actor_user"] = event.actor_user;
    canonical["actor_institution"] = event.actor_institution;
    canonical["recorded_at"] = format_timestamp(event.recorded_at);
    // Boost.JSON keeps insertion order, so the serialisation is stable for identical input.
    std::string text = boost::json::serialize(canonical);
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

}  // namespace retorno
