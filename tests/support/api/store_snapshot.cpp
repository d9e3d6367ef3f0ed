#include "support/api/store_snapshot.h"

#include <boost/json.hpp>

#include <stdexcept>

#include "domain/case.h"

namespace retorno::testing {
namespace {

template <typename T>
T must(Result<T> result, const char* what) {
    if (!result)
        throw std::runtime_error(std::string("store snapshot: cannot read ") + what);
    return std::move(*result);
}

}  // namespace

std::string store_snapshot(Store& store) {
    std::string out = "events " + std::to_string(must(store.count_events(), "events")) + "\n";
    CaseFilter all;
    all.limit = 1000;
    const auto page = must(store.list_cases(all), "cases");
    for (const auto& c : page.cases) {
        out += boost::json::serialize(case_to_json(c)) + "\n";
        for (const auto& share : must(store.case_shares(c.id), "shares")) {
            out += " share " + share.institution_id.to_string() + " " + share.purpose + " " +
                   share.legal_basis + "\n";
        }
    }
    for (const auto& user : must(store.list_users(), "users")) {
        out += "user " + user.username + " " + user.institution_id.to_string() + " " +
               user.language + (user.disabled ? " disabled " : " enabled ") + user.password_hash;
        for (auto role : user.roles)
            out += " " + std::string(to_string(role));
        out += "\n";
    }
    for (const auto& institution : must(store.list_institutions(), "institutions")) {
        out += "institution " + institution.id.to_string() + " " + institution.country + " " +
               institution.type + " " + institution.name + " " +
               (institution.parent ? institution.parent->to_string() : "-") + "\n";
    }
    return out;
}

}  // namespace retorno::testing
