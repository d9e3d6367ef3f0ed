#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/id.h"

namespace retorno {

enum class Role {
    Caseworker,
    Psychologist,
    LegalOfficer,
    ConsularOfficer,
    Supervisor,
    StatisticsCoordinator,  // aggregate data only, never a name
    Administrator,          // manages users and institutions, sees no case content
};

std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);

struct User {
    Id id;
    std::string username;
    std::string display_name;
    Id institution_id;
    std::vector<Role> roles;
    std::string password_hash;  // Argon2id, libsodium's encoded form; never logged
    bool disabled = false;
    // The language of the pages for this user, "es" or "en" (migration 4); chosen on the account
    // page and applied at sign-in.
    std::string language = "es";
};

}  // namespace retorno
