#pragma once

#include <optional>
#include <string>

#include "audit/signing_key.h"
#include "core/error.h"
#include "core/time.h"
#include "store/store.h"

namespace retorno::audit {

// What one audited action was: who (user, institution, address), what (action, case,
// categories of personal data) and why. Never the data itself.
struct Record {
    std::string actor_user;
    std::string actor_institution;
    std::string address;
    std::string action;
    std::string case_id;
    std::string categories;
    std::string reason;
};

// Appends to the hash-chained audit log in the store and, when it holds the signing key,
// re-signs the head of the day after each append.
class AuditTrail {
  public:
    AuditTrail(Store& store, const Clock& clock, std::optional<SigningKey> key = std::nullopt)
        : m_store(store), m_clock(clock), m_key(std::move(key)) {}

    Status record(const Record& record);

    Store& store() { return m_store; }

  private:
    Store& m_store;
    const Clock& m_clock;
    std::optional<SigningKey> m_key;
};

}  // namespace retorno::audit
