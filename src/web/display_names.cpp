#include "web/display_names.h"

namespace retorno::web {

Result<std::string> DisplayNames::institution(const std::string& id) {
    if (id.empty())
        return std::string("retorno");
    if (auto known = m_institutions.find(id); known != m_institutions.end())
        return known->second;
    std::string name = id;
    if (auto parsed = Id::parse(id)) {
        if (auto found = TRY(m_store.find_institution(*parsed)))
            name = found->name;
    }
    return m_institutions.emplace(id, std::move(name)).first->second;
}

Result<std::string> DisplayNames::user(const std::string& id) {
    if (auto known = m_users.find(id); known != m_users.end())
        return known->second;
    std::string name = id;
    if (auto parsed = Id::parse(id)) {
        if (auto found = TRY(m_store.find_user(*parsed)))
            name = found->display_name;
    }
    return m_users.emplace(id, std::move(name)).first->second;
}

}  // namespace retorno::web
