#include "domain/user.h"

#include <array>
#include <utility>

namespace retorno {

namespace {

constexpr std::array<std::pair<Role, std::string_view>, 7> kRoles{{
    {Role::Caseworker, "caseworker"},
    {Role::Psychologist, "psychologist"},
    {Role::LegalOfficer, "legal_officer"},
    {Role::ConsularOfficer, "consular_officer"},
    {Role::Supervisor, "supervisor"},
    {Role::StatisticsCoordinator, "statistics_coordinator"},
    {Role::Administrator, "administrator"},
}};

}  // namespace

std::string_view to_string(Role role) {
    for (const auto& [r, name] : kRoles) {
        if (r == role)
            return name;
    }
    return "unknown";
}

std::optional<Role> parse_role(std::string_view text) {
    for (const auto& [r, name] : kRoles) {
        if (name == text)
            return r;
    }
    return std::nullopt;
}

}  // namespace retorno
