#pragma once

#include <string>
#include <unordered_map>

#include "core/error.h"
#include "store/store.h"

namespace retorno::web {

// The names that a page shows for the institutions and users its entries name by id, each
// looked up in the store once per page. A case's timeline and its access log (up to 500
// entries) name the same few institutions and people again and again; looking each up every
// time cost two statements per entry, and on PostgreSQL two round trips.
class DisplayNames {
  public:
    explicit DisplayNames(Store& store) : m_store(store) {}

    // The institution's name: "retorno" for an empty id (the service's own entries), the id
    // itself when it names no institution.
    Result<std::string> institution(const std::string& id);
    // The user's display name; the id itself when it names no user.
    Result<std::string> user(const std::string& id);

  private:
    Store& m_store;
    std::unordered_map<std::string, std::string> m_institutions;
    std::unordered_map<std::string, std::string> m_users;
};

}  // namespace retorno::web
